"""SPARQL queries answered in worker processes that can be stopped at any moment.

Oxigraph cannot interrupt a running query, so the endpoint (graph.serve) runs each query in
one of a few worker processes; a query over its time limit, or whose client went away, is
ended by killing its worker, and a fresh worker takes its place. A worker opens the store
read-only and answers one request at a time: a JSON line in, a JSON header line and the
result bytes out (``python -m graph.query_process STORE_DIR [--memory]``).
"""
from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph import store

RESULT_TYPES = {  # media type → pyoxigraph QueryResultsFormat name
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "text/plain": "N_TRIPLES"}
POLL_SECONDS = 0.05  # how often a waiting query checks its time limit and its client
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Reply:
    """An HTTP answer to a query: status, media type and body."""

    status: int
    media_type: str
    body: bytes


def text_reply(status: int, message: str) -> Reply:
    """A plain-text answer (errors)."""
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


# ---------------------------------------------------------------- in the worker


def answer(graph_store, request: dict) -> Reply:
    """Run one query request on a pyoxigraph store and serialise its results as the client asked."""
    import pyoxigraph as ox

    options = {}
    if request.get("default_graph"):
        options["default_graph"] = [ox.NamedNode(iri) for iri in request["default_graph"]]
    if request.get("named_graphs"):
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request["named_graphs"]]
    wanted = request.get("accept") or ["*/*"]
    try:
        result = graph_store.query(request["query"], **options)
        if isinstance(result, ox.QueryTriples):
            media_type = next((t for t in wanted if t in GRAPH_TYPES), None) or "text/turtle"
            data = result.serialize(format=getattr(ox.RdfFormat, GRAPH_TYPES[media_type]))
            return Reply(200, f"{media_type}; charset=utf-8", data)
        media_type = next((t for t in wanted if t in RESULT_TYPES), None)
        if media_type is None:
            if not any(t in ("*/*", "application/*", "text/*", "") for t in wanted):
                return text_reply(406, f"cannot answer as {', '.join(wanted)}; use one of {', '.join(RESULT_TYPES)}")
            media_type = "application/sparql-results+json"
        data = result.serialize(format=getattr(ox.QueryResultsFormat, RESULT_TYPES[media_type]))
        return Reply(200, f"{media_type}; charset=utf-8", data)
    except (SyntaxError, ValueError) as exc:
        return text_reply(400, str(exc))
    except (OSError, RuntimeError) as exc:
        return text_reply(500, f"query failed: {exc}")


def copy_into_memory(disk_store):
    """An in-memory copy of a store: several times faster on queries that return many rows."""
    import pyoxigraph as ox

    memory = ox.Store()
    memory.bulk_load(input=disk_store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    return memory


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a killed server leaves no query running)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the worker ends when its stdin closes


def worker_main(argv: list[str]) -> None:
    """Open the store and answer requests from stdin until it closes."""
    die_with_parent()
    graph_store = store.open_store(Path(argv[0]))
    if "--memory" in argv[1:]:
        graph_store = copy_into_memory(graph_store)
    out = sys.stdout.buffer
    out.write(b"ready\n")
    out.flush()
    for line in sys.stdin.buffer:
        reply = answer(graph_store, json.loads(line))
        header = {"status": reply.status, "media_type": reply.media_type, "length": len(reply.body)}
        out.write(json.dumps(header).encode("utf-8") + b"\n" + reply.body)
        out.flush()


# ---------------------------------------------------------------- in the server


class QueryWorker:
    """One worker process and its pipes."""

    def __init__(self, store_dir: Path, in_memory: bool) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_ROOT),
                                                                         os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph.query_process", str(store_dir), *(["--memory"] if in_memory else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        if self.process.stdout.readline() != b"ready\n":
            self.stop()
            raise store.QueryError(f"a query worker could not open the store at '{store_dir}'")

    def send(self, request: dict) -> None:
        self.process.stdin.write(json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n")
        self.process.stdin.flush()

    def answered(self, wait: float) -> bool:
        """Whether the answer is ready to read (waiting up to ``wait`` seconds)."""
        return bool(select.select([self.process.stdout], [], [], wait)[0])

    def receive(self) -> Reply:
        header = json.loads(self.process.stdout.readline() or b"null")
        if not header:
            raise EOFError("the query worker ended")
        return Reply(header["status"], header["media_type"], self.process.stdout.read(header["length"]))

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            pipe.close()


class QueryPool:
    """A fixed number of query workers; a query waits for a free one, within its time limit."""

    def __init__(self, store_dir: Path, size: int, in_memory: bool = False) -> None:
        self.store_dir, self.in_memory = Path(store_dir), in_memory
        self.idle: queue.Queue[QueryWorker] = queue.Queue()
        self.workers: set[QueryWorker] = set()
        self.lock = threading.Lock()
        self.closed = False
        for _ in range(size):
            self._add(QueryWorker(self.store_dir, in_memory))
        # replacements are started by one long-lived thread: Linux kills a worker when the thread
        # that started it ends (see die_with_parent)
        self.wanted: queue.Queue[bool] = queue.Queue()
        threading.Thread(target=self._start_replacements, name="query-worker-start", daemon=True).start()

    def run(self, request: dict, timeout: float, client_gone: Callable[[], bool]) -> Reply | None:
        """The answer to ``request``; a 503 when it runs over ``timeout`` seconds (its worker is
        then killed); None when the client went away first (the query is stopped too)."""
        deadline = time.monotonic() + timeout
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return text_reply(503, f"every query worker stayed busy for the time limit ({timeout:g} s); try again")
        try:
            worker.send(request)
            while not worker.answered(POLL_SECONDS):
                if client_gone():
                    self._replace(worker)
                    return None
                if time.monotonic() >= deadline:
                    self._replace(worker)
                    return text_reply(503, f"query stopped: it ran over the time limit of {timeout:g} s")
            reply = worker.receive()
        except (OSError, ValueError, EOFError):
            self._replace(worker)
            return text_reply(500, "the query process ended unexpectedly")
        self.idle.put(worker)
        return reply

    def _add(self, worker: QueryWorker) -> None:
        with self.lock:
            if self.closed:
                worker.stop()
                return
            self.workers.add(worker)
        self.idle.put(worker)

    def _replace(self, worker: QueryWorker) -> None:
        """Kill a worker and start another in the background."""
        with self.lock:
            self.workers.discard(worker)
        worker.stop()
        self.wanted.put(True)

    def _start_replacements(self) -> None:
        while self.wanted.get():
            try:
                self._add(QueryWorker(self.store_dir, self.in_memory))
            except (OSError, store.QueryError):
                time.sleep(1)
                self.wanted.put(True)  # try again: the endpoint answers 503 meanwhile

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers, self.workers = list(self.workers), set()
        self.wanted.put(False)
        for worker in workers:
            worker.stop()


if __name__ == "__main__":
    worker_main(sys.argv[1:])
