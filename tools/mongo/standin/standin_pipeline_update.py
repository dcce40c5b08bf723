"""Aggregation-pipeline updates (`updateOne(filter, [{$set: ...}])`) and stage aliases mongomock lacks.

mongomock has no pipeline updates; we run the pipeline over each matched document in a scratch collection and
write the result back as a replacement (so unique indexes are still checked by mongomock).
"""

import copy

import bson
import mongomock

from standin_crud import CommandError

_ALLOWED = ('$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith')
_SCRATCH = mongomock.MongoClient()['suara_scratch']['pipeline_update']


def normalize_pipeline(pipeline):
    """Rewrite `$unset` and `$replaceWith` (unsupported by mongomock) into `$project` / `$replaceRoot`."""
    out = []
    for stage in pipeline:
        if not isinstance(stage, dict) or len(stage) != 1:
            raise CommandError(40323, 'A pipeline stage specification object must contain exactly one field.',
                               'Location40323')
        (name, spec), = stage.items()
        if name == '$unset':
            fields = [spec] if isinstance(spec, str) else list(spec)
            out.append({'$project': {f: 0 for f in fields}})
        elif name == '$replaceWith':
            out.append({'$replaceRoot': {'newRoot': spec}})
        else:
            out.append(stage)
    return out


def _apply(doc, pipeline):
    _SCRATCH.drop()
    _SCRATCH.insert_one(copy.deepcopy(doc))
    try:
        result = list(_SCRATCH.aggregate(pipeline))
    finally:
        _SCRATCH.drop()
    if len(result) != 1:
        raise CommandError(2, 'update pipeline must produce exactly one document', 'BadValue')
    return result[0]


def _upsert_seed(query):
    seed = {}
    for key, value in query.items():
        if key.startswith('$') or '.' in key:
            continue
        if isinstance(value, dict) and any(k.startswith('$') for k in value):
            if '$eq' in value:
                seed[key] = value['$eq']
            continue
        seed[key] = value
    seed.setdefault('_id', bson.ObjectId())
    return seed


def pipeline_update(coll, query, pipeline, upsert, multi):
    """Same result shape as mongomock's `Collection._update`: n, nModified, upserted."""
    for stage in pipeline:
        if not isinstance(stage, dict) or next(iter(stage), None) not in _ALLOWED:
            raise CommandError(2, 'Update pipelines may only use $addFields/$set, $project/$unset and '
                               '$replaceRoot/$replaceWith', 'BadValue')
    pipeline = normalize_pipeline(pipeline)
    matched = list(coll.find(query))
    if not multi:
        matched = matched[:1]
    n = n_modified = 0
    for doc in matched:
        new_doc = _apply(doc, pipeline)
        if new_doc.get('_id', doc['_id']) != doc['_id']:
            raise CommandError(66, "Performing an update on the path '_id' would modify the immutable field '_id'",
                               'ImmutableField')
        n += 1
        new_doc['_id'] = doc['_id']
        if new_doc != doc:
            body = {k: v for k, v in new_doc.items() if k != '_id'}
            coll._update({'_id': doc['_id']}, body)  # pylint: disable=protected-access
            n_modified += 1
    if n == 0 and upsert:
        seed = _upsert_seed(query)
        new_doc = _apply(seed, pipeline)
        new_doc['_id'] = seed['_id']
        coll.insert_one({'_id': seed['_id'], **{k: v for k, v in new_doc.items() if k != '_id'}})
        return {'n': 1, 'nModified': 0, 'upserted': seed['_id']}
    return {'n': n, 'nModified': n_modified, 'upserted': None}
