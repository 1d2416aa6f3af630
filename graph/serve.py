"""A read-only SPARQL 1.1 Protocol endpoint over a built Oxigraph store, with a small query page.

``GET /`` the query page (no external assets); ``GET /query?query=…``, ``POST /query`` (form
``query=…`` or an ``application/sparql-query`` body) answer queries. Results follow the Accept
header (SPARQL JSON by default; XML, CSV, TSV; Turtle or N-Triples for CONSTRUCT/DESCRIBE).
SPARQL UPDATE, ``/update`` and Graph Store writes are refused with 403.
"""
from __future__ import annotations

import json
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph import store

MAX_BODY = 1 << 20  # bytes of a query request we accept
RESULT_TYPES = {  # media type → pyoxigraph QueryResultsFormat name
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "text/plain": "N_TRIPLES"}
FORMAT_ALIASES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                  "ntriples": "application/n-triples"}
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class ReadOnlyRefusal(Exception):
    """A request that would change the store."""


class SparqlEndpoint(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries from one read-only Oxigraph store."""

    daemon_threads = True

    def __init__(self, store_dir: Path, host: str = "127.0.0.1", port: int = 7878, in_memory: bool = False) -> None:
        self.store = store.open_store(store_dir)  # read-only
        if in_memory:
            self.store = copy_into_memory(self.store)
        self.store_dir = Path(store_dir)
        super().__init__((host, port), SparqlHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def copy_into_memory(disk_store):
    """An in-memory copy of a store: several times faster on queries that return many rows."""
    import pyoxigraph as ox

    memory = ox.Store()
    memory.bulk_load(input=disk_store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    return memory


def start_in_thread(store_dir: Path, host: str = "127.0.0.1", port: int = 0, in_memory: bool = False) -> SparqlEndpoint:
    """Start an endpoint in a background thread (port 0: any free port); call ``shutdown()`` to stop."""
    server = SparqlEndpoint(store_dir, host, port, in_memory)
    threading.Thread(target=server.serve_forever, name="plankg-sparql", daemon=True).start()
    return server


class SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol (query operation only) and the query page."""

    server: SparqlEndpoint
    server_version = "plankg-sparql"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        pass  # quiet: the CLI prints where it listens; errors go back to the client

    # -------------------------------------------------------------- routing

    def do_GET(self) -> None:
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
            body, media_type = self._run(queries[0], params)
        except ReadOnlyRefusal as exc:
            self._error(HTTPStatus.FORBIDDEN, str(exc))
        except (store.QueryError, SyntaxError, ValueError) as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except LookupError as exc:
            self._error(HTTPStatus.NOT_ACCEPTABLE, str(exc))
        except (OSError, RuntimeError) as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}")
        else:
            self._send(HTTPStatus.OK, media_type, body)

    def _run(self, query_text: str, params: dict[str, list[str]]) -> tuple[bytes, str]:
        import pyoxigraph as ox

        try:
            store.query_form(query_text)
        except store.QueryError as exc:
            if "UPDATE" in str(exc):
                raise ReadOnlyRefusal(str(exc)) from exc
            raise
        options = {}
        if params.get("default-graph-uri"):
            options["default_graph"] = [ox.NamedNode(iri) for iri in params["default-graph-uri"]]
        if params.get("named-graph-uri"):
            options["named_graphs"] = [ox.NamedNode(iri) for iri in params["named-graph-uri"]]
        result = self.server.store.query(query_text, **options)
        wanted = self._wanted_types(params)
        if isinstance(result, ox.QueryTriples):
            media_type = next((t for t in wanted if t in GRAPH_TYPES), None) or "text/turtle"
            data = result.serialize(format=getattr(ox.RdfFormat, GRAPH_TYPES[media_type]))
            return data, f"{media_type}; charset=utf-8"
        media_type = next((t for t in wanted if t in RESULT_TYPES), None)
        if media_type is None:
            if any(t in ("*/*", "application/*", "text/*", "") for t in wanted):
                media_type = "application/sparql-results+json"
            else:
                raise LookupError(f"cannot answer as {', '.join(wanted)}; "
                                  f"use one of {', '.join(RESULT_TYPES)}")
        data = result.serialize(format=getattr(ox.QueryResultsFormat, RESULT_TYPES[media_type]))
        return data, f"{media_type}; charset=utf-8"

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
