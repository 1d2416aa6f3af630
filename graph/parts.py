"""Files written as a sequence of parts, where a part unchanged since the previous build is copied
byte for byte from the previous file (in the kernel, without reading it into Python).

An update writes the same bytes a clean build would, but only renders the parts that changed.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

COPY_BLOCK = 1 << 30


class PartWriter:
    """A new file at ``path`` (written to a temp file beside it, renamed by ``commit``) made of
    text parts and byte ranges of a ``source`` file; each part's length is recorded in order."""

    def __init__(self, path: Path, source: Path | None = None):
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.file = open(self.tmp, "wb", buffering=0)   # copies go to the same descriptor
        self.source = open(source, "rb") if source is not None and Path(source).is_file() else None
        self.pending: tuple[int, int] | None = None   # a source range not copied yet (ranges are joined)
        self.offset = 0

    def write(self, text: str) -> int:
        """Append text (UTF-8); returns its length in bytes."""
        self._flush_copy()
        data = text.encode("utf-8")
        self.file.write(data)
        self.offset += len(data)
        return len(data)

    def copy(self, start: int, length: int) -> int:
        """Append ``length`` bytes of the source file from ``start``; returns ``length``."""
        if self.source is None:
            raise ValueError(f"{self.path}: no previous file to copy from")
        if length:
            if self.pending and self.pending[0] + self.pending[1] == start:
                self.pending = (self.pending[0], self.pending[1] + length)
            else:
                self._flush_copy()
                self.pending = (start, length)
            self.offset += length
        return length

    def _flush_copy(self) -> None:
        if not self.pending:
            return
        start, length = self.pending
        self.pending = None
        copy_range(self.source, self.file, start, length)

    def commit(self) -> Path:
        """Close and rename into place."""
        self._flush_copy()
        self.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.path)
        return self.path

    def close(self) -> None:
        self.file.close()
        if self.source is not None:
            self.source.close()

    def abort(self) -> None:
        """Close and remove the temp file."""
        self.close()
        self.tmp.unlink(missing_ok=True)


def copy_range(source, target, start: int, length: int) -> None:
    """Copy ``length`` bytes at ``start`` of the open file ``source`` to the position of the
    unbuffered open file ``target`` (in the kernel where it can)."""
    src, dst = source.fileno(), target.fileno()
    done = 0
    while done < length:
        try:
            n = os.copy_file_range(src, dst, min(COPY_BLOCK, length - done), start + done)
        except OSError:   # another file system, or no copy_file_range: read and write
            n = os.write(dst, os.pread(src, min(1 << 20, length - done), start + done))
        if n == 0:
            raise OSError(f"{source.name}: shorter than expected")
        done += n


def offsets(lengths: list[int], start: int = 0) -> list[int]:
    """Where each part starts, from the parts' lengths."""
    out, at = [], start
    for length in lengths:
        out.append(at)
        at += length
    return out


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link of ``source`` (outputs are never changed in place), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
