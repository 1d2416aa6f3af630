"""plankg push and query --endpoint against a real ``oxigraph serve`` on a loopback port."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import store
from graph.cli import cli
from sparql_corpus import build_output

GRAPH_IRI = "https://w3id.org/plankg/id/graph/test"


def oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("no `oxigraph` server binary (pip install oxigraph into the venv)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if process.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        else:
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(oxigraph_server, tmp_path_factory):
    out_dir, _ = build_output(tmp_path_factory.mktemp("sparql"))
    result = CliRunner().invoke(cli, ["push", "--endpoint", f"{oxigraph_server}/store", "--graph-iri", GRAPH_IRI,
                                      "--out", str(out_dir)])
    assert result.exit_code == 0, result.output
    return out_dir


def run_cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_push_fills_the_named_graph(oxigraph_server, pushed):
    remote = store.RemoteSource(f"{oxigraph_server}/query", default_graph=GRAPH_IRI)
    count = remote.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value
    assert int(count) == len(store.open_store(pushed / "store"))
    empty_default = store.RemoteSource(f"{oxigraph_server}/query").run("ASK { ?s ?p ?o }")
    assert empty_default.rows[0][0].value == "false"  # into the named graph, not the default one


def test_pushing_again_replaces_the_graph(oxigraph_server, pushed):
    run_cli("push", "--endpoint", f"{oxigraph_server}/store", "--graph-iri", GRAPH_IRI, "--out", str(pushed))
    remote = store.RemoteSource(f"{oxigraph_server}/query", default_graph=GRAPH_IRI)
    assert int(remote.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value) == \
        len(store.open_store(pushed / "store"))


def test_remote_query_matches_the_local_store(oxigraph_server, pushed):
    remote = run_cli("query", "lead-load", "--format", "csv", "--endpoint", f"{oxigraph_server}/query",
                     "--graph-iri", GRAPH_IRI)
    local = run_cli("query", "lead-load", "--format", "csv", "--out", str(pushed))
    assert remote == local and len(local.splitlines()) > 1


def test_remote_parameters_are_bound_as_literals(oxigraph_server, pushed):
    local = json.loads(run_cli("query", "lead-load", "-f", "json", "--out", str(pushed)))
    region = local[0]["region"]
    remote = json.loads(run_cli("query", "lead-load", "-f", "json", "--param", f"region={region}",
                                "--endpoint", f"{oxigraph_server}/query", "--graph-iri", GRAPH_IRI))
    assert remote and {row["region"] for row in remote} == {region}
    hostile = json.loads(run_cli("query", "source-text", "-f", "json", "--param", 'item="} ; DROP ALL ; {"',
                                 "--endpoint", f"{oxigraph_server}/query", "--graph-iri", GRAPH_IRI))
    assert hostile == []
    refused = CliRunner().invoke(cli, ["query", "lead-load", "--param", 'region="} ; DROP ALL ; {"',
                                       "--endpoint", f"{oxigraph_server}/query", "--graph-iri", GRAPH_IRI])
    assert refused.exit_code == 2 and region in refused.output   # refused before anything is sent
    still = store.RemoteSource(f"{oxigraph_server}/query", default_graph=GRAPH_IRI).run("ASK { ?s ?p ?o }")
    assert still.rows[0][0].value == "true"


def test_unreachable_endpoint_is_a_clear_error():
    result = CliRunner().invoke(cli, ["query", "lead-load", "--endpoint", f"http://127.0.0.1:{free_port()}/query"])
    assert result.exit_code == 1 and "cannot reach" in result.output


class RecordingGraphStore:
    """A stand-in Graph Store that demands Basic auth and records what was PUT."""

    def __init__(self, user: str, password: str) -> None:
        import base64
        import threading
        from http.server import BaseHTTPRequestHandler, HTTPServer

        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.requests: list[tuple[str, str, bytes]] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_PUT(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Authorization") != expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="store"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                recorder.requests.append((self.path, self.headers["Content-Type"], body))
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql-graph-crud"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_push_answers_an_auth_challenge_and_names_the_graph_parameter(tmp_path, monkeypatch):
    nt = tmp_path / "g.nt"
    nt.write_text('<http://x/a> <http://x/b> "县发改局" .\n', encoding="utf-8")
    fake = RecordingGraphStore("dba", "s3cret")
    try:
        with pytest.raises(store.QueryError, match="401"):
            store.push_graph(fake.url, nt, GRAPH_IRI, "graph-uri")
        monkeypatch.setenv("PLANKG_SPARQL_USER", "dba")
        monkeypatch.setenv("PLANKG_SPARQL_PASSWORD", "s3cret")
        assert store.push_graph(fake.url, nt, GRAPH_IRI, "graph-uri") == 201
    finally:
        fake.close()
    path, content_type, body = fake.requests[0]
    assert path == "/sparql-graph-crud?graph-uri=" + urllib.parse.quote(GRAPH_IRI, safe="")
    assert content_type == "application/n-triples" and body == nt.read_bytes()
