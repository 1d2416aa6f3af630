"""The entries of a corpus folder: the documents to read, and every entry left out with the reason."""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

SKIP_NAMES = ("readme", "license")
HIDDEN, NOT_A_PLAN = "hidden entry", "README or LICENSE, not a plan"
ORDINARY = (HIDDEN, NOT_A_PLAN)  # skipped by design: listed in the report, not problems


@dataclass(frozen=True)
class Skipped:
    """A corpus entry that is not read; ``problem``: whether the user should hear of it as a problem."""

    path: str
    reason: str
    problem: bool


@dataclass
class CorpusScan:
    """The documents of a corpus in a stable order, and the entries left out."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def scan_corpus(corpus: Path) -> CorpusScan:
    """Walk a corpus folder (or take a single file). Folders reached through symbolic links are
    read once; loops, dangling links and unreadable folders are reported, never silently dropped."""
    corpus = Path(corpus)
    scan = CorpusScan()
    if corpus.is_file():
        scan.files.append(corpus)
        return scan
    _walk(corpus, corpus, {os.path.realpath(corpus)}, scan)
    scan.files.sort()
    scan.skipped.sort(key=lambda s: s.path)
    return scan


def _walk(folder: Path, corpus: Path, seen: set[str], scan: CorpusScan) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        scan.skipped.append(Skipped(_name(folder, corpus), f"folder cannot be read ({exc.strerror or exc})", True))
        return
    for entry in entries:
        path = Path(entry.path)
        reason = _skip_reason(entry)
        if reason:
            scan.skipped.append(Skipped(_name(path, corpus), reason, reason not in ORDINARY))
            continue
        if _is_dir(entry):
            real = os.path.realpath(path)
            if real in seen:
                why = ("symbolic link loop (leads back to a folder above it)" if real in _ancestors(path, corpus)
                       else "folder already read through another path")
                scan.skipped.append(Skipped(_name(path, corpus), why, True))
                continue
            seen.add(real)
            _walk(path, corpus, seen, scan)
        else:
            scan.files.append(path)


def _skip_reason(entry: os.DirEntry) -> str:
    """Why an entry is left out ("" to read it)."""
    name = entry.name.lower()
    if name.startswith("."):
        return HIDDEN
    try:
        if entry.is_symlink():
            try:
                os.stat(entry.path)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return "symbolic link loop"
                return f"dangling symbolic link (to {os.readlink(entry.path)})"
        if name.startswith(SKIP_NAMES) and entry.is_file():
            return NOT_A_PLAN
        if not entry.is_dir() and not entry.is_file():
            return "not a regular file"
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc})"
    return ""


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _ancestors(path: Path, corpus: Path) -> list[str]:
    """Real paths of the folders from the corpus down to ``path``'s parent."""
    found, folder = [], path.parent
    while True:
        found.append(os.path.realpath(folder))
        if folder == corpus or folder == folder.parent:
            return found
        folder = folder.parent


def _name(path: Path, corpus: Path) -> str:
    """An entry as the report names it: relative to the corpus."""
    try:
        return str(path.relative_to(corpus)) or "."
    except ValueError:
        return str(path)
