"""A build's outputs published all at once: each build writes a new generation folder, and
one rename of the ``current`` link switches readers from the old generation to the new.

Layout of an output folder::

    DIR/.generations/g-…/   graph.ttl, report.md, store/, analysis/, views/, index.html …
    DIR/current -> .generations/g-…      (replaced by one rename: the switch)
    DIR/graph.ttl -> current/graph.ttl   (one link per output, so the usual paths work)
    DIR/.previous -> .generations/g-…    (kept for readers still using it)

Only the holder of the folder's lock (graph.lock) creates, publishes or removes generations.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

GENERATIONS = ".generations"
CURRENT = "current"
PREVIOUS = ".previous"


def current_generation(out_dir: Path) -> Path | None:
    """The generation ``DIR/current`` points at, or None (nothing built yet, or an older layout)."""
    link = Path(out_dir) / CURRENT
    return link.resolve() if link.is_symlink() and link.is_dir() else None


def reading_dir(out_dir: Path) -> Path:
    """The folder a reader should read every output from: the current generation, resolved once
    (so a build switching generations meanwhile cannot mix two builds), else ``out_dir`` itself."""
    return current_generation(out_dir) or Path(out_dir)


def new_generation(out_dir: Path) -> Path:
    """A fresh, empty generation folder of ``out_dir``."""
    folder = Path(out_dir) / GENERATIONS / f"g-{time.time_ns()}-{os.getpid()}"
    folder.mkdir(parents=True)
    return folder


def carry(source: Path, target: Path, keep: Callable[[str], bool]) -> None:
    """Give ``target`` the outputs of ``source`` whose names ``keep`` accepts, as hard links
    (outputs are never changed in place once published), or copies where links are impossible."""
    for entry in sorted(Path(source).iterdir()):
        if entry.name.startswith(".") or entry.name == CURRENT or not keep(entry.name):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, target / entry.name)


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def publish_generation(generation: Path, out_dir: Path) -> None:
    """Switch ``DIR/current`` to ``generation`` with one rename, then link each output name to
    it and remove the generations no reader should still use."""
    out_dir = Path(out_dir)
    old = current_generation(out_dir)
    _point(out_dir / CURRENT, Path(GENERATIONS) / generation.name)
    _link_outputs(generation, out_dir)
    if old is not None and old != generation.resolve():
        _point(out_dir / PREVIOUS, Path(GENERATIONS) / old.name)
    sweep_generations(out_dir)


def _point(link: Path, target: Path) -> None:
    """Make ``link`` a symbolic link to ``target`` with one rename (a folder in the way is moved aside)."""
    tmp = link.with_name(f".{link.name}.new-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if link.is_dir() and not link.is_symlink():  # an output folder of the older layout
        parked = link.with_name(f".{link.name}.old-{os.getpid()}")
        os.replace(link, parked)
        shutil.rmtree(parked, ignore_errors=True)
    os.replace(tmp, link)


def _link_outputs(generation: Path, out_dir: Path) -> None:
    """``DIR/NAME -> current/NAME`` for every output of the generation; links to outputs it no
    longer has are removed."""
    names = {p.name for p in generation.iterdir() if not p.name.startswith(".")}
    for name in sorted(names):
        link = out_dir / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            _point(link, Path(CURRENT) / name)
    for entry in out_dir.iterdir():
        if entry.is_symlink() and os.readlink(entry).startswith(f"{CURRENT}/") and entry.name not in names:
            entry.unlink()


def sweep_generations(out_dir: Path) -> None:
    """Remove every generation but the current and the previous one (unfinished ones included)."""
    folder = Path(out_dir) / GENERATIONS
    if not folder.is_dir():
        return
    keep = set()
    for name in (CURRENT, PREVIOUS):
        link = Path(out_dir) / name
        if link.is_symlink():
            keep.add(os.path.basename(os.readlink(link)))
    for entry in folder.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


@contextmanager
def next_generation(out_dir: Path, keep: Callable[[str], bool] = lambda name: False) -> Iterator[Path]:
    """A new generation holding the current outputs that ``keep`` accepts; published when the
    block ends normally, removed when it raises (the previous outputs then stay)."""
    out_dir = Path(out_dir)
    generation = new_generation(out_dir)
    try:
        source = current_generation(out_dir) or out_dir
        carry(source, generation, keep)
        yield generation
        publish_generation(generation, out_dir)
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
