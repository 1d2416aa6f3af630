"""A read-only SPARQL 1.1 Protocol endpoint over a built Oxigraph store, with a small query page.

``GET /`` the query page (no external assets); ``GET /query?query=…``, ``POST /query`` (form
``query=…`` or an ``application/sparql-query`` body) answer queries. Results follow the Accept
header (SPARQL JSON by default; XML, CSV, TSV; Turtle or N-Triples for CONSTRUCT/DESCRIBE).
SPARQL UPDATE, ``/update`` and Graph Store writes are refused with 403.

Safe to leave running on a shared machine: each query runs in a worker process and is
stopped at its time limit (503) or when its client goes away; ``SERVICE`` is refused unless
allowed (the server would otherwise fetch any address a query names); requests whose
``Host`` is not one of the endpoint's names are refused (DNS rebinding); connections are
handled by a bounded pool of threads, with a deep listen backlog and a deadline for sending
the request.
"""
from __future__ import annotations

import json
import os
import select
import socket
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph import store
from graph.query_process import QueryPool

MAX_BODY = 1 << 20  # bytes of a query request we accept
DEFAULT_TIMEOUT = 30.0  # seconds a query may run
HTTP_THREADS = 256  # connections handled at once (most just wait); more wait in the queue
REQUEST_SECONDS = 10.0  # time a client has to send its whole request
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
FORMAT_ALIASES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                  "ntriples": "application/n-triples"}
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


@dataclass(frozen=True)
class ServeOptions:
    """Limits of the endpoint: per-query time, query processes, federated queries, accepted Host names."""

    timeout: float = DEFAULT_TIMEOUT
    workers: int = 0  # 0: one per core, at least 4 (a few runaway queries leave others a process), at most 8
    allow_service: bool = False
    allowed_hosts: tuple[str, ...] = ()


class SparqlEndpoint(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries from one read-only Oxigraph store.

    Queries run in a :class:`graph.query_process.QueryPool`; connections are handled by a
    bounded pool of threads; a client must send its request within ``REQUEST_SECONDS``.
    """

    daemon_threads = True
    request_queue_size = 1024  # the listen backlog: bursts of clients wait instead of being reset

    def __init__(self, store_dir: Path, host: str = "127.0.0.1", port: int = 7878, in_memory: bool = False,
                 options: ServeOptions = ServeOptions()) -> None:
        self.store_dir = Path(store_dir).resolve()  # this generation, even if a build publishes another
        store.open_store(self.store_dir)  # a clear error now rather than in every worker
        self.options = options
        workers = options.workers or max(4, min(8, os.cpu_count() or 1))
        self.queries = QueryPool(self.store_dir, workers, in_memory)
        self.threads = ThreadPoolExecutor(max_workers=HTTP_THREADS, thread_name_prefix="plankg-http")
        self.reading: dict[socket.socket, float] = {}  # connections still sending their request → deadline
        self.closing = threading.Event()
        self.hosts = {h.lower() for h in (*LOOPBACK_NAMES, *options.allowed_hosts)}
        if host not in ("", "0.0.0.0", "::"):
            self.hosts.add(host.lower())
        try:
            super().__init__((host, port), SparqlHandler)
        except BaseException:
            self.queries.close()
            raise
        threading.Thread(target=self._reap_slow_requests, name="plankg-reaper", daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def process_request(self, request, client_address) -> None:
        """Handle the connection in the bounded thread pool."""
        self.threads.submit(self.process_request_thread, request, client_address)

    def _reap_slow_requests(self) -> None:
        """Close connections whose request is still not fully sent after ``REQUEST_SECONDS``."""
        while not self.closing.is_set():
            now = time.monotonic()
            for connection, deadline in list(self.reading.items()):
                if deadline < now and self.reading.pop(connection, None) is not None:
                    try:
                        connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
            time.sleep(0.5)

    def server_close(self) -> None:
        self.closing.set()
        super().server_close()
        self.threads.shutdown(wait=False, cancel_futures=True)
        self.queries.close()


def start_in_thread(store_dir: Path, host: str = "127.0.0.1", port: int = 0, in_memory: bool = False,
                    options: ServeOptions = ServeOptions()) -> SparqlEndpoint:
    """Start an endpoint in a background thread (port 0: any free port); call ``shutdown()`` to stop."""
    server = SparqlEndpoint(store_dir, host, port, in_memory, options)
    threading.Thread(target=server.serve_forever, name="plankg-sparql", daemon=True).start()
    return server


def client_gone(connection: socket.socket) -> bool:
    """Whether the client closed its side of the connection."""
    try:
        if not select.select([connection], [], [], 0)[0]:
            return False
        return connection.recv(1, socket.MSG_PEEK) == b""
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True


class SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol (query operation only) and the query page."""

    server: SparqlEndpoint
    server_version = "plankg-sparql"
    timeout = 10  # seconds a read or write on the connection may block

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        pass  # quiet: the CLI prints where it listens; errors go back to the client

    def setup(self) -> None:
        super().setup()
        self.server.reading[self.request] = time.monotonic() + REQUEST_SECONDS  # from when a thread reads it

    def finish(self) -> None:
        self.server.reading.pop(self.request, None)
        super().finish()

    # -------------------------------------------------------------- routing

    def do_GET(self) -> None:
        self.server.reading.pop(self.request, None)
        if not self._host_allowed():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", query_page().encode("utf-8"))
        elif url.path in ("/query", "/sparql"):
            self._answer(urllib.parse.parse_qs(url.query, keep_blank_values=True))
        elif url.path in ("/update", "/store"):
            self._refuse_write()
        else:
            self._error(HTTPStatus.NOT_FOUND, f"no such page: {url.path} (the endpoint is /query)")

    def do_POST(self) -> None:
        if not self._host_allowed():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/update", "/store"):
            self._refuse_write()
            return
        if url.path not in ("/query", "/sparql"):
            self._error(HTTPStatus.NOT_FOUND, f"no such endpoint: {url.path} (the endpoint is /query)")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body missing a valid length or over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        self.server.reading.pop(self.request, None)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if content_type == "application/sparql-update":
            self._refuse_write()
            return
        if content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type in ("application/x-www-form-urlencoded", ""):
            for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"cannot read a query sent as {content_type}")
            return
        self._answer(params)

    def do_PUT(self) -> None:
        self._refuse_write()

    do_DELETE = do_PATCH = do_PUT

    def _host_allowed(self) -> bool:
        """Refuse (403) a Host header that names none of the endpoint's names: a page of another
        site reaching the endpoint through DNS rebinding sends its own name."""
        host = (self.headers.get("Host") or "").strip().lower()
        name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
        if not host or name in self.server.hosts:
            return True
        self._error(HTTPStatus.FORBIDDEN, f"Host '{host}' is not one of this endpoint's names "
                                          f"({', '.join(sorted(self.server.hosts))}); "
                                          f"plankg serve --allow-host NAME accepts another")
        return False

    # -------------------------------------------------------------- answering

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._refuse_write()
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
            return
        try:
            store.query_form(queries[0])
        except store.QueryError as exc:
            self._error(HTTPStatus.FORBIDDEN if "UPDATE" in str(exc) else HTTPStatus.BAD_REQUEST, str(exc))
            return
        if not self.server.options.allow_service and store.uses_service(queries[0]):
            self._error(HTTPStatus.FORBIDDEN, "SERVICE (a federated query) is refused: it would make this server "
                                              "send requests to the addresses the query names; start plankg serve "
                                              "with --allow-service to allow it")
            return
        request = {"query": queries[0], "default_graph": params.get("default-graph-uri", []),
                   "named_graphs": params.get("named-graph-uri", []), "accept": self._wanted_types(params)}
        reply = self.server.queries.run(request, self.server.options.timeout, lambda: client_gone(self.connection))
        if reply is not None:  # None: the client went away, its query was stopped
            self._send(HTTPStatus(reply.status), reply.media_type, reply.body)

    def _wanted_types(self, params: dict[str, list[str]]) -> list[str]:
        """Media types the client accepts, best first (a ``format=`` parameter wins)."""
        for name in params.get("format", []):
            if name in FORMAT_ALIASES:
                return [FORMAT_ALIASES[name]]
        ranked = []
        for position, part in enumerate((self.headers.get("Accept") or "*/*").split(",")):
            media_type, *attributes = [piece.strip() for piece in part.split(";")]
            quality = 1.0
            for attribute in attributes:
                if attribute.startswith("q="):
                    try:
                        quality = float(attribute[2:])
                    except ValueError:
                        quality = 0.0
            if quality > 0:
                ranked.append((-quality, position, media_type.lower()))
        return [media_type for _, _, media_type in sorted(ranked)] or ["*/*"]

    # -------------------------------------------------------------- replies

    def _refuse_write(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, "this SPARQL endpoint is read-only: UPDATE and graph writes are refused")

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def query_page() -> str:
    """The query page: a form, the query library to start from (its parameters as fields), and a results table."""
    from graph.params import library_entries
    from graph.views.html import Markup, render

    library = library_entries()
    library_json = json.dumps(library, ensure_ascii=False).replace("</", "<\\/")
    first = library[0]["text"] if library else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    return render("query.html", library=library, library_json=Markup(library_json), first=first)
