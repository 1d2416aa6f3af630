"""Worker processes for the per-scope work: each (``main``) reads pickled ``(function, argument)``
pairs on stdin and writes ``function(argument)`` on stdout, in order.

Workers are fresh interpreters (not forks), so each holds only the jobs it is given, and the
caller's main module is never re-imported (no ``if __name__ == "__main__"`` needed by callers).
"""
from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path
from typing import Any, Callable

PACKAGE_ROOT = Path(__file__).resolve().parents[2]   # the folder that holds graph/
WORKER_MAIN = "import sys; from graph.analysis.workers import main; sys.exit(main())"
_FAILED = object()


class WorkerPool:
    """Runs ``function(argument)`` jobs in ``workers`` processes (or here, when ``workers <= 1``).

    ``submit(function, argument, tag, cost)`` sends a job to the worker with the least work
    waiting; ``next_done()`` gives ``(tag, answer)`` of a finished job, in the order they finish
    (each worker answers its own jobs in order). ``close`` ends the workers when their jobs
    are done, ``abort`` without waiting.
    """

    def __init__(self, workers: int):
        self.finished: queue.Queue = queue.Queue()   # (worker or None, answer) as they arrive
        self.workers: list[_Worker] = [_Worker(self.finished) for _ in range(workers)] if workers > 1 else []
        self.in_flight = 0

    def submit(self, function: Callable[[Any], Any], argument: Any, tag: Any = None, cost: int = 1,
               here: bool = False) -> None:
        """Send a job to a worker (``here``: run it in this process; ``next_done`` gives its answer all the same)."""
        self.in_flight += 1
        if here or not self.workers:
            self.finished.put((None, (tag, function(argument))))
            return
        worker = min(self.workers, key=lambda w: w.waiting)
        worker.send(function, argument, tag, cost)

    def has_done(self) -> bool:
        return not self.finished.empty()

    def next_done(self) -> tuple[Any, Any]:
        """(tag, answer) of the next finished job (waits for one)."""
        worker, answer = self.finished.get()
        self.in_flight -= 1
        if worker is None:
            return answer
        tag, cost = worker.tags.popleft()
        worker.waiting -= cost
        if answer is _FAILED:
            raise RuntimeError(f"analysis worker process {worker.process.pid} failed "
                               f"(exit code {worker.process.poll()}; see its error output above)")
        return tag, answer

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
        self.workers = []

    def abort(self) -> None:
        """Stop the workers without waiting for their jobs."""
        for worker in self.workers:
            worker.kill()
        self.close()


class _Worker:
    """One worker process, a thread that passes its answers on, and the jobs it has not answered yet."""

    def __init__(self, finished: queue.Queue):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH", "")]))
        self.process = subprocess.Popen([sys.executable, "-c", WORKER_MAIN], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.finished = finished
        self.tags: deque = deque()   # (tag, cost) of the jobs sent and not yet taken by next_done
        self.waiting = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        out = self.process.stdout
        while True:
            try:
                answer = pickle.load(out)
            except (EOFError, OSError, pickle.UnpicklingError):
                self.finished.put((self, _FAILED))
                return
            self.finished.put((self, answer))

    def send(self, function, argument, tag, cost: int) -> None:
        self.tags.append((tag, cost))
        self.waiting += cost
        pickle.dump((function, argument), self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.flush()

    def close(self) -> None:
        try:
            self.process.stdin.close()
        except OSError:
            pass
        self.process.wait()
        self.reader.join()

    def kill(self) -> None:
        self.process.kill()


def main() -> int:
    """Answer jobs from stdin until it closes."""
    from graph.analysis.collector import collector_paused

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        with collector_paused():   # one job's objects live until it ends
            try:
                function, argument = pickle.load(stdin)
            except EOFError:
                return 0
            pickle.dump(function(argument), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()
