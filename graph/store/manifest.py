"""What a store records of the files it was loaded from (``plankg-sources.json``), and the checks on it.

In: a store folder, or the build folder that holds it beside its graph files. Out: the files of a
build that belong in its store, the manifest, a file's stamp (size, modification time, SHA-256),
why a store does not hold the graph files beside it (``store_mismatch``; ``check_store`` refuses
such a folder), and whether a build can update the store.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from graph.store.errors import QueryError

STORE_MANIFEST = "plankg-sources.json"
UPDATABLE = "updatable"   # a store a build can update: loaded from graph.ttl (and analysis.ttl) as written


def store_sources(out_dir: Path) -> list[Path]:
    """The RDF files of a build folder that belong in its store: graph.ttl, then analysis.ttl."""
    return [p for p in (out_dir / "graph.ttl", out_dir / "analysis.ttl") if p.is_file()]


def _manifest_name(path: Path, store_dir: Path) -> str:
    """How the manifest names a source file: by name when it sits beside the store (so a
    finished build can be moved into place), else by absolute path."""
    path = Path(path).resolve()
    return path.name if path.parent == Path(store_dir).resolve().parent else str(path)


def store_manifest(store_dir: Path) -> dict:
    """What a store records about the files it was built from (``{}`` when unreadable)."""
    try:
        manifest = json.loads((Path(store_dir) / STORE_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def file_stamp(path: Path) -> dict:
    """What a store records of a file it was loaded from: size, modification time and SHA-256."""
    path = Path(path)
    stat = path.stat()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest.hexdigest()}


def _same_file(path: Path, stamp: dict) -> bool:
    """Whether ``path`` is the file ``stamp`` describes (hashed only when size or time changed)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if stat.st_size != stamp.get("size"):
        return False
    return stat.st_mtime_ns == stamp.get("mtime_ns") or file_stamp(path)["sha256"] == stamp.get("sha256")


def store_mismatch(folder: Path) -> str:
    """Why the store in ``folder`` does not hold its graph files ("" when it does): a file it was
    loaded from changed or is gone, or a graph file beside it was never loaded."""
    folder = Path(folder)
    manifest = store_manifest(folder / "store")
    recorded = manifest.get("files") if isinstance(manifest.get("files"), list) else []
    digests = manifest.get("digests") if isinstance(manifest.get("digests"), dict) else {}
    for name in recorded:
        path = Path(name) if os.path.isabs(name) else folder / name
        if name not in digests:  # a store from before digests were recorded: compare times
            if not path.is_file() or path.stat().st_mtime_ns > int(manifest.get("built_ns", 0)):
                return f"{name} changed since the store was built"
        elif not _same_file(path, digests[name]):
            return f"{name} is not the file the store was loaded from" if path.is_file() else f"{name} is gone"
    missing = [p.name for p in store_sources(folder) if p.name not in recorded]
    return f"{', '.join(missing)} never loaded into the store" if missing else ""


def check_store(folder: Path) -> None:
    """Refuse a store that does not hold the graph files beside it (a folder mixing two builds)."""
    if not (Path(folder) / "store").is_dir():
        return  # open_store says what to do
    problem = store_mismatch(folder)
    if problem:
        raise QueryError(f"the store in '{folder}' does not match its graph files ({problem}): the folder "
                         f"mixes two builds. Run `plankg build` again, or query the files with --graph")


def is_updatable(store_dir: Path) -> bool:
    """Whether a store was loaded from its graph files as they were written (so a build can update it)."""
    return store_manifest(store_dir).get("layout") == UPDATABLE and (Path(store_dir) / "CURRENT").is_file()
