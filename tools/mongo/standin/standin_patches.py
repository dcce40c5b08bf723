"""Small, targeted patches to mongomock for the Suara stand-in server.

1. TTL: mongomock expires TTL documents on *every* collection access (a full scan each time). A real mongod
   runs a background monitor instead; we do the same (see `expire_ttl_documents`) and turn the eager path off.
2. Hash look-ups (standin_index): a filter with a plain `_id` equality or `$in`, or an equality on the field that
   leads a declared index, looks its candidates up instead of scanning the whole collection. The full filter is
   still applied to each candidate, in natural order.
3. Unique indexes: mongomock checks them by running a query (a full `filter_applies` scan) after every insert and
   update; for scalar keys we compare extracted values directly, over the hash candidates of the index's first
   field when there are some (same semantics), and fall back to mongomock's own check for array/sub-document keys.
"""

import datetime

import bson
import mongomock
from mongomock import DuplicateKeyError, filtering, helpers
from mongomock.collection import Collection
from mongomock.store import CollectionStore

import standin_index


def _iter_documents(self, filter):  # noqa: A002 - mongomock's own parameter name
    store = self._store  # pylint: disable=protected-access
    keys = standin_index.candidates(store, filter)
    if keys is None:
        return _ORIGINAL_ITER(self, filter)
    return standin_index.iter_matching(store, filter, keys)


def _update(self, *args, **kwargs):
    """mongomock's update; when it fails half-way (a document may be left changed in place, unseen by the hashes),
    the collection's hashes are dropped and rebuilt on next use."""
    try:
        return _ORIGINAL_UPDATE(self, *args, **kwargs)
    except Exception:
        standin_index.forget(self._store)  # pylint: disable=protected-access
        raise


def expire_ttl_documents(client):
    """Delete documents past `expireAfterSeconds` on every TTL index. Returns the number deleted."""
    removed = 0
    server_store = client._store  # pylint: disable=protected-access
    for db_store in list(server_store._databases.values()):  # pylint: disable=protected-access
        for coll_store in list(db_store._collections.values()):  # pylint: disable=protected-access
            for index in list(coll_store._ttl_indexes.values()):  # pylint: disable=protected-access
                before = len(coll_store._documents)  # pylint: disable=protected-access
                _ORIGINAL_EXPIRE(coll_store, index)
                removed += before - len(coll_store._documents)  # pylint: disable=protected-access
    return removed


_SCALARS = (str, int, float, bson.ObjectId, datetime.datetime, type(None))
_COMPLEX = object()


def _key_values(doc, keys):
    out = []
    for key in keys:
        try:
            value = helpers.get_value_by_dot(doc, key)
        except KeyError:
            value = None
        except (IndexError, TypeError, AttributeError):
            return _COMPLEX
        if not isinstance(value, _SCALARS):
            return _COMPLEX
        out.append(value)
    return tuple(out)


def _ensure_uniques(self, new_data):
    """Raise DuplicateKeyError when `new_data` (already stored) shares a unique index's key with another document."""
    store = self._store  # pylint: disable=protected-access
    standin_index.refresh(store, new_data)
    for index in store.indexes.values():
        if not index.get('unique'):
            continue
        keys = [k for k, _ in index['key']]
        values = _key_values(new_data, keys)
        if values is _COMPLEX:
            return _ORIGINAL_ENSURE_UNIQUES(self, new_data)
        if index.get('sparse') and all(v is None for v in values):
            continue
        partial = index.get('partialFilterExpression')
        if partial is not None and not filtering.filter_applies(partial, new_data):
            continue
        same = _same_key(keys, values)
        docs = _unique_candidates(store, keys[0], values[0])
        if sum(1 for doc in docs if same(doc) and (partial is None or filtering.filter_applies(partial, doc))) > 1:
            raise DuplicateKeyError('E11000 Duplicate Key Error', 11000)
    return None


def _unique_candidates(store, field, value):
    """The documents that may share `value` of `field` (the index's first field): hash candidates, else all."""
    documents = store._documents  # pylint: disable=protected-access
    keys = standin_index.field_candidates(store, field, value) if standin_index.hashed(value) else None
    if keys is None:
        return documents.values()
    return (documents[k] for k in keys)


def _same_key(keys, values):
    """A predicate: does a document have these values of the index's `keys` (as a query for them would match)?"""
    query = dict(zip(keys, values))
    if len(keys) == 1 and '.' not in keys[0]:
        key, value = keys[0], values[0]
        is_bool = isinstance(value, bool)

        def same_single(doc):
            other = doc.get(key)
            if other == value:
                return isinstance(other, bool) == is_bool
            return isinstance(other, (list, dict)) and filtering.filter_applies(query, doc)
        return same_single

    def same_compound(doc):
        other = _key_values(doc, keys)
        if other is _COMPLEX:
            return filtering.filter_applies(query, doc)
        return other == values and all(isinstance(a, bool) == isinstance(b, bool) for a, b in zip(other, values))
    return same_compound


_ORIGINAL_ENSURE_UNIQUES = Collection._ensure_uniques  # pylint: disable=protected-access
_ORIGINAL_ITER = Collection._iter_documents  # pylint: disable=protected-access
_ORIGINAL_EXPIRE = CollectionStore._expire_documents  # pylint: disable=protected-access
_ORIGINAL_UPDATE = Collection._update  # pylint: disable=protected-access


def apply():
    """Install the patches (idempotent)."""
    Collection._iter_documents = _iter_documents  # pylint: disable=protected-access
    Collection._ensure_uniques = _ensure_uniques  # pylint: disable=protected-access
    Collection._update = _update  # pylint: disable=protected-access
    standin_index.apply()
    CollectionStore._remove_expired_documents = lambda self: None  # pylint: disable=protected-access
    mongomock.SERVER_VERSION = '7.0.0'
