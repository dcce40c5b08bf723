"""Wire layer of the Suara stand-in: mockupdb's listener and message parsing, with a lean connection loop."""

import socket
import struct
import sys
import traceback

import mockupdb


class WireServer(mockupdb.MockupDB):
    """mockupdb's listener and wire-protocol parsing, with a lean per-connection loop.

    The request is parsed without the lock, executed with it held (so commands never interleave), and the reply
    is encoded and sent after releasing it. Unlike mockupdb's own loop it never formats requests for logging.
    """

    def __init__(self, standin, host, port):
        """`standin` has `handle(request) -> reply dict | None`, `error_reply(exc)` and a `connections` count."""
        super().__init__(port=port, request_timeout=10 ** 9)
        self._address = (host, port)
        self._standin = standin
        self._conn_counter = 0

    def _server_loop(self, client, client_addr):
        try:
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        with self._lock:
            self._conn_counter += 1
            conn_id = self._conn_counter
            self._standin.connections += 1
        try:
            while not self._stopped:
                request = _receive(client, self)
                if request is None:
                    break
                request.suara_connection_id = conn_id
                with self._lock:
                    reply = self._standin.handle(request)
                if reply is not None:
                    client.sendall(_reply_bytes(request, reply, self._standin.error_reply))
        except OSError:
            pass
        except (ValueError, struct.error, AssertionError, NotImplementedError) as exc:
            sys.stderr.write('suara_mongod: closing a connection after a malformed message: %s\n' % exc)
        except Exception:  # pylint: disable=broad-except - anything else closes only this connection
            traceback.print_exc(file=sys.stderr)
        finally:
            with self._lock:
                self._standin.connections -= 1
            try:
                client.close()
            except OSError:
                pass


def _recv_exact(sock, length):
    buf = bytearray(length)
    view = memoryview(buf)
    got = 0
    while got < length:
        n = sock.recv_into(view[got:], length - got)
        if n == 0:
            return None
        got += n
    return bytes(buf)


def _receive(sock, server):
    header = _recv_exact(sock, 16)
    if header is None:
        return None
    length, request_id, _response_to, opcode = struct.unpack('<iiii', header)
    body = _recv_exact(sock, length - 16)
    if body is None:
        return None
    if opcode not in mockupdb.OPCODES:
        raise ValueError('unsupported wire opcode %d' % opcode)
    return mockupdb.OPCODES[opcode].unpack(body, sock, server, request_id)


def _reply_bytes(request, reply, error_reply):
    try:
        if isinstance(request, mockupdb.OpMsg):
            return mockupdb.OpMsgReply(reply).reply_bytes(request)
        return mockupdb.OpReply(reply).reply_bytes(request)
    except Exception as exc:  # pylint: disable=broad-except - e.g. a value BSON cannot encode
        return _reply_bytes(request, error_reply(exc), error_reply)
