"""plankg serve: a read-only SPARQL 1.1 Protocol endpoint on a loopback port."""
from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from graph import serve, store
from sparql_corpus import build_output

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
UNITS = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX plankg: <https://w3id.org/plankg/ns#> "
         "SELECT ?unit WHERE { ?u a plankg:Unit ; skos:prefLabel ?unit } ORDER BY ?unit")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    out_dir, _ = build_output(tmp_path_factory.mktemp("sparql"))
    server = serve.start_in_thread(out_dir / "store", "127.0.0.1", 0)
    yield server
    server.shutdown()
    server.server_close()


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, content type, body) of an HTTP request, errors included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def triple_count(server) -> int:
    _, _, body = request(f"{server.url}/query?" + urllib.parse.urlencode({"query": COUNT}))
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_get_query_answers_sparql_json(endpoint):
    status, content_type, body = request(f"{endpoint.url}/query?" + urllib.parse.urlencode({"query": UNITS}))
    assert status == 200 and content_type.startswith("application/sparql-results+json")
    units = [b["unit"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert units and any(re.search(r"[\u4e00-\u9fff]", u) for u in units)


def test_post_form_and_direct_post_agree(endpoint):
    form = urllib.parse.urlencode({"query": UNITS}).encode()
    by_form = request(f"{endpoint.url}/query", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                       "Accept": "text/csv"})
    direct = request(f"{endpoint.url}/query", UNITS.encode(), {"Content-Type": "application/sparql-query",
                                                                "Accept": "text/csv"})
    assert by_form[0] == direct[0] == 200 and by_form[1].startswith("text/csv")
    assert by_form[2] == direct[2]
    rows = list(csv.reader(io.StringIO(by_form[2].decode("utf-8"))))
    assert rows[0] == ["unit"] and len(rows) > 1


def test_construct_answers_turtle(endpoint):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"
    status, content_type, body = request(f"{endpoint.url}/query?" + urllib.parse.urlencode({"query": query}),
                                         headers={"Accept": "text/turtle"})
    assert status == 200 and content_type.startswith("text/turtle") and body.strip()


@pytest.mark.parametrize("how", ["update-endpoint", "update-param", "update-body", "query-param", "put"])
def test_update_is_refused(endpoint, how):
    before = triple_count(endpoint)
    drop = "DROP ALL"
    if how == "update-endpoint":
        reply = request(f"{endpoint.url}/update", urllib.parse.urlencode({"update": drop}).encode(),
                        {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-param":
        reply = request(f"{endpoint.url}/query", urllib.parse.urlencode({"update": drop}).encode(),
                        {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "update-body":
        reply = request(f"{endpoint.url}/query", drop.encode(), {"Content-Type": "application/sparql-update"})
    elif how == "query-param":
        reply = request(f"{endpoint.url}/query?" + urllib.parse.urlencode({"query": "CLEAR DEFAULT"}))
    else:
        reply = request(f"{endpoint.url}/store?default", b"<http://x/a> <http://x/b> <http://x/c> .",
                        {"Content-Type": "application/n-triples"}, method="PUT")
    assert 400 <= reply[0] < 500
    assert triple_count(endpoint) == before > 0


def test_bad_requests_get_clear_4xx(endpoint):
    assert request(f"{endpoint.url}/query")[0] == 400
    status, _, body = request(f"{endpoint.url}/query?" + urllib.parse.urlencode({"query": "SELECT WHERE {"}))
    assert status == 400 and body
    assert request(f"{endpoint.url}/nothing")[0] == 404
    assert request(f"{endpoint.url}/query?" + urllib.parse.urlencode({"query": COUNT}),
                   headers={"Accept": "image/png"})[0] == 406


def test_query_page_is_self_contained(endpoint):
    status, content_type, body = request(f"{endpoint.url}/")
    page = body.decode("utf-8")
    assert status == 200 and content_type.startswith("text/html")
    assert "<textarea" in page and "lead-load" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # no external assets
    library = json.loads(re.search(r'id="library-data">(.*?)</script>', page, re.S).group(1))
    assert {q["name"] for q in library} == {q.name for q in store.list_queries()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_command_listens_on_loopback(tmp_path_factory):
    out_dir, _ = build_output(tmp_path_factory.mktemp("sparql"))
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--out", str(out_dir), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": COUNT})
        for _ in range(100):
            try:
                status, _, body = request(url)
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        else:
            pytest.fail(f"plankg serve did not answer: {process.stderr.read1().decode()}")
        assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_ask_answers_a_boolean(endpoint):
    status, content_type, body = request(f"{endpoint.url}/query?" + urllib.parse.urlencode(
        {"query": "PREFIX plankg: <https://w3id.org/plankg/ns#> ASK { ?t a plankg:Task }"}))
    assert status == 200 and json.loads(body)["boolean"] is True


def test_in_memory_copy_answers_the_same(endpoint, tmp_path_factory):
    out_dir, _ = build_output(tmp_path_factory.mktemp("sparql"))
    memory = serve.start_in_thread(out_dir / "store", "127.0.0.1", 0, in_memory=True)
    try:
        query = "{}/query?" + urllib.parse.urlencode({"query": UNITS})
        assert request(query.format(memory.url))[2] == request(query.format(endpoint.url))[2]
        assert triple_count(memory) == triple_count(endpoint)
    finally:
        memory.shutdown()
        memory.server_close()


# ---------------------------------------------------------------- limits: time, clients, SERVICE, Host

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # never ends on the test graph


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """An endpoint whose queries may run one second, in two query processes."""
    out_dir, _ = build_output(tmp_path_factory.mktemp("sparql"))
    server = serve.start_in_thread(out_dir / "store", "127.0.0.1", 0,
                                   options=serve.ServeOptions(timeout=1.0, workers=2))
    yield server
    server.shutdown()
    server.server_close()


def test_a_runaway_query_ends_at_the_time_limit_while_others_are_served(limited):
    import threading

    answers = []
    runaway = threading.Thread(target=lambda: answers.append(
        request(f"{limited.url}/query?" + urllib.parse.urlencode({"query": CROSS}))))
    runaway.start()
    status, _, body = request(f"{limited.url}/query?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
    runaway.join(60)
    assert answers[0][0] == 503 and b"time limit of 1 s" in answers[0][2]
    assert triple_count(limited) > 0  # its worker was replaced: the endpoint still answers


def test_a_client_hanging_up_stops_its_query(limited):
    before = set(limited.queries.workers)
    host, port = limited.server_address[:2]
    with socket.create_connection((host, port)) as sock:
        path = "/query?" + urllib.parse.urlencode({"query": CROSS})
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        for _ in range(100):  # until a worker has the query
            if limited.queries.idle.qsize() < len(before):
                break
            time.sleep(0.01)
    for _ in range(100):  # well within the time limit
        if not before <= set(limited.queries.workers):
            break
        time.sleep(0.005)
    assert not before <= set(limited.queries.workers)  # the worker running it was stopped


@pytest.mark.parametrize("keyword", ["SERVICE", "service SILENT", "SERVI\\u0043E"])
def test_service_is_refused_and_reaches_nothing(limited, keyword):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        listener.settimeout(0.5)
        query = f"SELECT * WHERE {{ {keyword} <http://127.0.0.1:{listener.getsockname()[1]}/q> {{ ?s ?p ?o }} }}"
        status, _, body = request(f"{limited.url}/query?" + urllib.parse.urlencode({"query": query}))
        assert status == 403 and b"--allow-service" in body
        with pytest.raises(TimeoutError):
            listener.accept()


def test_a_foreign_host_header_is_refused(limited):
    url = f"{limited.url}/query?" + urllib.parse.urlencode({"query": COUNT})
    status, _, body = request(url, headers={"Host": f"rebound.example:{limited.server_address[1]}"})
    assert status == 403 and b"--allow-host" in body
    assert request(url, headers={"Host": f"localhost:{limited.server_address[1]}"})[0] == 200
    assert request(url, headers={"Host": f"[::1]:{limited.server_address[1]}"})[0] == 200
