"""Worker processes for centralities: each (``main``) reads pickled
``CentralityJob``s on stdin and writes their answers on stdout, in order.

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

from graph.analysis.centrality import Centralities, CentralityJob, CentralityOptions, run_job, unpack

PACKAGE_ROOT = Path(__file__).resolve().parents[2]   # the folder that holds graph/
_FAILED = object()
WORKER_MAIN = "import sys; from graph.analysis.workers import main; sys.exit(main())"


class CentralityPool:
    """Computes ``CentralityJob``s in ``workers`` processes (or here, when ``workers <= 1``).

    ``submit`` returns a handle; handles must be collected (``get``) in the order they were
    submitted. Each job goes to the worker with the least work waiting.
    """

    def __init__(self, options: CentralityOptions, workers: int):
        self.options = options
        self.workers: list[_Worker] = []
        if workers > 1:
            self.workers = [_Worker(options) for _ in range(workers)]

    def submit(self, job: CentralityJob):
        if not self.workers:
            return _Done(unpack(job.nodes, run_job(job, self.options)))
        worker = min(self.workers, key=lambda w: w.waiting)
        return worker.send(job)

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
        self.workers = []

    def __enter__(self) -> "CentralityPool":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            for worker in self.workers:
                worker.kill()
        self.close()


class _Worker:
    """One worker process, a thread that reads its answers, and the work it has not answered yet."""

    def __init__(self, options: CentralityOptions):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH", "")]))
        self.process = subprocess.Popen([sys.executable, "-c", WORKER_MAIN], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.answers: queue.Queue = queue.Queue()
        self.waiting = 0
        self.lock = threading.Lock()
        pickle.dump(options, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
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

    def send(self, job: CentralityJob) -> "_Pending":
        cost = job.work + 1000
        with self.lock:
            self.waiting += cost
        pickle.dump(job, self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.process.stdin.flush()
        return _Pending(self, job.nodes, cost)

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
    def __init__(self, value: Centralities):
        self.value = value

    def ready(self) -> bool:
        return True

    def get(self) -> Centralities:
        return self.value


class _Pending:
    def __init__(self, worker: _Worker, nodes: list[str], cost: int):
        self.worker, self.nodes, self.cost = worker, nodes, cost

    def ready(self) -> bool:
        return not self.worker.answers.empty()

    def get(self) -> Centralities:
        answer = self.worker.answers.get()
        with self.worker.lock:
            self.worker.waiting -= self.cost
        if answer is _FAILED:
            raise RuntimeError(f"centrality worker process {self.worker.process.pid} failed "
                               f"(exit code {self.worker.process.poll()}; see its error output above)")
        return unpack(self.nodes, answer)


def main() -> int:
    """Answer jobs from stdin until it closes."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    options = pickle.load(stdin)
    while True:
        try:
            job = pickle.load(stdin)
        except EOFError:
            return 0
        pickle.dump(run_job(job, options), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
