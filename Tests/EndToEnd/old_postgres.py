#!/usr/bin/env python3
"""A server that speaks just enough of PostgreSQL's wire protocol (v3) to pass for PostgreSQL 9.6,
for the test that a server too old is refused before any traffic (LedgerURLCommandTests). Debian
ships no PostgreSQL that old, and the check reads the real `server_version_num`, so the test needs a
server that answers it: this one accepts any user without a password, answers
`current_setting('server_version_num')` with 90624 and every other statement with an empty result.

Usage: old_postgres.py PORT   (prints "listening" once it accepts connections; runs until killed)
"""
import os
import signal
import socket
import struct
import sys
import threading

VERSION_NUM = 90624


def message(kind, body=b""):
    return kind + struct.pack("!i", len(body) + 4) + body


def read_exactly(connection, count):
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def cstrings(body):
    return body.split(b"\0")


def serve(connection):
    try:
        while True:
            length, code = struct.unpack("!ii", read_exactly(connection, 8))
            rest = read_exactly(connection, length - 8)
            if code == 80877103:  # SSLRequest: no TLS here
                connection.sendall(b"N")
                continue
            break
        connection.sendall(
            message(b"R", struct.pack("!i", 0))
            + message(b"S", b"server_version\x009.6.24\x00")
            + message(b"S", b"client_encoding\x00UTF8\x00")
            + message(b"S", b"integer_datetimes\x00on\x00")
            + message(b"S", b"DateStyle\x00ISO, MDY\x00")
            + message(b"K", struct.pack("!ii", 4242, 1))
            + message(b"Z", b"I"))
        pending = []
        query = b""
        formats = [0]
        while True:
            kind = read_exactly(connection, 1)
            length = struct.unpack("!i", read_exactly(connection, 4))[0]
            body = read_exactly(connection, length - 4)
            if kind == b"X":
                return
            if kind == b"Q":
                connection.sendall(message(b"C", b"SET\x00") + message(b"Z", b"I"))
                continue
            if kind == b"P":
                query = cstrings(body)[1]
            if kind == b"B":
                # portal, statement, parameter formats, parameters, then the result formats.
                portal_end = body.index(b"\0")
                statement_end = body.index(b"\0", portal_end + 1)
                at = statement_end + 1
                count = struct.unpack("!h", body[at:at + 2])[0]
                at += 2 + 2 * count
                parameters = struct.unpack("!h", body[at:at + 2])[0]
                at += 2
                for _ in range(parameters):
                    size = struct.unpack("!i", body[at:at + 4])[0]
                    at += 4 + max(size, 0)
                count = struct.unpack("!h", body[at:at + 2])[0]
                formats = list(struct.unpack("!%dh" % count, body[at + 2:at + 2 + 2 * count])) or [0]
            pending.append((kind, body, query))
            if kind != b"S":
                continue
            out = b""
            for kind, body, text in pending:
                selects = b"server_version_num" in text
                if kind == b"P":
                    out += message(b"1")
                elif kind == b"D":
                    if body[:1] == b"S":
                        out += message(b"t", struct.pack("!h", 0))
                    if selects:
                        out += message(b"T", struct.pack("!h", 1) + b"current_setting\x00"
                                       + struct.pack("!ihihih", 0, 0, 20, 8, -1, 0))
                    else:
                        out += message(b"n")
                elif kind == b"B":
                    out += message(b"2")
                elif kind == b"E":
                    if selects:
                        value = struct.pack("!q", VERSION_NUM) if formats[0] == 1 else str(VERSION_NUM).encode()
                        out += message(b"D", struct.pack("!hi", 1, len(value)) + value)
                        out += message(b"C", b"SELECT 1\x00")
                    else:
                        out += message(b"C", b"SET\x00")
                elif kind == b"S":
                    out += message(b"Z", b"I")
            connection.sendall(out)
            pending = []
    except (EOFError, ConnectionError, OSError):
        pass
    finally:
        connection.close()


def main():
    # Descriptors inherited from the test process (Foundation's Process leaves them open) would keep
    # other children of the tests looking alive for as long as this server runs.
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    # The signal mask is inherited too, and the test process blocks SIGTERM in its threads.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(sys.argv[1])))
    listener.listen(16)
    print("listening", flush=True)
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(connection,), daemon=True).start()


if __name__ == "__main__":
    main()
