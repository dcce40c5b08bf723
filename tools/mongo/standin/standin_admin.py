"""Metadata commands of the Suara stand-in: indexes, collections, databases, minimal stats.

Each handler takes (client, cursors, db_name, cmd) and returns the reply document (without `ok`).
"""

from mongomock import OperationFailure, filtering

from standin_crud import CommandError, _coll
from standin_cursors import first_batch_reply

_INDEX_OPTIONS = ('unique', 'sparse', 'expireAfterSeconds', 'partialFilterExpression')


def _index_name(key):
    return '_'.join('%s_%s' % (k, v) for k, v in key.items())


def _index_spec(info):
    spec = {k: info[k] for k in _INDEX_OPTIONS if info.get(k) is not None and info.get(k) is not False}
    return spec


def cmd_create_indexes(client, cursors, db_name, cmd):
    coll, _ = _coll(client, db_name, cmd, 'createIndexes')
    store = coll._store  # pylint: disable=protected-access
    created_automatically = not store.is_created
    before = len(store.indexes) + 1
    for index in cmd.get('indexes') or []:
        key = index.get('key')
        if not key:
            raise CommandError(67, 'index specification must have a non-empty key', 'CannotCreateIndex')
        name = index.get('name') or _index_name(key)
        if list(key.items()) == [('_id', 1)] or name == '_id_':
            continue
        options = {k: index[k] for k in _INDEX_OPTIONS if index.get(k) is not None}
        existing = store.indexes.get(name)
        if existing is not None:
            if list(existing['key']) == list(key.items()) and _index_spec(existing) == _index_spec(options):
                continue
            raise CommandError(86, 'An existing index has the same name as the requested index but different '
                               'options: %s' % name, 'IndexKeySpecsConflict')
        for other_name, other in store.indexes.items():
            if list(other['key']) == list(key.items()) and _index_spec(other) != _index_spec(options):
                raise CommandError(85, 'Index already exists with a different name or options: %s' % other_name,
                                   'IndexOptionsConflict')
        coll.create_index(list(key.items()), name=name, **options)
    store.create()
    return {'createdCollectionAutomatically': bool(created_automatically), 'numIndexesBefore': before,
            'numIndexesAfter': len(store.indexes) + 1}


def cmd_list_indexes(client, cursors, db_name, cmd):
    coll, ns = _coll(client, db_name, cmd, 'listIndexes')
    if not coll._store.is_created:  # pylint: disable=protected-access
        raise CommandError(26, 'ns does not exist: %s' % ns, 'NamespaceNotFound')
    docs = list(coll.list_indexes())
    return first_batch_reply(cursors, ns, docs, (cmd.get('cursor') or {}).get('batchSize'), False)


def cmd_drop_indexes(client, cursors, db_name, cmd):
    coll, ns = _coll(client, db_name, cmd, next(iter(cmd)))
    store = coll._store  # pylint: disable=protected-access
    if not store.is_created:
        raise CommandError(26, 'ns not found %s' % ns, 'NamespaceNotFound')
    before = len(store.indexes) + 1
    target = cmd.get('index')
    if target == '*':
        coll.drop_indexes()
    else:
        names = target if isinstance(target, list) else [target]
        for name in names:
            if isinstance(name, dict):
                matches = [n for n, i in store.indexes.items() if list(i['key']) == list(name.items())]
                if not matches:
                    raise CommandError(27, "can't find index with key: %s" % dict(name), 'IndexNotFound')
                name = matches[0]
            if name == '_id_':
                raise CommandError(72, 'cannot drop _id index', 'InvalidOptions')
            try:
                coll.drop_index(name)
            except OperationFailure as exc:
                raise CommandError(27, 'index not found with name [%s]' % name, 'IndexNotFound') from exc
    return {'nIndexesWas': before}


def _collection_info(name):
    return {'name': name, 'type': 'collection', 'options': {}, 'info': {'readOnly': False},
            'idIndex': {'v': 2, 'key': {'_id': 1}, 'name': '_id_'}}


def cmd_list_collections(client, cursors, db_name, cmd):
    db = client[db_name]
    docs = [_collection_info(n) for n in sorted(db.list_collection_names())]
    flt = cmd.get('filter')
    if flt:
        docs = [d for d in docs if filtering.filter_applies(flt, d)]
    if cmd.get('nameOnly'):
        docs = [{'name': d['name'], 'type': d['type']} for d in docs]
    ns = '%s.$cmd.listCollections' % db_name
    return first_batch_reply(cursors, ns, docs, (cmd.get('cursor') or {}).get('batchSize'), False)


def cmd_create(client, cursors, db_name, cmd):
    name = cmd.get('create')
    db = client[db_name]
    if name in db.list_collection_names():
        raise CommandError(48, 'Collection %s.%s already exists.' % (db_name, name), 'NamespaceExists')
    db.create_collection(name)
    return {}


def cmd_drop(client, cursors, db_name, cmd):
    coll, ns = _coll(client, db_name, cmd, 'drop')
    was = len(coll._store.indexes) + 1  # pylint: disable=protected-access
    coll.drop()
    return {'ns': ns, 'nIndexesWas': was}


def cmd_drop_database(client, cursors, db_name, cmd):
    client.drop_database(db_name)
    return {'dropped': db_name}


def cmd_list_databases(client, cursors, db_name, cmd):
    names = sorted(client.list_database_names())
    if cmd.get('nameOnly'):
        return {'databases': [{'name': n} for n in names]}
    dbs = [{'name': n, 'sizeOnDisk': 0, 'empty': False} for n in names]
    return {'databases': dbs, 'totalSize': 0, 'totalSizeMb': 0}


def cmd_rename_collection(client, cursors, db_name, cmd):
    src, dst = cmd.get('renameCollection'), cmd.get('to')
    src_db, src_name = src.split('.', 1)
    dst_db, dst_name = dst.split('.', 1)
    if src_db != dst_db:
        raise CommandError(238, 'renaming across databases is not supported by the stand-in', 'NotImplemented')
    db = client[src_db]
    if src_name not in db.list_collection_names():
        raise CommandError(26, 'Source collection %s does not exist' % src, 'NamespaceNotFound')
    if dst_name in db.list_collection_names():
        if not cmd.get('dropTarget'):
            raise CommandError(48, 'target namespace exists', 'NamespaceExists')
        db[dst_name].drop()
    db[src_name].rename(dst_name)
    return {}


def cmd_coll_stats(client, cursors, db_name, cmd):
    coll, ns = _coll(client, db_name, cmd, 'collStats')
    count = coll.estimated_document_count()
    return {'ns': ns, 'count': count, 'size': 0, 'avgObjSize': 0, 'storageSize': 0,
            'nindexes': len(coll._store.indexes) + 1, 'totalIndexSize': 0}  # pylint: disable=protected-access


def cmd_db_stats(client, cursors, db_name, cmd):
    db = client[db_name]
    names = db.list_collection_names()
    objects = sum(db[n].estimated_document_count() for n in names)
    return {'db': db_name, 'collections': len(names), 'views': 0, 'objects': objects, 'dataSize': 0,
            'storageSize': 0, 'indexes': len(names), 'indexSize': 0}


HANDLERS = {
    'createindexes': cmd_create_indexes,
    'listindexes': cmd_list_indexes,
    'dropindexes': cmd_drop_indexes,
    'deleteindexes': cmd_drop_indexes,
    'listcollections': cmd_list_collections,
    'create': cmd_create,
    'drop': cmd_drop,
    'dropdatabase': cmd_drop_database,
    'listdatabases': cmd_list_databases,
    'renamecollection': cmd_rename_collection,
    'collstats': cmd_coll_stats,
    'dbstats': cmd_db_stats,
}
