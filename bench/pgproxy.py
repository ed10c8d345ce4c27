"""A TCP proxy in front of PostgreSQL that counts the statements its clients send.

It reads the client side of the PostgreSQL wire protocol (version 3) and counts each simple
Query ('Q') and each Execute ('E') of the extended protocol, classified by the statement's text:
`data` for statements that read or write rows, `control` for transaction and session commands
(BEGIN, COMMIT, ROLLBACK, SET…), `ping` for empty statements such as SQLAlchemy's pool
pre-ping. An Execute is matched to its text through the Bind and Parse messages before it.

The proxy answers SSL and GSSAPI encryption requests with 'N', so every client talks in plain
text that the proxy can read. Used only in a separate counting pass, never while timing.
"""

import asyncio
import struct
import threading
from collections import Counter
from dataclasses import dataclass, field

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102

CONTROL_PREFIXES = (
    "BEGIN", "COMMIT", "ROLLBACK", "START TRANSACTION", "END", "SAVEPOINT", "RELEASE", "SET ", "RESET",
    "DISCARD", "DEALLOCATE", "SHOW ",
)


@dataclass
class StatementCounts:
    data: int = 0
    control: int = 0
    ping: int = 0
    # Statements by their first 160 characters, to show what a request sends; an empty
    # statement is counted as "(empty)".
    texts: Counter[str] = field(default_factory=Counter)

    def record(self, query: str) -> None:
        text = query.strip().rstrip(";").strip()
        upper = text.upper()
        if not text:
            self.ping += 1
        elif upper.startswith(CONTROL_PREFIXES):
            self.control += 1
        else:
            self.data += 1
        self.texts[" ".join(text.split())[:160] or "(empty)"] += 1

    def snapshot(self) -> tuple[int, int, int]:
        return self.data, self.control, self.ping


def read_cstring(payload: bytes, start: int) -> tuple[str, int]:
    end = payload.index(b"\x00", start)
    return payload[start:end].decode(errors="replace"), end + 1


class ClientStream:
    """The parser of one client connection's messages."""

    def __init__(self, counts: StatementCounts) -> None:
        self.counts = counts
        self.statements: dict[str, str] = {}
        self.portals: dict[str, str] = {}

    def handle(self, kind: bytes, payload: bytes) -> None:
        if kind == b"Q":
            self.counts.record(read_cstring(payload, 0)[0])
        elif kind == b"P":
            name, position = read_cstring(payload, 0)
            self.statements[name] = read_cstring(payload, position)[0]
        elif kind == b"B":
            portal, position = read_cstring(payload, 0)
            self.portals[portal] = read_cstring(payload, position)[0]
        elif kind == b"E":
            portal = read_cstring(payload, 0)[0]
            self.counts.record(self.statements.get(self.portals.get(portal, ""), ""))
        elif kind == b"C" and payload[:1] == b"S":
            self.statements.pop(read_cstring(payload, 1)[0], None)


class CountingProxy:
    """Listens on 127.0.0.1:`port` (0 picks a free one) and forwards to PostgreSQL on `target_port`."""

    def __init__(self, target_port: int = 5432) -> None:
        self.target_port = target_port
        self.counts = StatementCounts()
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="pgproxy", daemon=True)

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the counting proxy did not start")

    def stop(self) -> None:
        if self._loop is not None and self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _serve(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._server = self._loop.run_until_complete(asyncio.start_server(self._accept, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_writer = None
        try:
            startup = await self._read_startup(client_reader, client_writer)
            if startup is None:
                return
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
            server_writer.write(startup)
            parse = struct.unpack("!I", startup[4:8])[0] != CANCEL_REQUEST
            await asyncio.gather(
                self._client_to_server(client_reader, server_writer, parse),
                self._pipe(server_reader, client_writer),
            )
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            client_writer.close()
            if server_writer is not None:
                server_writer.close()

    async def _read_startup(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes | None:
        """Return the startup message, after refusing any encryption request before it."""
        while True:
            header = await reader.readexactly(8)
            length, code = struct.unpack("!II", header)
            rest = await reader.readexactly(length - 8)
            if code in (SSL_REQUEST, GSSENC_REQUEST):
                writer.write(b"N")
                await writer.drain()
                continue
            return header + rest

    async def _client_to_server(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, parse: bool
    ) -> None:
        stream = ClientStream(self.counts)
        while True:
            header = await reader.readexactly(5)
            kind = header[:1]
            length = struct.unpack("!I", header[1:])[0]
            payload = await reader.readexactly(length - 4)
            if parse:
                stream.handle(kind, payload)
            writer.write(header + payload)
            await writer.drain()
            if kind == b"X":
                return

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                writer.close()
                return
            writer.write(chunk)
            await writer.drain()
