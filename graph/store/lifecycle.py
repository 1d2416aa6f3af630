"""The embedded Oxigraph store on disk: built, loaded, opened and dumped.

In: RDF files (graph.ttl, then analysis.ttl), an rdflib Graph, N-Triples, or Turtle while it is
being written (``StoreLoader``). Out: a store folder, built beside its place and swapped in with
its manifest (:mod:`graph.store.manifest`), and its number of triples; a store opened read-only
(or for writing); its default graph as N-Triples.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from graph.store.errors import QueryError
from graph.store.manifest import STORE_MANIFEST, UPDATABLE, _manifest_name, file_stamp, store_sources


def write_store(source, store_dir: Path) -> int:
    """Build an Oxigraph store at ``store_dir`` from RDF files, an rdflib Graph, or N-Triples
    bytes/stream; atomically (built beside it, then swapped in). Returns the number of triples."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    started_ns = time.time_ns()
    tmp_dir = _new_store_dir(store_dir)
    files: list[str] = []
    digests: dict[str, dict] = {}
    try:
        store = ox.Store(str(tmp_dir))
        if isinstance(source, (str, Path)) or (isinstance(source, (list, tuple)) and
                                                all(isinstance(p, (str, Path)) for p in source)):
            paths = [Path(source)] if isinstance(source, (str, Path)) else [Path(p) for p in source]
            for path in paths:
                if not path.is_file():
                    raise QueryError(f"graph file '{path}' does not exist")
                fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
                try:
                    store.bulk_load(path=str(path), format=fmt)
                except SyntaxError as exc:
                    raise QueryError(f"cannot load graph file '{path}': {exc}") from exc
                files.append(_manifest_name(path, store_dir))
                digests[files[-1]] = file_stamp(path)
        elif hasattr(source, "serialize"):  # an rdflib Graph
            store.bulk_load(input=source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        else:  # N-Triples as bytes, str or a binary stream
            store.bulk_load(input=source, format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        count = len(store)
        del store  # closed before it is moved
        _publish_store(tmp_dir, store_dir, {"built_ns": started_ns, "files": files, "triples": count,
                                            "digests": digests, "layout": UPDATABLE if files else ""})
        return count
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise


def _new_store_dir(store_dir: Path) -> Path:
    """An empty folder beside ``store_dir`` where a new store is built before it is swapped in."""
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.new-", dir=store_dir.parent))


def _publish_store(tmp_dir: Path, store_dir: Path, manifest: dict) -> None:
    """Record the manifest of a (closed) store built in ``tmp_dir`` and swap it in as ``store_dir``."""
    (tmp_dir / STORE_MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    _swap_in(tmp_dir, store_dir)


class StoreLoader:
    """A new Oxigraph store at ``store_dir`` loaded from Turtle while the Turtle is being written.

    ``write`` sends text through a pipe to ``bulk_load`` running in a thread (Oxigraph parses
    and indexes without the GIL, so the load overlaps the work that produces the text);
    ``commit`` finishes the load and swaps the store in, naming ``source_name`` (the file the
    same text went to) in its manifest; ``abort`` discards it.
    """

    def __init__(self, store_dir: Path, source_name: str = "graph.ttl"):
        import pyoxigraph as ox

        self.store_dir, self.source_name = Path(store_dir), source_name
        self.tmp_dir = _new_store_dir(self.store_dir)
        self.store = ox.Store(str(self.tmp_dir))
        self.error: BaseException | None = None
        read_fd, write_fd = os.pipe()  # not inherited by workers: see graph.processes
        self.pipe = os.fdopen(write_fd, "wb", buffering=1 << 20)
        self.thread = threading.Thread(target=self._load, args=(read_fd,), name="store-loader", daemon=True)
        self.thread.start()

    def _load(self, read_fd: int) -> None:
        import pyoxigraph as ox

        with os.fdopen(read_fd, "rb") as stream:  # closed on failure too: the writer then gets EPIPE
            try:
                if Path(f"/dev/fd/{read_fd}").exists():  # Oxigraph reads the pipe itself, without the GIL
                    self.store.bulk_load(path=f"/dev/fd/{read_fd}", format=ox.RdfFormat.TURTLE)
                else:
                    self.store.bulk_load(input=stream, format=ox.RdfFormat.TURTLE)
            except BaseException as exc:  # reported by write/commit in the writing thread
                self.error = exc

    def write(self, text: str) -> None:
        """Send Turtle to the store."""
        try:
            self.pipe.write(text.encode("utf-8"))
        except BrokenPipeError:
            self.abort()
            raise QueryError(f"loading the store failed: {self.error}") from self.error

    def _finish_thread(self) -> None:
        try:
            self.pipe.close()
        except BrokenPipeError:
            pass
        self.thread.join()

    def commit(self) -> int:
        """Finish loading, swap the store in; returns its number of triples."""
        try:
            self._finish_thread()
            if self.error is not None:
                raise QueryError(f"loading the store failed: {self.error}") from self.error
            self.store.flush()
            count = len(self.store)
            del self.store  # closed before it is moved
            source = self.store_dir.parent / self.source_name
            digests = {self.source_name: file_stamp(source)} if source.is_file() else {}
            _publish_store(self.tmp_dir, self.store_dir, {"built_ns": time.time_ns(), "files": [self.source_name],
                                                          "triples": count, "digests": digests,
                                                          "layout": UPDATABLE})
            return count
        except BaseException:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
            raise

    def abort(self) -> None:
        """Stop loading and remove the half-built store (again: harmless)."""
        self._finish_thread()
        self.__dict__.pop("store", None)
        shutil.rmtree(self.tmp_dir, ignore_errors=True)


def add_to_store(store_dir: Path, path: Path) -> int:
    """Load one more graph file into an existing store (e.g. analysis.ttl after the analysis)."""
    import pyoxigraph as ox

    store_dir, path = Path(store_dir), Path(path)
    manifest_path = store_dir / STORE_MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    store = ox.Store(str(store_dir))
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    store.bulk_load(path=str(path), format=fmt)
    store.flush()
    manifest["files"].append(_manifest_name(path, store_dir))
    manifest.setdefault("digests", {})[manifest["files"][-1]] = file_stamp(path)
    manifest["triples"] = count = len(store)
    manifest["built_ns"] = time.time_ns()
    del store
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return count


def _swap_in(new_dir: Path, target: Path) -> None:
    """Replace ``target`` by ``new_dir`` with two renames; the old copy is removed afterwards."""
    old_dir = None
    if target.exists():
        old_dir = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old_dir / target.name)
    os.replace(new_dir, target)
    if old_dir is not None:
        shutil.rmtree(old_dir, ignore_errors=True)


def build_store(out_dir: Path) -> int:
    """(Re)build ``DIR/store`` from ``DIR/graph.ttl`` and ``DIR/analysis.ttl`` (when present)."""
    sources = store_sources(Path(out_dir))
    if not sources:
        raise QueryError(f"no graph.ttl in '{out_dir}': run `plankg build --out {out_dir}` first")
    return write_store(sources, Path(out_dir) / "store")


def open_store(store_dir: Path, read_only: bool = True):
    """Open an Oxigraph store on disk (read-only by default, so several readers can share it)."""
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    if not (store_dir / "CURRENT").is_file():
        raise QueryError(f"no Oxigraph store at '{store_dir}': run `plankg build` first, "
                         "or query a Turtle file with --graph FILE.ttl")
    try:
        return ox.Store.read_only(str(store_dir)) if read_only else ox.Store(str(store_dir))
    except OSError as exc:
        raise QueryError(f"cannot open the Oxigraph store at '{store_dir}': {exc}") from exc


def dump_store(store_dir: Path, output) -> None:
    """Write the default graph of a store as N-Triples to a binary stream or path."""
    import pyoxigraph as ox

    open_store(store_dir).dump(output, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
