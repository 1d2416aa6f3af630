"""A read-only SPARQL 1.1 Protocol endpoint over a built Oxigraph store, with a small query page.

``GET /`` the query page (no external assets); ``GET /query?query=…``, ``POST /query`` (form
``query=…`` or an ``application/sparql-query`` body) answer queries. Results follow the Accept
header (SPARQL JSON by default; XML, CSV, TSV; Turtle or N-Triples for CONSTRUCT/DESCRIBE).
SPARQL UPDATE, ``/update`` and Graph Store writes are refused with 403.
"""
from __future__ import annotations

import html
import json
import re
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

    library = library_entries()
    options = "".join(f'<option value="{i}">{html.escape(q["name"])} — {html.escape(q["summary"])}</option>'
                      for i, q in enumerate(library))
    library_json = json.dumps(library, ensure_ascii=False).replace("</", "<\\/")
    first = html.escape(library[0]["text"]) if library else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    fills = {"options": options, "library": library_json, "first": first}
    return re.sub(r"\{(options|library|first)\}", lambda m: fills[m.group(1)], PAGE)


PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>plankg SPARQL</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
textarea{width:100%;height:18em;font-family:monospace;font-size:13px}
table{border-collapse:collapse;margin-top:1em;font-size:13px}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3} #status{margin-left:1em;color:#555} select{max-width:100%}
fieldset{margin:0 0 .8em;border:1px solid #ccc} fieldset label{display:block;margin:.3em 0}
fieldset input{width:20em} .note{color:#555;font-size:90%}
</style></head><body>
<h1>plankg SPARQL</h1>
<p>Read-only SPARQL 1.1 endpoint at <code>/query</code>. Start from a library query, or write your own.
A library query's parameters are fields below it; what you type is bound as a text value (a
<code>VALUES</code> line at the start of its WHERE block), never pasted into the query.</p>
<p><select id="library"><option value="">— query library —</option>{options}</select></p>
<form id="form"><fieldset id="params" hidden><legend>Parameters</legend><div id="param-fields"></div>
<p class="note" id="param-note"></p></fieldset>
<textarea id="query" name="query" spellcheck="false">{first}</textarea>
<p><button type="submit">Run</button><span id="status"></span></p></form>
<div id="results"></div>
<script type="application/json" id="library-data">{library}</script>
<script>
"use strict";
const library = JSON.parse(document.getElementById("library-data").textContent);
const query = document.getElementById("query"), status = document.getElementById("status");
const results = document.getElementById("results");
const paramBox = document.getElementById("params"), paramFields = document.getElementById("param-fields");
let chosen = library.length ? library[0] : null;
function showParams(entry) {
  chosen = entry; paramFields.replaceChildren();
  const params = entry ? entry.params : [];
  paramBox.hidden = params.length === 0;
  for (const p of params) {
    const label = document.createElement("label"), input = document.createElement("input");
    input.name = "param-" + p.name; input.dataset.param = p.name; input.placeholder = p.meaning;
    label.append(p.name + (p.required ? " (required) " : " (optional) "), input);
    paramFields.appendChild(label);
  }
  document.getElementById("param-note").textContent = params.length ?
    "Fields are used while the query text is the library's own; after editing it, bind values in the text." : "";
}
/* The library query with its filled fields bound by a VALUES block (SPARQL strings written as JSON strings). */
function boundQuery() {
  if (!chosen || query.value !== chosen.text || chosen.where < 0) return {text: query.value};
  const filled = [];
  for (const input of paramFields.querySelectorAll("input")) {
    const p = chosen.params.find(x => x.name === input.dataset.param);
    if (input.value.trim() !== "") filled.push([p.name, input.value.trim()]);
    else if (p.required) return {missing: p.name + " is required: " + p.meaning};
  }
  if (!filled.length) return {text: query.value};
  const values = " VALUES (" + filled.map(f => "?" + f[0]).join(" ") + ") { (" +
    filled.map(f => JSON.stringify(f[1])).join(" ") + ") } ";
  return {text: chosen.text.slice(0, chosen.where) + values + chosen.text.slice(chosen.where)};
}
showParams(chosen);
document.getElementById("library").addEventListener("change", e => {
  if (e.target.value !== "") { query.value = library[Number(e.target.value)].text; showParams(library[Number(e.target.value)]); }
});
document.getElementById("form").addEventListener("submit", async e => {
  e.preventDefault();
  results.replaceChildren();
  const bound = boundQuery();
  if (bound.missing) { status.textContent = bound.missing; return; }
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("query", {method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
      body: new URLSearchParams({query: bound.text})});
    const text = await response.text();
    if (!response.ok) { status.textContent = response.status + ": " + text; return; }
    const data = JSON.parse(text);
    const table = document.createElement("table");
    if ("boolean" in data) { status.textContent = "answer: " + data.boolean; return; }
    const head = table.insertRow();
    for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
    for (const b of data.results.bindings) {
      const row = table.insertRow();
      for (const v of data.head.vars) row.insertCell().textContent = b[v] ? b[v].value : "";
    }
    results.appendChild(table);
    status.textContent = data.results.bindings.length + " rows, " + Math.round(performance.now() - started) + " ms";
  } catch (err) { status.textContent = String(err); }
});
</script></body></html>
"""
