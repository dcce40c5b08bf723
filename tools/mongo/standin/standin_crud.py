"""Data commands of the Suara stand-in (find/insert/update/delete/findAndModify/aggregate/...), on mongomock.

Each handler takes (client, cursors, db_name, cmd) and returns the reply document (without `ok`).
Errors are raised as `CommandError(code, message)` or left to the dispatcher's generic mapping.
"""

import bson
from mongomock import DuplicateKeyError, WriteError, OperationFailure
from mongomock.helpers import hashdict

import standin_geo
from standin_cursors import first_batch_reply

DUP_MSG = 'E11000 duplicate key error collection: %s'


class CommandError(Exception):
    """A command failure with a MongoDB error code."""

    def __init__(self, code, message, code_name=None):
        super().__init__(message)
        self.code = code
        self.code_name = code_name


def _coll(client, db_name, cmd, key):
    name = cmd.get(key)
    if not isinstance(name, str) or not name:
        raise CommandError(73, 'Invalid collection name for %s' % key, 'InvalidNamespace')
    return client[db_name][name], '%s.%s' % (db_name, name)


def _sort_list(sort):
    if not sort:
        return None
    return [(k, v) for k, v in sort.items()]


def _projection(fields):
    return dict(fields) if fields else None


def cmd_find(client, cursors, db_name, cmd):
    coll, ns = _coll(client, db_name, cmd, 'find')
    limit = int(cmd.get('limit') or 0)
    single = bool(cmd.get('singleBatch')) or limit < 0
    limit = abs(limit)
    near = standin_geo.find_near(cmd.get('filter'))
    if near and not cmd.get('sort'):
        docs = _find_nearest(coll, cmd, near, limit)
    else:
        if near:
            _geo(lambda: standin_geo.check_near_index(coll, near[0]))
        docs = list(coll.find(cmd.get('filter') or {}, projection=_projection(cmd.get('projection')),
                              skip=int(cmd.get('skip') or 0), limit=limit, sort=_sort_list(cmd.get('sort'))))
    return first_batch_reply(cursors, ns, docs, cmd.get('batchSize'), single)


def _geo(check):
    try:
        check()
    except standin_geo.GeoError as exc:
        raise CommandError(exc.code, str(exc), exc.code_name) from exc


def _find_nearest(coll, cmd, near, limit):
    """A find with $near/$nearSphere and no sort of its own: nearest first, then skip/limit, then projection."""
    field, spec = near
    _geo(lambda: standin_geo.check_near_index(coll, field))
    center = standin_geo.near_parts(spec)[0]
    matched = list(coll.find(cmd.get('filter') or {}))
    matched.sort(key=lambda d: standin_geo.distance_to(d, field, center))
    skip = int(cmd.get('skip') or 0)
    ids = [d['_id'] for d in matched[skip:skip + limit if limit else None]]
    projection = dict(cmd.get('projection') or {})
    strip_id = '_id' in projection and not projection['_id']
    projection.pop('_id', None) if strip_id else None
    key = lambda v: hashdict(v) if isinstance(v, dict) else v  # noqa: E731
    by_id = {key(d['_id']): d for d in coll.find({'_id': {'$in': ids}}, projection=projection or None)}
    docs = [by_id[key(i)] for i in ids if key(i) in by_id]
    if strip_id:
        for d in docs:
            d.pop('_id', None)
    return docs


def cmd_aggregate(client, cursors, db_name, cmd):
    if cmd.get('explain'):
        raise CommandError(238, 'explain is not supported by the stand-in', 'NotImplemented')
    target = cmd.get('aggregate')
    if target == 1:
        raise CommandError(238, 'database-level aggregate is not supported by the stand-in', 'NotImplemented')
    coll, ns = _coll(client, db_name, cmd, 'aggregate')
    from standin_pipeline_update import normalize_pipeline  # pylint: disable=import-outside-toplevel
    pipeline = normalize_pipeline(list(cmd.get('pipeline') or []))
    for stage in pipeline:
        if isinstance(stage, dict) and '$match' in stage:
            _geo(lambda m=stage['$match']: standin_geo.refuse_near(m))
    docs = list(coll.aggregate(pipeline))
    batch_size = (cmd.get('cursor') or {}).get('batchSize')
    return first_batch_reply(cursors, ns, docs, batch_size, False)


def cmd_count(client, cursors, db_name, cmd):
    coll, _ = _coll(client, db_name, cmd, 'count')
    query = cmd.get('query') or {}
    _geo(lambda: standin_geo.refuse_near(query))
    kwargs = {}
    if cmd.get('skip'):
        kwargs['skip'] = int(cmd['skip'])
    if cmd.get('limit'):
        kwargs['limit'] = abs(int(cmd['limit']))
    return {'n': coll.count_documents(query, **kwargs)}


def cmd_distinct(client, cursors, db_name, cmd):
    coll, _ = _coll(client, db_name, cmd, 'distinct')
    return {'values': list(coll.distinct(cmd.get('key'), cmd.get('query') or None))}


def _write_error(index, exc):
    if isinstance(exc, DuplicateKeyError):
        return {'index': index, 'code': 11000, 'codeName': 'DuplicateKey', 'errmsg': str(exc)}
    code = getattr(exc, 'code', None) or 2
    return {'index': index, 'code': code, 'errmsg': str(exc)}


def _dup(exc, ns):
    if isinstance(exc, DuplicateKeyError):
        return DuplicateKeyError(DUP_MSG % ns, 11000)
    return exc


_INSERT_ERRORS = (WriteError, OperationFailure, bson.errors.InvalidDocument, ValueError)
_UPDATE_ERRORS = (CommandError, WriteError, OperationFailure, bson.errors.InvalidDocument, ValueError, KeyError)
_DELETE_ERRORS = (WriteError, OperationFailure, ValueError)


def _each_write(cmd, items_key, ns, apply, reply, errors):
    """Run `apply(index, item)` for each item of a write command (`cmd[items_key]`); it returns counts to add to
    `reply` (as `{'n': 1}`). Collect write errors by index and stop at the first when ordered. Returns the reply."""
    write_errors = []
    for index, item in enumerate(cmd.get(items_key) or []):
        try:
            for key, count in apply(index, item).items():
                reply[key] += count
        except errors as exc:
            write_errors.append(_write_error(index, _dup(exc, ns)))
            if cmd.get('ordered', True):
                break
    if write_errors:
        reply['writeErrors'] = write_errors
    return reply


def cmd_insert(client, cursors, db_name, cmd):
    coll, ns = _coll(client, db_name, cmd, 'insert')

    def insert(_index, doc):
        coll.insert_one(doc)
        return {'n': 1}
    return _each_write(cmd, 'documents', ns, insert, {'n': 0}, _INSERT_ERRORS)


def _update_one_spec(coll, spec):
    query = spec.get('q') or {}
    update = spec.get('u')
    if spec.get('arrayFilters'):
        raise CommandError(238, 'arrayFilters are not supported by the stand-in', 'NotImplemented')
    if isinstance(update, list):
        from standin_pipeline_update import pipeline_update  # pylint: disable=import-outside-toplevel
        return pipeline_update(coll, query, update, bool(spec.get('upsert')), bool(spec.get('multi')))
    if not isinstance(update, dict):
        raise CommandError(9, 'Update argument must be an object or a pipeline', 'FailedToParse')
    _dedupe_add_to_set(update)
    is_replace = not any(k.startswith('$') for k in update)
    if is_replace and spec.get('multi'):
        raise CommandError(9, 'multi update is not supported for replacement-style update', 'FailedToParse')
    result = coll._update(query, update, upsert=bool(spec.get('upsert')),  # pylint: disable=protected-access
                          multi=bool(spec.get('multi')))
    if result.get('upserted') is not None:
        _id_first(coll, result['upserted'])
    return result


def _dedupe_add_to_set(update):
    """mongomock adds duplicates from `$addToSet: {f: {$each: [a, a]}}` when the field is new; mongod does not."""
    spec = update.get('$addToSet')
    if not isinstance(spec, dict):
        return
    for value in spec.values():
        if isinstance(value, dict) and isinstance(value.get('$each'), list):
            unique = []
            for item in value['$each']:
                if item not in unique:
                    unique.append(item)
            value['$each'] = unique


def _id_first(coll, doc_id):
    """mongomock builds upserted documents with `_id` after the query fields; mongod puts it first."""
    key = hashdict(doc_id) if isinstance(doc_id, dict) else doc_id
    store = coll._store  # pylint: disable=protected-access
    doc = store._documents.get(key)  # pylint: disable=protected-access
    if doc is not None and next(iter(doc), None) != '_id':
        reordered = {'_id': doc['_id']}
        reordered.update((k, v) for k, v in doc.items() if k != '_id')
        store[key] = reordered


def cmd_update(client, cursors, db_name, cmd):
    coll, ns = _coll(client, db_name, cmd, 'update')
    reply = {'n': 0, 'nModified': 0}

    def update(index, spec):
        result = _update_one_spec(coll, spec)
        if result.get('upserted') is not None:
            reply.setdefault('upserted', []).append({'index': index, '_id': result['upserted']})
        return {'n': result['n'], 'nModified': result['nModified']}
    return _each_write(cmd, 'updates', ns, update, reply, _UPDATE_ERRORS)


def cmd_delete(client, cursors, db_name, cmd):
    coll, ns = _coll(client, db_name, cmd, 'delete')

    def delete(_index, spec):
        query = spec.get('q') or {}
        many = int(spec.get('limit') or 0) != 1
        return {'n': (coll.delete_many if many else coll.delete_one)(query).deleted_count}
    return _each_write(cmd, 'deletes', ns, delete, {'n': 0}, _DELETE_ERRORS)


def cmd_find_and_modify(client, cursors, db_name, cmd):
    name_key = next(iter(cmd))
    coll, ns = _coll(client, db_name, cmd, name_key)
    query = cmd.get('query') or {}
    update = cmd.get('update')
    remove = bool(cmd.get('remove'))
    fields = _projection(cmd.get('fields'))
    if remove and update is not None:
        raise CommandError(9, 'Cannot specify both an update and remove=true', 'FailedToParse')
    if not remove and update is None:
        raise CommandError(9, 'Either an update or remove=true must be specified', 'FailedToParse')
    if remove and cmd.get('new'):
        raise CommandError(9, 'Cannot specify both new=true and remove=true', 'FailedToParse')
    if cmd.get('arrayFilters'):
        raise CommandError(238, 'arrayFilters are not supported by the stand-in', 'NotImplemented')
    old = coll.find_one(query, sort=_sort_list(cmd.get('sort')))
    old_value = old
    if old is not None and fields:
        old_value = coll.find_one({'_id': old['_id']}, projection=fields)
    if remove:
        if old is None:
            return {'lastErrorObject': {'n': 0}, 'value': None}
        coll.delete_one({'_id': old['_id']})
        return {'lastErrorObject': {'n': 1}, 'value': old_value}
    upsert = bool(cmd.get('upsert'))
    if old is None and not upsert:
        return {'lastErrorObject': {'n': 0, 'updatedExisting': False}, 'value': None}
    try:
        spec = {'q': {'_id': old['_id']} if old is not None else query, 'u': update, 'upsert': upsert}
        result = _update_one_spec(coll, spec)
    except DuplicateKeyError as exc:
        raise _dup(exc, ns) from exc
    leo = {'n': 1, 'updatedExisting': old is not None}
    doc_id = old['_id'] if old is not None else result.get('upserted')
    if old is None:
        leo['upserted'] = doc_id
    if cmd.get('new'):
        value = coll.find_one({'_id': doc_id}, projection=fields)
    else:
        value = old_value
    return {'lastErrorObject': leo, 'value': value}
