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
from pathlib import Path
from typing import Any, Callable

PACKAGE_ROOT = Path(__file__).resolve().parents[2]   # the folder that holds graph/
WORKER_MAIN = "import sys; from graph.analysis.workers import main; sys.exit(main())"
_FAILED = object()


class WorkerPool:
    """Runs ``function(argument)`` jobs in ``workers`` processes (or here, when ``workers <= 1``).

    ``submit`` returns a handle; handles must be collected (``get``) in the order they were
    submitted. Each job goes to the worker with the least work waiting (``cost``).
    """

    def __init__(self, workers: int):
        self.workers: list[_Worker] = [_Worker() for _ in range(workers)] if workers > 1 else []

    def submit(self, function: Callable[[Any], Any], argument: Any, cost: int = 1):
        if not self.workers:
            return _Done(function(argument))
        worker = min(self.workers, key=lambda w: w.waiting)
        return worker.send(function, argument, cost)

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
        self.workers = []

    def __enter__(self) -> "WorkerPool":
        return self

    def abort(self) -> None:
        """Stop the workers without waiting for their jobs."""
        for worker in self.workers:
            worker.kill()
        self.close()

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            self.abort()
        self.close()


class _Worker:
    """One worker process, a thread that reads its answers, and the work it has not answered yet."""

    def __init__(self):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH", "")]))
        self.process = subprocess.Popen([sys.executable, "-c", WORKER_MAIN], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.answers: queue.Queue = queue.Queue()
        self.waiting = 0
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        out = self.process.stdout
        while True:
            try:
                answer = pickle.load(out)
            except (EOFError, OSError, pickle.UnpicklingError):
                self.answers.put(_FAILED)
                return
            self.answers.put(answer)

    def send(self, function, argument, cost: int) -> "_Pending":
        with self.lock:
            self.waiting += cost
        pickle.dump((function, argument), self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.flush()
        return _Pending(self, cost)

    def close(self) -> None:
        try:
            self.process.stdin.close()
        except OSError:
            pass
        self.process.wait()
        self.reader.join()

    def kill(self) -> None:
        self.process.kill()


class _Done:
    def __init__(self, value):
        self.value = value

    def ready(self) -> bool:
        return True

    def get(self):
        return self.value


class _Pending:
    def __init__(self, worker: _Worker, cost: int):
        self.worker, self.cost = worker, cost

    def ready(self) -> bool:
        return not self.worker.answers.empty()

    def get(self):
        answer = self.worker.answers.get()
        with self.worker.lock:
            self.worker.waiting -= self.cost
        if answer is _FAILED:
            raise RuntimeError(f"analysis worker process {self.worker.process.pid} failed "
                               f"(exit code {self.worker.process.poll()}; see its error output above)")
        return answer


def main() -> int:
    """Answer jobs from stdin until it closes."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            function, argument = pickle.load(stdin)
        except EOFError:
            return 0
        pickle.dump(function(argument), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()
