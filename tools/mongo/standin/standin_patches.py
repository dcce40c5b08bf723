"""Small, targeted patches to mongomock for the Suara stand-in server.

1. TTL: mongomock expires TTL documents on *every* collection access (a full scan each time). A real mongod
   runs a background monitor instead; we do the same (see `expire_ttl_documents`) and turn the eager path off.
2. `_id` fast path: a filter with a plain `_id` equality (the common `{_id, eTag}` case) looks the single
   candidate up by key instead of scanning the whole collection. The full filter is still applied to it.
3. Unique indexes: mongomock checks them by running a query (a full `filter_applies` scan) after every insert and
   update; for scalar keys we compare extracted values directly (same semantics, ~20x cheaper) and fall back to
   mongomock's own check for array/sub-document keys.
"""

import datetime
from collections.abc import Mapping

import bson
import mongomock
from mongomock import DuplicateKeyError, filtering, helpers
from mongomock.collection import Collection
from mongomock.store import CollectionStore

_FAST_ID_TYPES = (str, bson.ObjectId)


def _fast_id(filter_doc):
    """The `_id` value of a filter when it is a plain scalar equality, else None."""
    if not isinstance(filter_doc, Mapping) or '_id' not in filter_doc:
        return None
    value = filter_doc['_id']
    if isinstance(value, _FAST_ID_TYPES):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _iter_documents(self, filter):  # noqa: A002 - mongomock's own parameter name
    doc_id = _fast_id(filter)
    if doc_id is None:
        return _ORIGINAL_ITER(self, filter)
    docs = self._store._documents  # pylint: disable=protected-access
    doc = docs.get(doc_id)
    if doc is None or not filtering.filter_applies(filter, doc):
        return iter(())
    return iter((doc,))


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
    for index in self._store.indexes.values():  # pylint: disable=protected-access
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
        query = dict(zip(keys, values))
        docs = self._store._documents.values()  # pylint: disable=protected-access
        if len(keys) == 1 and '.' not in keys[0]:
            _check_single_key(keys[0], values[0], query, partial, docs)
            continue
        seen = 0
        for doc in docs:
            other = _key_values(doc, keys)
            if other is _COMPLEX:
                if not filtering.filter_applies(query, doc):
                    continue
            elif other != values or any(isinstance(a, bool) != isinstance(b, bool) for a, b in zip(other, values)):
                continue
            if partial is not None and not filtering.filter_applies(partial, doc):
                continue
            seen += 1
            if seen > 1:
                raise DuplicateKeyError('E11000 Duplicate Key Error', 11000)
    return None


def _check_single_key(key, value, query, partial, docs):
    """The common case (one top-level field) in a tight loop."""
    is_bool = isinstance(value, bool)
    seen = 0
    for doc in docs:
        other = doc.get(key)
        if other == value:
            if isinstance(other, bool) != is_bool:
                continue
        elif isinstance(other, (list, dict)):
            if not filtering.filter_applies(query, doc):
                continue
        else:
            continue
        if partial is not None and not filtering.filter_applies(partial, doc):
            continue
        seen += 1
        if seen > 1:
            raise DuplicateKeyError('E11000 Duplicate Key Error', 11000)


_ORIGINAL_ENSURE_UNIQUES = Collection._ensure_uniques  # pylint: disable=protected-access
_ORIGINAL_ITER = Collection._iter_documents  # pylint: disable=protected-access
_ORIGINAL_EXPIRE = CollectionStore._expire_documents  # pylint: disable=protected-access


def apply():
    """Install the patches (idempotent)."""
    Collection._iter_documents = _iter_documents  # pylint: disable=protected-access
    Collection._ensure_uniques = _ensure_uniques  # pylint: disable=protected-access
    CollectionStore._remove_expired_documents = lambda self: None  # pylint: disable=protected-access
    mongomock.SERVER_VERSION = '7.0.0'
