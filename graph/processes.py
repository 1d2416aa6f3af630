"""Worker process pools that are safe to start whatever else the process is running.

A pool forks this process when it runs a single thread (cheapest); otherwise, for example
while the build's store loader runs, the workers are forked from a clean server process
(``forkserver``), so they inherit neither other threads' locks nor open pipes.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def os_threads() -> int:
    """Threads of this process, native ones included (Linux), else those Python knows of."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def main_importable() -> bool:
    """Whether a fresh worker can import the caller's main module (multiprocessing re-imports it)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return path is None or getattr(main, "__spec__", None) is not None or Path(path).is_file()


def process_pool(workers: int, preload: str) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` processes (``preload``: the module a clean server imports once),
    or None when no start method is safe here (threads running and a main module that workers
    cannot import): the caller then works in this process."""
    methods = multiprocessing.get_all_start_methods()
    if os_threads() == 1 and "fork" in methods:
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    if "forkserver" in methods and main_importable():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([preload])
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    if "fork" not in methods and main_importable():  # Windows, macOS: spawn is the default anyway
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    return None
