"""One writer at a time on an output folder: a lock on ``DIR/.lock`` that names its holder.

The lock is a POSIX record lock (``fcntl.lockf``): the kernel releases it when its process
ends, however it ends, so the lock of a dead process is simply taken over; worker processes
forked by the holder do not inherit it.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"


class FolderBusy(Exception):
    """Another process is writing to the folder; the message names it."""


@contextmanager
def folder_lock(out_dir: Path, command: str, wait: bool = False) -> Iterator[None]:
    """Hold the lock of ``out_dir`` for the block. Raises :class:`FolderBusy` when another
    process holds it, unless ``wait``: then wait until it is free."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            if not wait:
                raise FolderBusy(f"'{out_dir}' is being written by {holder(out_dir)}; wait for it to finish "
                                 f"or run again with --wait") from None
            fcntl.lockf(fd, fcntl.LOCK_EX)
        record = {"pid": os.getpid(), "host": socket.gethostname(), "command": command,
                  "started": time.strftime("%Y-%m-%d %H:%M:%S %z")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode("utf-8"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def holder(out_dir: Path) -> str:
    """Who holds the lock of ``out_dir``, as recorded in it (pid, command, start time)."""
    try:
        record = json.loads((Path(out_dir) / LOCK_NAME).read_text(encoding="utf-8"))
        return (f"plankg {record['command']} (pid {record['pid']} on {record['host']}, "
                f"started {record['started']})")
    except (OSError, ValueError, KeyError, TypeError):
        return "another plankg process (it has just started)"
