"""Server-side cursors for the Suara stand-in: results are materialised once, then served in batches."""

import random
import time

import bson

DEFAULT_FIRST_BATCH = 101
MAX_BATCH_BYTES = 15 * 1024 * 1024
IDLE_TIMEOUT_S = 600


class CursorStore:
    """Open cursors by id. Callers hold the server lock."""

    def __init__(self):
        self._cursors = {}

    def open(self, ns, docs, pos, batch_size):
        cursor_id = random.randint(1, 2 ** 62)
        self._cursors[cursor_id] = {'ns': ns, 'docs': docs, 'pos': pos, 'batch': batch_size,
                                    'used': time.monotonic()}
        return cursor_id

    def get(self, cursor_id):
        return self._cursors.get(int(cursor_id))

    def close(self, cursor_id):
        return self._cursors.pop(int(cursor_id), None) is not None

    def reap(self):
        """Drop cursors idle for longer than IDLE_TIMEOUT_S (like mongod's cursor timeout)."""
        now = time.monotonic()
        for cursor_id in [c for c, v in self._cursors.items() if now - v['used'] > IDLE_TIMEOUT_S]:
            self._cursors.pop(cursor_id, None)


def _take(docs, pos, batch_size):
    """Slice a batch from pos honouring batch_size (None = no count limit) and the byte limit."""
    end = len(docs) if not batch_size else min(len(docs), pos + batch_size)
    size = 0
    out = []
    for i in range(pos, end):
        size += len(bson.encode(docs[i]))
        if out and size > MAX_BATCH_BYTES:
            break
        out.append(docs[i])
    return out, pos + len(out)


def first_batch_reply(cursors, ns, docs, batch_size, single_batch):
    """Reply for find/aggregate/listX: first batch + a cursor id when more remain."""
    if batch_size is not None and int(batch_size) == 0:
        batch, pos = [], 0
    else:
        size = DEFAULT_FIRST_BATCH if batch_size is None else abs(int(batch_size))
        batch, pos = _take(docs, 0, size)
    cursor_id = 0
    if pos < len(docs) and not single_batch:
        cursor_id = cursors.open(ns, docs, pos, None)
    return {'cursor': {'firstBatch': batch, 'id': bson.int64.Int64(cursor_id), 'ns': ns}}


def get_more_reply(cursors, db_name, cmd):
    """Reply for getMore; raises KeyError when the cursor is unknown."""
    cursor_id = int(cmd.get('getMore'))
    cur = cursors.get(cursor_id)
    if cur is None:
        raise KeyError(cursor_id)
    batch_size = cmd.get('batchSize')
    batch, pos = _take(cur['docs'], cur['pos'], int(batch_size) if batch_size else None)
    cur['pos'] = pos
    cur['used'] = time.monotonic()
    ns = cur['ns']
    if pos >= len(cur['docs']):
        cursors.close(cursor_id)
        cursor_id = 0
    return {'cursor': {'nextBatch': batch, 'id': bson.int64.Int64(cursor_id), 'ns': ns}}
