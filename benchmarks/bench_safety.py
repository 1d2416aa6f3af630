#!/usr/bin/env python3
"""Safety on a shared machine, measured: concurrent builds into one folder, builds killed at
random moments, the SPARQL endpoint under load and abuse, and a corpus with broken entries.

    .venv/bin/python benchmarks/bench_safety.py [concurrent|kill|serve|corpus|all] [--pairs 20]
        [--kills 50] [--clients 100] [--queries 10] [--seed 16]

Builds run as ``python -m graph build`` processes on two small corpora (A: three documents of
corpus/, B: the other two), so every folder can be checked against the outputs of A and of B
built alone: a folder is "whole" when graph.ttl, report.json, report.md, analysis.ttl and
index.html all hash to one of them and its store was loaded from exactly those graph files.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import store  # noqa: E402
from graph.generations import reading_dir  # noqa: E402

CHECKED = ("graph.ttl", "report.json", "report.md", "analysis.ttl", "index.html")
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


# ---------------------------------------------------------------- builds


def make_corpora(root: Path) -> dict[str, Path]:
    """Corpus A (three documents) and B (the other two)."""
    docs = sorted((ROOT / "corpus").glob("*.txt"))
    corpora = {"A": docs[:3], "B": docs[3:]}
    folders = {}
    for name, files in corpora.items():
        folder = root / f"corpus-{name}"
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder / f.name)
        folders[name] = folder
    return folders


def build_cmd(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "-q", *extra]


def fingerprint(out: Path) -> tuple | None:
    """Hashes of the checked outputs as a reader sees them, or None when the store does not hold
    those graph files (or an output is missing)."""
    folder = reading_dir(out)
    try:
        hashes = tuple(hashlib.sha256((folder / name).read_bytes()).hexdigest()[:16] for name in CHECKED)
    except OSError:
        return None
    return hashes if not store.store_mismatch(folder) else None


def references(corpora: dict[str, Path], root: Path) -> dict[tuple, str]:
    """The fingerprint of each corpus built alone → its name."""
    refs = {}
    for name, corpus in corpora.items():
        out = root / f"ref-{name}"
        subprocess.run(build_cmd(corpus, out), env=ENV, check=False)
        refs[fingerprint(out)] = name
    assert None not in refs and len(refs) == 2, "reference builds failed"
    return refs


def concurrent(args, root: Path, corpora: dict[str, Path], refs: dict[tuple, str]) -> None:
    """Pairs of builds of A and B started together into one folder."""
    out = root / "shared"
    rng = random.Random(args.seed)
    tally = {"pairs": 0, "tracebacks": 0, "whole": 0, "mixed": 0, "loser exit 2": 0, "both waited": 0,
             "exit 2 naming the holder": 0}
    for i in range(args.pairs):
        wait = i % 2 == 1  # every second pair: the second build waits (--wait) instead of exiting 2
        first, second = (corpora["A"], corpora["B"]) if rng.random() < 0.5 else (corpora["B"], corpora["A"])
        # --no-cache: both are whole builds (never "up to date"), so the two always overlap
        p1 = subprocess.Popen(build_cmd(first, out, "--no-cache"), env=ENV, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0, 0.5))
        p2 = subprocess.Popen(build_cmd(second, out, "--no-cache", *(["--wait"] if wait else [])), env=ENV,
                              stderr=subprocess.PIPE)
        errs = [p.communicate()[1].decode("utf-8", "replace") for p in (p1, p2)]
        codes = [p1.returncode, p2.returncode]
        tally["pairs"] += 1
        tally["tracebacks"] += sum("Traceback" in e for e in errs)
        tally["whole" if fingerprint(out) in refs else "mixed"] += 1
        if 2 in codes:
            tally["loser exit 2"] += 1
            tally["exit 2 naming the holder"] += any("pid" in e for e, c in zip(errs, codes) if c == 2)
        elif wait:
            tally["both waited"] += 1
        print(f"  pair {i + 1:2}: exits {codes}{' (--wait)' if wait else ''} → "
              f"{refs.get(fingerprint(out), 'MIXED')}", flush=True)
    print("concurrent builds:", json.dumps(tally))


def kill(args, root: Path, corpora: dict[str, Path], refs: dict[tuple, str]) -> None:
    """Builds killed with SIGKILL at random moments; the folder must hold the old or the new build."""
    out = root / "killed"
    subprocess.run(build_cmd(corpora["A"], out), env=ENV, check=True)
    durations = {}
    for mode, name in ((("--no-cache",), "B"), ((), "A"), ((), "B")):  # the last two: from the cache
        started = time.monotonic()
        subprocess.run(build_cmd(corpora[name], out, *mode), env=ENV, check=True)
        durations[mode] = time.monotonic() - started
    rng = random.Random(args.seed)
    tally = {"kills": 0, "old": 0, "new": 0, "mixed": 0, "finished before the kill": 0}
    for i in range(args.kills):
        old = refs[fingerprint(out)]
        new = "A" if old == "B" else "B"
        mode = ("--no-cache",) if i % 2 else ()
        moment = rng.uniform(0, durations[mode] * 1.3)
        proc = subprocess.Popen(build_cmd(corpora[new], out, *mode), env=ENV, stderr=subprocess.DEVNULL)
        time.sleep(moment)
        if proc.poll() is not None:
            tally["finished before the kill"] += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = refs.get(fingerprint(out), "mixed")
        tally["kills"] += 1
        tally["old" if now == old else "new" if now == new else "mixed"] += 1
    print("killed builds (a build takes " + ", ".join(f"{d:.2f} s {' '.join(m) or 'from the cache'}"
                                                      for m, d in durations.items()) +
          "; kill moments uniform in [0, 1.3 × that]):", json.dumps(tally))


# ---------------------------------------------------------------- serve


def http(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 120) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def query_url(base: str, query: str) -> str:
    return f"{base}/query?" + urllib.parse.urlencode({"query": query})


def start_server(out: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--out", str(out), "--port", str(port), *extra],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            http(query_url(base, "ASK {}"), timeout=2)
            return proc, base
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("plankg serve did not start")


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def load(base: str, clients: int, queries: int) -> dict:
    """``clients`` threads started together, each sending ``queries`` queries."""
    results: list[tuple[str, float]] = []
    barrier = threading.Barrier(clients)

    def client() -> None:
        barrier.wait()
        for _ in range(queries):
            t = time.monotonic()
            try:
                status, _ = http(query_url(base, COUNT))
                results.append((str(status), time.monotonic() - t))
            except OSError as exc:
                results.append((type(getattr(exc, "reason", exc)).__name__, time.monotonic() - t))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outcomes: dict[str, int] = {}
    for status, _ in results:
        outcomes[status] = outcomes.get(status, 0) + 1
    times = sorted(t for _, t in results)
    return {"requests": len(results), "outcomes": outcomes, "seconds": round(time.monotonic() - started, 2),
            "median_s": round(times[len(times) // 2], 3), "max_s": round(times[-1], 3)}


def pathological(base: str, timeout: float) -> dict:
    """Two cross joins while other clients query: when do they end, and are the others served?"""
    answers: list[tuple[int, float]] = []

    def cross() -> None:
        t = time.monotonic()
        status, _ = http(query_url(base, CROSS))
        answers.append((status, round(time.monotonic() - t, 2)))

    heavy = [threading.Thread(target=cross) for _ in range(2)]
    for t in heavy:
        t.start()
    time.sleep(0.5)
    served = load(base, 10, 10)
    for t in heavy:
        t.join()
    return {"time_limit_s": timeout, "cross_joins": answers, "others_meanwhile": served}


def cancelled(base: str, server: subprocess.Popen) -> dict:
    """A cross join whose client hangs up: how soon is its worker process replaced?"""
    before = children(server.pid)
    host, port = base.rsplit("//", 1)[1].split(":")
    sock = socket.create_connection((host, int(port)))
    path = "/query?" + urllib.parse.urlencode({"query": CROSS})
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    time.sleep(1.0)
    sock.close()
    closed = time.monotonic()
    while time.monotonic() - closed < 10:
        gone = before - children(server.pid)
        if gone:
            return {"worker_killed_after_client_left_s": round(time.monotonic() - closed, 2)}
        time.sleep(0.02)
    return {"worker_killed_after_client_left_s": None}


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


def service_and_host(base: str) -> dict:
    """SERVICE aimed at a local listener (does anything reach it?) and a foreign Host header."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    reached = []

    def accept() -> None:
        end = time.monotonic() + 3
        while time.monotonic() < end:
            try:
                reached.append(listener.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept)
    thread.start()
    statuses = [http(query_url(base, f"SELECT * WHERE {{ {kw} <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"))[0]
                for kw in ("SERVICE", "service SILENT", "SERVI\\u0043E")]
    thread.join()
    listener.close()
    host_status = http(query_url(base, COUNT), headers={"Host": f"rebound.example:{base.rsplit(':', 1)[1]}"})[0]
    return {"service_statuses": statuses, "connections_reaching_listener": len(reached),
            "foreign_host_status": host_status}


def half_sent(base: str, connections: int) -> dict:
    """Clients that send half a request and stall: are others still served, and when are they cut?"""
    host, port = base.rsplit("//", 1)[1].split(":")
    socks = []
    for _ in range(connections):
        s = socket.create_connection((host, int(port)))
        s.sendall(b"POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nquery=SEL")
        socks.append(s)
    t = time.monotonic()
    status, _ = http(query_url(base, COUNT))
    during = (status, round(time.monotonic() - t, 3))
    started = time.monotonic()
    open_left = len(socks)
    for s in socks:
        s.settimeout(30)
        try:
            s.recv(1)
        except OSError:
            pass
        open_left -= 1
    for s in socks:
        s.close()
    return {"stalled_connections": connections, "query_meanwhile": during,
            "all_stalled_closed_by_server_after_s": round(time.monotonic() - started, 1)}


def serve(args, root: Path, corpora: dict[str, Path], refs: dict[tuple, str]) -> None:
    out = root / "ref-A"
    server, base = start_server(out, "--timeout", str(args.timeout))
    try:
        print("serve load:", json.dumps(load(base, args.clients, args.queries)), flush=True)
        print("serve pathological:", json.dumps(pathological(base, args.timeout)), flush=True)
        print("serve cancelled:", json.dumps(cancelled(base, server)), flush=True)
        print("serve SERVICE and Host:", json.dumps(service_and_host(base)), flush=True)
        print("serve half-sent requests:", json.dumps(half_sent(base, 100)), flush=True)
        print("serve load after all that:", json.dumps(load(base, args.clients, args.queries)), flush=True)
    finally:
        server.terminate()
        server.wait()


# ---------------------------------------------------------------- corpus


def corpus(args, root: Path, corpora: dict[str, Path], refs: dict[tuple, str]) -> None:
    """A corpus with a symlink loop, a dangling link and an unreadable folder, built by an
    unprivileged user (root reads every folder) when run as root."""
    folder = Path(tempfile.mkdtemp(prefix="plankg-broken-"))
    os.chmod(folder, 0o755)
    for f in sorted(corpora["A"].iterdir()):
        shutil.copy(f, folder / f.name)
    (folder / "loop").symlink_to(".")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "locked").mkdir()
    shutil.copy(next(corpora["B"].iterdir()), folder / "locked" / "hidden-plan.txt")
    os.chmod(folder / "locked", 0o000)
    out = Path(f"{folder}-out")
    cmd = build_cmd(folder, out, "--no-analysis")
    if os.geteuid() == 0:
        out.mkdir()
        os.chown(out, 65534, 65534)
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    done = subprocess.run(cmd, env=dict(ENV, HOME=str(out)), capture_output=True, text=True)
    report = (out / "report.md").read_text(encoding="utf-8") if (out / "report.md").exists() else ""
    named = {name: name in report for name in ("loop", "dangling.txt", "locked")}
    print("broken corpus:", json.dumps({"exit": done.returncode, "named_in_report": named}))
    section = report[report.find("## Corpus entries left out"):] if named else ""
    print("\n".join("  " + line for line in section.splitlines() if line.startswith("- ")))
    os.chmod(folder / "locked", 0o755)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="all", choices=["concurrent", "kill", "serve", "corpus", "all"])
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--queries", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=30.0, help="serve --timeout (30: the default)")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plankg-safety-") as tmp:
        root = Path(tmp)
        corpora = make_corpora(root)
        refs = references(corpora, root)
        for name, run in (("concurrent", concurrent), ("kill", kill), ("serve", serve), ("corpus", corpus)):
            if args.what in (name, "all"):
                run(args, root, corpora, refs)


if __name__ == "__main__":
    main()
