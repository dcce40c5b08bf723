#!/usr/bin/python3
"""Suara's MongoDB stand-in: a MongoDB-wire-protocol server (mockupdb) over an in-memory engine (mongomock).

Used only when no real `mongod` can be had. It pretends to be the primary of a single-node replica set so the
Node driver's sessions and transactions work; transactions are accepted but NOT isolated (each operation is
applied immediately). Data is in memory only. Commands are executed one at a time under mockupdb's server lock.

Usage: /usr/bin/python3 suara_mongod.py --host 127.0.0.1 --port 0 --replset rs0 [--parent-pid N] [--ttl-interval 60]
Prints `SUARA_MONGOD_READY port=<n>` on stdout when it accepts connections.
"""

import argparse
import datetime
import os
import signal
import sys
import threading
import time
import traceback
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bson  # noqa: E402
import mockupdb  # noqa: E402
import mongomock  # noqa: E402
from mongomock import DuplicateKeyError, OperationFailure, WriteError  # noqa: E402

import standin_geo  # noqa: E402
import standin_patches  # noqa: E402
from standin_admin import HANDLERS as ADMIN_HANDLERS  # noqa: E402
from standin_crud import (CommandError, cmd_aggregate, cmd_count, cmd_delete, cmd_distinct,  # noqa: E402
                          cmd_find, cmd_find_and_modify, cmd_insert, cmd_update)
from standin_cursors import CursorStore, get_more_reply  # noqa: E402
from standin_wire import WireServer  # noqa: E402

VERSION = '7.0.0'
MORE_TO_COME = mockupdb.OP_MSG_FLAGS['moreToCome']
DRIVER_FIELDS = ('$db', 'lsid', '$clusterTime', 'txnNumber', 'autocommit', 'startTransaction', '$readPreference',
                 'readConcern', 'writeConcern', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'maxTimeMS',
                 'comment', '$audit', 'bypassDocumentValidation', 'let', 'collation', 'hint', 'allowDiskUse',
                 'noCursorTimeout', 'returnKey', 'showRecordId', 'tailable', 'awaitData', 'oplogReplay',
                 'allowPartialResults', 'maxScan', 'min', 'max', 'readOnce', 'exhaust', 'ordered_', '$query')
ELECTION_ID = bson.ObjectId('7fffffff0000000000000001')
CRUD_HANDLERS = {
    'find': cmd_find, 'aggregate': cmd_aggregate, 'count': cmd_count, 'distinct': cmd_distinct,
    'insert': cmd_insert, 'update': cmd_update, 'delete': cmd_delete, 'findandmodify': cmd_find_and_modify,
}


class StandIn:
    """Command dispatcher: wire request -> mongomock -> reply."""

    def __init__(self, host, replset):
        self.client = mongomock.MongoClient()
        self.cursors = CursorStore()
        self.host = host
        self.port = 0
        self.replset = replset
        self.started = time.time()
        self.connections = 0

    # -- handshake / server info -------------------------------------------------------------------
    def hello(self, request, legacy):
        me = '%s:%d' % (self.host, self.port)
        now = datetime.datetime.utcnow()
        doc = {
            'helloOk': True,
            'isWritablePrimary': True,
            'ismaster': True,
            'maxBsonObjectSize': 16777216,
            'maxMessageSizeBytes': 48000000,
            'maxWriteBatchSize': 100000,
            'localTime': now,
            'logicalSessionTimeoutMinutes': 30,
            'connectionId': self._connection_id(request),
            'minWireVersion': 0,
            'maxWireVersion': 21,
            'readOnly': False,
        }
        if legacy:
            doc.pop('isWritablePrimary')
        if self.replset:
            ts = bson.Timestamp(int(time.time()), 1)
            doc.update({
                'setName': self.replset, 'setVersion': 1, 'hosts': [me], 'primary': me, 'me': me,
                'secondary': False, 'electionId': ELECTION_ID,
                'lastWrite': {'opTime': {'ts': ts, 't': 1}, 'lastWriteDate': now,
                              'majorityOpTime': {'ts': ts, 't': 1}, 'majorityWriteDate': now},
            })
        return doc

    @staticmethod
    def _connection_id(request):
        return getattr(request, 'suara_connection_id', 0)

    def build_info(self):
        return {'version': VERSION, 'gitVersion': 'suara-standin', 'versionArray': [7, 0, 0, 0], 'bits': 64,
                'debug': False, 'maxBsonObjectSize': 16777216, 'storageEngines': ['suara-standin-memory'],
                'modules': [], 'javascriptEngine': 'none'}

    def simple(self, name, db_name, cmd):
        """Small commands answered without touching data; None when `name` is not one of them."""
        if name == 'ping' or name in ('endsessions', 'refreshsessions', 'killsessions', 'killallsessions',
                                      'committransaction', 'aborttransaction', 'logout', 'resetError',
                                      'setfeaturecompatibilityversion', 'collmod', 'validate', 'compact',
                                      'fsync', 'reindex', 'replsetinitiate', 'replsetreconfig'):
            return {}
        if name == 'shutdown':
            threading.Timer(0.05, lambda: os._exit(0)).start()  # pylint: disable=protected-access
            return {}
        if name == 'startsession':
            return {'id': {'id': bson.Binary(uuid.uuid4().bytes, 4)}, 'timeoutMinutes': 30}
        if name == 'buildinfo':
            return self.build_info()
        if name == 'serverstatus':
            return {'host': '%s:%d' % (self.host, self.port), 'version': VERSION, 'process': 'suara_mongod',
                    'pid': bson.int64.Int64(os.getpid()), 'uptime': time.time() - self.started,
                    'localTime': datetime.datetime.utcnow(), 'connections': {'current': self.connections},
                    'storageEngine': {'name': 'suara-standin-memory', 'persistent': False}}
        if name == 'getparameter':
            return {'featureCompatibilityVersion': {'version': '7.0'}}
        if name == 'getcmdlineopts':
            return {'argv': sys.argv, 'parsed': {'net': {'port': self.port}}}
        if name == 'hostinfo':
            return {'system': {'hostname': self.host}, 'os': {}, 'extra': {}}
        if name == 'whatsmyuri':
            return {'you': '127.0.0.1:0'}
        if name == 'connectionstatus':
            return {'authInfo': {'authenticatedUsers': [], 'authenticatedUserRoles': []}}
        if name == 'getlasterror':
            return {'err': None, 'n': 0}
        if name == 'getlog':
            return {'totalLinesWritten': 0, 'log': []}
        if name == 'replsetgetstatus' and self.replset:
            me = '%s:%d' % (self.host, self.port)
            return {'set': self.replset, 'myState': 1, 'date': datetime.datetime.utcnow(), 'members': [
                {'_id': 0, 'name': me, 'health': 1, 'state': 1, 'stateStr': 'PRIMARY', 'self': True}]}
        return None

    # -- dispatch --------------------------------------------------------------------------------
    def handle(self, request):
        """Answer one request: returns the reply document, or None when no reply must be sent. Never raises."""
        try:
            if not request.is_command:
                if isinstance(request, mockupdb.OpQuery):
                    return {'$err': 'legacy OP_QUERY reads are not supported by the Suara stand-in', 'code': 352}
                return None
            cmd = dict(request.doc)
            if '$query' in cmd and isinstance(cmd['$query'], dict):
                cmd = dict(cmd['$query'])
            db_name = request.doc.get('$db') or request.namespace or 'admin'
            reply = self.execute(request, db_name, cmd)
            reply.setdefault('ok', 1)
        except Exception as exc:  # pylint: disable=broad-except
            reply = self.error_reply(exc)
        if isinstance(request, mockupdb.OpMsg) and (request.flags or 0) & MORE_TO_COME:
            return None
        return reply

    def execute(self, request, db_name, cmd):
        if not cmd:
            raise CommandError(59, 'no such command: (empty)', 'CommandNotFound')
        name = next(iter(cmd))
        lname = name.lower()
        for field in DRIVER_FIELDS:
            cmd.pop(field, None)
        if lname in ('hello', 'ismaster'):
            return self.hello(request, legacy=lname == 'ismaster')
        simple = self.simple(lname, db_name, cmd)
        if simple is not None:
            return simple
        if lname == 'getmore':
            try:
                return get_more_reply(self.cursors, db_name, cmd)
            except KeyError as exc:
                raise CommandError(43, 'cursor id %s not found' % cmd.get('getMore'), 'CursorNotFound') from exc
        if lname == 'killcursors':
            ids = list(cmd.get('cursors') or [])
            killed = [c for c in ids if self.cursors.close(c)]
            return {'cursorsKilled': killed, 'cursorsNotFound': [c for c in ids if c not in killed],
                    'cursorsAlive': [], 'cursorsUnknown': []}
        handler = CRUD_HANDLERS.get(lname) or ADMIN_HANDLERS.get(lname)
        if handler is None:
            raise CommandError(59, 'no such command: \'%s\'' % name, 'CommandNotFound')
        return handler(self.client, self.cursors, db_name, cmd)

    @staticmethod
    def error_reply(exc):
        if isinstance(exc, CommandError):
            code, name = exc.code, exc.code_name
        elif isinstance(exc, DuplicateKeyError):
            code, name = 11000, 'DuplicateKey'
        elif isinstance(exc, (OperationFailure, WriteError)) and getattr(exc, 'code', None):
            code, name = exc.code, None
        elif isinstance(exc, NotImplementedError):
            code, name = 238, 'NotImplemented'
        elif isinstance(exc, (OperationFailure, WriteError, ValueError, TypeError, KeyError,
                              bson.errors.InvalidDocument, mongomock.CollectionInvalid)):
            code, name = 2, 'BadValue'
        else:
            code, name = 1, 'InternalError'
            traceback.print_exc(file=sys.stderr)
        reply = {'ok': 0, 'code': code, 'errmsg': str(exc) or exc.__class__.__name__}
        if name:
            reply['codeName'] = name
        return reply


def _watch_parent(parent_pid):
    """Exit when the launching process is gone (so a crashed Node process never leaves a server behind)."""
    original_ppid = os.getppid()
    while True:
        time.sleep(1)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(0)  # pylint: disable=protected-access
        except PermissionError:
            pass
        if original_ppid == parent_pid and os.getppid() != original_ppid:
            os._exit(0)  # pylint: disable=protected-access


def _ttl_loop(server, standin, interval):
    while True:
        time.sleep(interval)
        try:
            with server._lock:  # pylint: disable=protected-access - the request loop's lock
                standin_patches.expire_ttl_documents(standin.client)
                standin.cursors.reap()
        except Exception:  # pylint: disable=broad-except
            traceback.print_exc(file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(description='Suara MongoDB stand-in (mockupdb + mongomock)')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--replset', default='rs0', help='replica-set name to report; empty for standalone')
    parser.add_argument('--parent-pid', type=int, default=0)
    parser.add_argument('--ttl-interval', type=float, default=60.0)
    args = parser.parse_args(argv)

    standin_patches.apply()
    standin_geo.apply()
    standin = StandIn(args.host, args.replset)
    server = WireServer(standin, args.host, args.port)
    standin.port = server.run()

    def _stop(*_args):
        os._exit(0)  # pylint: disable=protected-access

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if args.parent_pid:
        threading.Thread(target=_watch_parent, args=(args.parent_pid,), daemon=True).start()
    threading.Thread(target=_ttl_loop, args=(server, standin, max(args.ttl_interval, 0.1)), daemon=True).start()
    sys.stdout.write('SUARA_MONGOD_READY port=%d\n' % standin.port)
    sys.stdout.flush()
    while True:
        time.sleep(3600)


if __name__ == '__main__':
    main()
