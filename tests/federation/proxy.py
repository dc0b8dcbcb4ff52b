"""A man in the middle for the real-instance tests: a thread listening at an instance's
PORTAL_URL that relays to its gunicorn, records every byte both ways, and, once per rule a test
sets, tampers with a request or a response, answers with an earlier response, or drops."""

import contextlib
import gzip
import http.client
import socket
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.federation.instances import free_port

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


@dataclass
class Message:
    """One request or response as the proxy relayed it: first line, headers, body."""

    head: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name.lower()), "")

    def replace_header(self, name: str, value: str) -> None:
        self.headers = [(k, value if k.lower() == name.lower() else v) for k, v in self.headers]

    def raw(self) -> bytes:
        lines = [self.head, *(f"{k}: {v}" for k, v in self.headers)]
        return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + self.body


@dataclass
class Exchange:
    request: Message
    response: Message | None = None


# A rule returns the message to relay instead, False to drop, or None to pass this exchange
# through untouched and stay for the next one; a rule that acted is removed.
Rule = Callable[[Exchange], Message | bool | None]


@dataclass
class Proxy:
    backend_port: int
    port: int = field(default_factory=free_port)
    exchanges: list[Exchange] = field(default_factory=list)
    on_request: list[Rule] = field(default_factory=list)
    on_response: list[Rule] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Proxy":
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_any(self) -> None:
                proxy.relay(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_any

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def seen(self, by: str | None = None) -> bytes:
        """Every byte relayed (bodies also decompressed), or only of requests signed by ``by``'s key."""
        chunks = []
        for exchange in list(self.exchanges):
            if by is not None and by not in exchange.request.header("Signature-Input"):
                continue
            for message in (exchange.request, exchange.response):
                if message is not None:
                    chunks += [message.raw(), _decoded(message)]
        return b"\n".join(chunks)

    def relay(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        request = Message(handler.requestline, list(handler.headers.items()), handler.rfile.read(length))
        exchange = Exchange(request)
        self.exchanges.append(exchange)
        changed = _apply(self.on_request, exchange)
        if changed is False:
            return _drop(handler)
        sent = changed or request
        response = self._forward(handler.command, sent.head.split(" ")[1], sent)
        exchange.response = response
        changed = _apply(self.on_response, exchange)
        if changed is False:
            return _drop(handler)
        answer = changed or response
        status = int(answer.head.split(" ", 2)[1])
        handler.send_response_only(status, answer.head.split(" ", 2)[2] if answer.head.count(" ") > 1 else "")
        for name, value in answer.headers:
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(answer.body)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(answer.body)

    def _forward(self, method: str, path: str, request: Message) -> Message:
        connection = http.client.HTTPConnection("127.0.0.1", self.backend_port, timeout=60)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in request.headers:
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                    connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(request.body)))
            connection.endheaders(request.body)
            reply = connection.getresponse()
            body = reply.read()
            head = f"HTTP/1.1 {reply.status} {reply.reason}"
            return Message(head, [(k, v) for k, v in reply.getheaders() if k.lower() not in HOP_BY_HOP], body)
        finally:
            connection.close()


def _apply(rules: list[Rule], exchange: Exchange) -> Message | bool | None:
    for rule in list(rules):
        result = rule(exchange)
        if result is not None:
            rules.remove(rule)
            return result
    return None


def _drop(handler: BaseHTTPRequestHandler) -> None:
    """Close the connection without an answer, as a network that loses the packet."""
    handler.close_connection = True
    with contextlib.suppress(OSError):
        handler.connection.shutdown(socket.SHUT_RDWR)


def _decoded(message: Message) -> bytes:
    encoding = message.header("Content-Encoding").lower()
    try:
        if encoding == "gzip":
            return gzip.decompress(message.body)
        if encoding == "deflate":
            return zlib.decompress(message.body)
    except (OSError, zlib.error):
        return b""
    return b""
