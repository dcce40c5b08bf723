"""Hash look-ups for the Suara stand-in, so a query or a unique-index check does not scan the whole collection.

mongomock keeps a collection as one OrderedDict (`_id` key -> document) and answers every query by running the
filter over every document. This module narrows that to the documents that can possibly match:
- `{_id: v}` and `{_id: {$in: [...]}}` are looked up by key;
- `{f: v}`, where `f` is the first field of one of the collection's declared indexes (as mongod would use it), is
  looked up in a hash of the documents by their value of `f`, built on first use and kept up to date on every write;
- `{f: {$gt/$gte/$lt/$lte: <date>}}` (such as "written since") on such a field is looked up in a sorted list of
  the documents' dates of `f`, kept the same way.
The full filter is still applied to every candidate, so answers are the same; candidates are returned in natural
(insertion) order, as the full scan returns them.

Only scalar values whose equality is exact in Python and in MongoDB are hashed (str, ObjectId, int but not bool):
a document whose value of `f` is anything else (missing, null, float, bool, date, array, sub-document) sits in an
"other" set that is always a candidate. So a candidate set is never smaller than the true answer. The same holds
for dates: only naive datetimes (as the stand-in stores BSON dates) are sorted; a document with anything else in
`f` is always a candidate.

Keeping the hashes current: mongomock writes documents through `CollectionStore.__setitem__`/`__delitem__`/`drop`
(patched here), except that `Collection._update` changes a stored document IN PLACE; every in-place change it keeps
is followed by `Collection._ensure_uniques(document)` (and every undo by `__setitem__`), which calls `refresh`.
"""

import bisect
import datetime
from collections.abc import Mapping

import bson
from mongomock import filtering, helpers
from mongomock.store import CollectionStore

_OTHER = object()


def hashed(value):
    """True for the values kept in the hash (exact equality in Python and in MongoDB)."""
    return isinstance(value, (str, bson.ObjectId)) or (isinstance(value, int) and not isinstance(value, bool))


class _Field:
    """Document keys by their value of one top-level field: values it `keeps` in a structure of its own (`_add`,
    `_discard`), every other value (or none) in `other`."""

    def __init__(self, field):
        self.field = field
        self.other = {}
        self.slot = {}

    def put(self, key, doc):
        """(Re)index the document stored under `key`."""
        value = doc.get(self.field, _OTHER) if isinstance(doc, Mapping) else _OTHER
        slot = value if value is not _OTHER and self.keeps(value) else _OTHER
        if key in self.slot:
            old = self.slot[key]
            if old is slot or (old is not _OTHER and slot is not _OTHER and type(old) is type(slot) and old == slot):
                return
            self.remove(key)
        self.slot[key] = slot
        if slot is _OTHER:
            self.other[key] = None
        else:
            self._add(key, slot)

    def remove(self, key):
        """Forget the document stored under `key`."""
        if key not in self.slot:
            return
        slot = self.slot.pop(key)
        if slot is _OTHER:
            self.other.pop(key, None)
        else:
            self._discard(key, slot)

    def keeps(self, value):
        raise NotImplementedError

    def _add(self, key, value):
        raise NotImplementedError

    def _discard(self, key, value):
        raise NotImplementedError


class FieldHash(_Field):
    """Document keys by their (hashed) value of one top-level field."""

    def __init__(self, field):
        super().__init__(field)
        self.buckets = {}

    def keeps(self, value):
        return hashed(value)

    def _add(self, key, value):
        self.buckets.setdefault(value, {})[key] = None

    def _discard(self, key, value):
        bucket = self.buckets.get(value)
        if bucket is not None:
            bucket.pop(key, None)
            if not bucket:
                del self.buckets[value]

    def size(self, value):
        """How many candidates `value` has."""
        return len(self.buckets.get(value, ())) + len(self.other)

    def keys(self, value):
        """The keys of every document whose value of the field may equal `value`."""
        return list(self.buckets.get(value, ())) + list(self.other)


def _naive_date(value):
    return isinstance(value, datetime.datetime) and value.tzinfo is None


_RANGE_OPS = ('$gt', '$gte', '$lt', '$lte')
_LATEST = float('inf')


class FieldDates(_Field):
    """Document keys sorted by their (naive datetime) value of one top-level field."""

    def __init__(self, field, order):
        super().__init__(field)
        self.order = order
        self.sorted = []

    def keeps(self, value):
        return _naive_date(value)

    def _add(self, key, value):
        bisect.insort(self.sorted, (value, self.order[key], key))

    def _discard(self, key, value):
        i = bisect.bisect_left(self.sorted, (value, self.order[key]))
        if i < len(self.sorted) and self.sorted[i][2] == key:
            del self.sorted[i]
        else:  # not where expected (cannot happen): fall back to a search
            self.sorted = [entry for entry in self.sorted if entry[2] != key]

    def keys(self, low, high):
        """Keys of the documents whose date lies within [low, high] (None: unbounded), and of all the others."""
        start = 0 if low is None else bisect.bisect_left(self.sorted, (low,))
        end = len(self.sorted) if high is None else bisect.bisect_right(self.sorted, (high, _LATEST))
        return [entry[2] for entry in self.sorted[start:end]] + list(self.other)


def date_bounds(condition):
    """(low, high) of a `{$gt/$gte/$lt/$lte: <naive date>}` condition (inclusive, None: unbounded), else None."""
    if not isinstance(condition, Mapping) or not condition or any(op not in _RANGE_OPS for op in condition):
        return None
    if not all(_naive_date(v) for v in condition.values()):
        return None
    lows = [condition[op] for op in ('$gt', '$gte') if op in condition]
    highs = [condition[op] for op in ('$lt', '$lte') if op in condition]
    return (max(lows) if lows else None, min(highs) if highs else None)


class StoreIndex:
    """The hashes of one collection, and the natural order of its documents."""

    def __init__(self, documents):
        self.order = {}
        self.next = 0
        self.fields = {}
        for key in documents:
            self.added(key)

    def added(self, key):
        """A new key was stored: it comes last in natural order."""
        self.order[key] = self.next
        self.next += 1

    def field(self, documents, name):
        """The hash of field `name`, built from `documents` on first use."""
        return self._built(documents, ('hash', name), lambda: FieldHash(name))

    def dates(self, documents, name):
        """The sorted dates of field `name`, built from `documents` on first use."""
        return self._built(documents, ('dates', name), lambda: FieldDates(name, self.order))

    def _built(self, documents, slot, make):
        index = self.fields.get(slot)
        if index is None:
            index = self.fields[slot] = make()
            for key, doc in documents.items():
                index.put(key, doc)
        return index

    def put(self, key, doc):
        for fh in self.fields.values():
            fh.put(key, doc)

    def remove(self, key):
        for fh in self.fields.values():
            fh.remove(key)
        self.order.pop(key, None)


def _index(store):
    ix = store.__dict__.get('_suara_index')
    if ix is None:
        ix = store._suara_index = StoreIndex(store._documents)  # pylint: disable=protected-access
    return ix


def _set_item(self, key, val):
    with self._rwlock.writer():  # pylint: disable=protected-access
        new = key not in self._documents  # pylint: disable=protected-access
        self._documents[key] = val  # pylint: disable=protected-access
    ix = self.__dict__.get('_suara_index')
    if ix is not None:
        if new:
            ix.added(key)
        ix.put(key, val)


def _del_item(self, key):
    with self._rwlock.writer():  # pylint: disable=protected-access
        del self._documents[key]  # pylint: disable=protected-access
    ix = self.__dict__.get('_suara_index')
    if ix is not None:
        ix.remove(key)


def _drop(self):
    _ORIGINAL_DROP(self)
    forget(self)


def forget(store):
    """Drop the hashes of `store` (rebuilt on next use)."""
    store.__dict__.pop('_suara_index', None)


def doc_key(doc_id):
    """The key mongomock stores a document under."""
    return helpers.hashdict(doc_id) if isinstance(doc_id, dict) else doc_id


def refresh(store, doc):
    """Re-index `doc` (just stored or changed in place) in the hashes of `store`."""
    ix = store.__dict__.get('_suara_index')
    if ix is not None and isinstance(doc, Mapping) and '_id' in doc:
        key = doc_key(doc['_id'])
        if key in store._documents:  # pylint: disable=protected-access
            ix.put(key, doc)


def indexed_fields(store):
    """Top-level fields that lead one of the collection's declared indexes."""
    fields = set()
    for index in store.indexes.values():
        key = index.get('key') or []
        if key and '.' not in key[0][0] and not key[0][0].startswith('$') and key[0][0] != '_id':
            fields.add(key[0][0])
    return fields


def field_candidates(store, field, value):
    """Keys of the documents whose `field` may equal `value` (a hashed value), in natural order; None when `field`
    leads no declared index."""
    if field not in indexed_fields(store):
        return None
    ix = _index(store)
    return _natural(ix, ix.field(store._documents, field).keys(value))  # pylint: disable=protected-access


def _natural(ix, keys):
    if len(keys) > 1:
        keys.sort(key=ix.order.__getitem__)
    return keys


def _id_keys(value):
    """The keys a filter's `_id` part names, or None when it is not a plain equality or `$in` of hashed values."""
    if hashed(value):
        return [value]
    if isinstance(value, Mapping) and len(value) == 1 and isinstance(value.get('$in'), list):
        values = value['$in']
        if all(hashed(v) for v in values):
            return list(dict.fromkeys(values))
    return None


def candidates(store, filter_doc):
    """Keys of the documents that may match `filter_doc`, in natural order; None when every document may."""
    if not isinstance(filter_doc, Mapping):
        return None
    if '_id' in filter_doc:
        keys = _id_keys(filter_doc['_id'])
        if keys is not None:
            documents = store._documents  # pylint: disable=protected-access
            found = [k for k in keys if k in documents]
            return _natural(_index(store), found) if len(found) > 1 else found
    best = None
    fields = indexed_fields(store)
    documents = store._documents  # pylint: disable=protected-access
    for field, value in filter_doc.items():
        if field not in fields:
            continue
        if hashed(value):
            fh = _index(store).field(documents, field)
            if best is None or fh.size(value) < len(best):
                best = fh.keys(value)
            continue
        bounds = date_bounds(value)
        if bounds is not None:
            keys = _index(store).dates(documents, field).keys(*bounds)
            if best is None or len(keys) < len(best):
                best = keys
    if best is None:
        return None
    return _natural(_index(store), best)


def iter_matching(store, filter_doc, keys):
    """The documents under `keys` that match `filter_doc`, lazily (as mongomock's own scan)."""
    documents = store._documents  # pylint: disable=protected-access
    docs = [documents[k] for k in keys if k in documents]
    if not docs:
        filtering.filter_applies(filter_doc, {})  # validate the filter, as mongomock does on an empty collection
        return iter(())
    return (d for d in docs if filtering.filter_applies(filter_doc, d))


_ORIGINAL_DROP = CollectionStore.drop


def apply():
    """Install the store hooks (idempotent)."""
    CollectionStore.__setitem__ = _set_item
    CollectionStore.__delitem__ = _del_item
    CollectionStore.drop = _drop
