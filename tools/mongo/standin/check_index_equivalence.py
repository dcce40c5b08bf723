#!/usr/bin/python3
"""Development check (not run by the test suite): the stand-in's hash look-ups (standin_index) change no answer.

Runs the same random sequence of data commands (through the stand-in's own command handlers) twice, in two
processes: once with every patch but the hash look-ups (full scans), once with them; then compares every reply and
the final contents. Usage: /usr/bin/python3 check_index_equivalence.py [--seeds 40] [--ops 400]
"""

import argparse
import datetime
import json
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bson  # noqa: E402
from bson import json_util  # noqa: E402

OIDS = [bson.ObjectId('64b000000000000000000%03d' % i) for i in range(4)]
DATES = [datetime.datetime(2026, 1, 1) + datetime.timedelta(seconds=i) for i in range(6)]
POOL = ['a', 'b', 'c', 1, 2, 2.0, 1.5, True, False, None, bson.int64.Int64(1), OIDS[0], OIDS[1], ['a', 'b'], [1],
        {'x': 1}, '1'] + DATES + [DATES[1:3]]


def _value(rnd):
    return rnd.choice(POOL)


def _doc(rnd, doc_id):
    doc = {'_id': doc_id}
    for field in ('k', 'a', 'b', 'c', 'p', 'd'):
        if rnd.random() < 0.8:
            doc[field] = _value(rnd)
    return doc


def _filter(rnd, ids):
    shape = rnd.randrange(11)
    if shape == 9:
        return {'d': {rnd.choice(['$gt', '$gte', '$lt', '$lte']): rnd.choice(DATES)}}
    if shape == 10:
        return {'d': {'$gte': rnd.choice(DATES), '$lt': rnd.choice(DATES)}, 'c': {'$exists': True}}
    if shape == 0:
        return {'_id': rnd.choice(ids)}
    if shape == 1:
        return {'_id': {'$in': rnd.sample(ids, min(len(ids), rnd.randrange(1, 5)))}}
    if shape == 2:
        return {'a': _value(rnd)}
    if shape == 3:
        return {'a': _value(rnd), 'b': {'$exists': rnd.random() < 0.5}}
    if shape == 4:
        return {'c': _value(rnd), '_id': {'$in': rnd.sample(ids, min(len(ids), 3))}}
    if shape == 5:
        return {'k': _value(rnd)}
    if shape == 6:
        return {'a': _value(rnd), 'c': _value(rnd)}
    if shape == 7:
        return {'c': {'$in': [_value(rnd), _value(rnd)]}}
    return {}


def _update(rnd):
    kind = rnd.randrange(5)
    field = rnd.choice(['k', 'a', 'b', 'c', 'p', 'd'])
    if kind == 0:
        return {'$set': {field: _value(rnd)}}
    if kind == 1:
        return {'$unset': {field: ''}}
    if kind == 2:
        return {'$inc': {field: 1}}
    if kind == 3:
        return {field: _value(rnd), 'p': _value(rnd)}
    return {'$set': {'a': _value(rnd), 'k': _value(rnd)}}


def _command(rnd, ids):
    kind = rnd.randrange(10)
    if kind <= 2:
        new_id = rnd.choice(ids + ['n%d' % rnd.randrange(1000), rnd.randrange(50)])
        docs = [_doc(rnd, new_id)] + ([_doc(rnd, 'm%d' % rnd.randrange(1000))] if rnd.random() < 0.3 else [])
        return {'insert': 'c', 'documents': docs, 'ordered': rnd.random() < 0.5}
    if kind <= 5:
        return {'update': 'c', 'updates': [{'q': _filter(rnd, ids), 'u': _update(rnd), 'upsert': rnd.random() < 0.3,
                                            'multi': rnd.random() < 0.3}]}
    if kind == 6:
        return {'delete': 'c', 'deletes': [{'q': _filter(rnd, ids), 'limit': rnd.choice([0, 1])}]}
    if kind == 7:
        return {'findAndModify': 'c', 'query': _filter(rnd, ids), 'update': {'$set': {'a': _value(rnd)}},
                'new': True, 'upsert': rnd.random() < 0.3}
    sort = rnd.choice([None, {'a': 1}, {'_id': -1}])
    cmd = {'find': 'c', 'filter': _filter(rnd, ids), 'batchSize': 10 ** 6}
    if sort:
        cmd['sort'] = sort
    return cmd


def _run(seed, ops, patched):
    import standin_patches  # pylint: disable=import-outside-toplevel
    import standin_index  # pylint: disable=import-outside-toplevel
    import suara_mongod  # pylint: disable=import-outside-toplevel
    standin_patches.apply()
    if not patched:  # every patch but the hash look-ups: full scans, as before them
        standin_index.candidates = lambda store, filter_doc: None
        standin_index.field_candidates = lambda store, field, value: None
    standin = suara_mongod.StandIn('127.0.0.1', 'rs0')
    rnd = random.Random(seed)
    setup = {'createIndexes': 'c', 'indexes': [
        {'key': {'k': 1}, 'name': 'k_1', 'unique': True, 'sparse': True},
        {'key': {'a': 1, 'b': 1}, 'name': 'a_1_b_1', 'unique': True},
        {'key': {'c': 1}, 'name': 'c_1'},
        {'key': {'d': 1}, 'name': 'd_1', 'expireAfterSeconds': 3600 * 24 * 365 * 100},
    ]}
    out = [_reply(standin, setup)]
    ids = ['i%d' % i for i in range(12)] + [3, 4, OIDS[2]]
    for _ in range(ops):
        out.append(_reply(standin, _command(rnd, ids)))
        if rnd.random() < 0.02:
            out.append(_reply(standin, {'drop': 'c'}))
            out.append(_reply(standin, setup))
    out.append(list(standin.client['db']['c'].find({})))
    return _normalize(json_util.dumps(out))


def _reply(standin, cmd):
    try:
        return standin.execute(None, 'db', dict(cmd))
    except Exception as exc:  # pylint: disable=broad-except
        return {'error': type(exc).__name__, 'errmsg': str(exc)}


def _normalize(text):
    """ObjectIds made by the server (upserts) differ between runs: number them in order of appearance."""
    known = {str(o) for o in OIDS}
    names = {}

    def name(match):
        oid = match.group(1)
        if oid in known:
            return match.group(0)
        return '{"$oid": "new-%d"}' % names.setdefault(oid, len(names))
    return re.sub(r'\{"\$oid": "([0-9a-f]{24})"\}', name, text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--seeds', type=int, default=40)
    parser.add_argument('--ops', type=int, default=400)
    parser.add_argument('--one', nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        sys.stdout.write(_run(int(args.one[0]), args.ops, args.one[1] == 'patched'))
        return 0
    failures = 0
    for seed in range(args.seeds):
        runs = [subprocess.run([sys.executable, __file__, '--ops', str(args.ops), '--one', str(seed), mode],
                               capture_output=True, text=True, check=True).stdout for mode in ('plain', 'patched')]
        if runs[0] != runs[1]:
            failures += 1
            plain, patched = (json.loads(r) for r in runs)
            step = next(i for i, (x, y) in enumerate(zip(plain, patched)) if x != y)
            sys.stdout.write('seed %d differs at step %d:\n  plain   %s\n  patched %s\n'
                             % (seed, step, plain[step], patched[step]))
    sys.stdout.write('%d of %d seeds differ\n' % (failures, args.seeds))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
