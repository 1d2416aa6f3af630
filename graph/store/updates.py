"""A store brought up to date from the previous build's store instead of loaded again.

In: the previous store and the triples of the documents that changed (the Turtle removed and
added); then the triples of the scopes analysed again (the old and the new Turtle). Out: a new
store, a checkpoint of the previous one with those triples taken out and put in, its manifest,
and its number of triples. :func:`analysis_into_store` brings the analysis in while other work
(the views) goes on.
"""
from __future__ import annotations

import json
import re
import shutil
import time
from itertools import chain
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from graph.store.lifecycle import _new_store_dir, _publish_store
from graph.model import ID
from graph.store.manifest import STORE_MANIFEST, UPDATABLE, _manifest_name, file_stamp, store_manifest


ANALYSIS = f"{ID}analysis/"   # the subjects of analysis.ttl (scopes and their measures); graph.ttl states none


def replace_analysis(store_dir: Path, path: Path, old_turtle: str, new_turtle: str) -> int:
    """Bring a store that holds the previous analysis (see :func:`update_store`) to ``path``
    (analysis.ttl): the triples of the scopes analysed again, ``old_turtle``, replaced by
    ``new_turtle`` (both after the prefixes of ``path``); returns the store's number of triples."""
    import pyoxigraph as ox

    store_dir, path = Path(store_dir), Path(path)
    manifest = store_manifest(store_dir)
    store = ox.Store(str(store_dir))
    header = _prefixes(path)
    count = int(manifest.get("triples", 0)) + _apply(store, old_turtle, new_turtle, header, f"<{ANALYSIS}")
    store.flush()
    del store
    name = _manifest_name(path, store_dir)
    manifest.pop("previous_analysis", None)
    manifest["files"].append(name)
    manifest.setdefault("digests", {})[name] = file_stamp(path)
    manifest.update(triples=count, built_ns=time.time_ns())
    (store_dir / STORE_MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return count


def store_analysis(out_dir: Path, replaced: tuple[str, str] | None) -> int:
    """Put ``out_dir/analysis.ttl`` into ``out_dir/store``: in place of the previous analysis's
    scopes analysed again (``replaced``: their old and new Turtle) when the store still holds that
    analysis, else added to the store (or the store loaded again when the previous analysis cannot
    be told apart from the graph); returns the store's number of triples (0 without a store)."""
    from graph.store.lifecycle import add_to_store, build_store

    store_dir, path = Path(out_dir) / "store", Path(out_dir) / "analysis.ttl"
    if store_manifest(store_dir).get("previous_analysis"):
        if replaced is not None:
            return replace_analysis(store_dir, path, *replaced)
        return build_store(Path(out_dir))
    if store_dir.is_dir():
        return add_to_store(store_dir, path)
    return 0


@contextmanager
def analysis_into_store(out_dir: Path, replaced: tuple[str, str] | None) -> Iterator[None]:
    """:func:`store_analysis` in another process while the ``with`` block runs; the block's end
    waits for it (and raises its error). Without a safe way to start a process, it runs after the block."""
    from graph.processes import process_pool

    pool = process_pool(1, "graph.store.updates")
    if pool is None:
        yield
        store_analysis(out_dir, replaced)
        return
    with pool:
        pending = pool.submit(store_analysis, Path(out_dir), replaced)
        try:
            yield
        except BaseException:
            pending.exception()   # the store is left alone before the block's error goes on
            raise
        pending.result()


def _prefixes(path: Path) -> str:
    """The prefix declarations at the start of a Turtle file."""
    lines = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("@prefix"):
                break
            lines.append(line)
    return "".join(lines)


def update_store(previous: Path, store_dir: Path, change, source_name: str = "graph.ttl") -> int:
    """A new store at ``store_dir``: a checkpoint of the ``previous`` one (its files hard-linked) with
    the triples of ``change.removed`` taken out and those of ``change.added`` put in (Turtle with
    the prefixes of graph.ttl). It still holds the previous analysis (``previous_analysis`` in its
    manifest) until :func:`replace_analysis` brings in the new one."""
    import pyoxigraph as ox

    holder = _new_store_dir(Path(store_dir))
    tmp_dir = holder / "store"
    try:
        ox.Store.read_only(str(previous)).backup(str(tmp_dir))
        store = ox.Store(str(tmp_dir))
        count = int(store_manifest(previous).get("triples", 0)) + _apply(store, change.removed, change.added)
        store.flush()
        del store   # closed before it is moved
        source = Path(store_dir).parent / source_name
        carried = "analysis.ttl" in store_manifest(previous).get("files", [])
        _publish_store(tmp_dir, Path(store_dir), {"built_ns": time.time_ns(), "files": [source_name],
                                                  "triples": count, "digests": {source_name: file_stamp(source)},
                                                  "layout": UPDATABLE, "previous_analysis": carried})
        return count
    finally:
        shutil.rmtree(holder, ignore_errors=True)


def _apply(store, removed: str, added: str, header: str = "", only_here: str = "") -> int:
    """Take out the triples of the Turtle ``removed`` that ``added`` does not state and put in those
    of ``added`` that ``removed`` does not (both read after the prefixes of graph.ttl and ``header``);
    triples written alike in both are compared as text and never parsed. Returns the change in the
    number of triples.

    ``only_here``: a subject prefix (``<IRI``) that nothing but ``removed`` states in the store (the
    previous analysis's scopes, held as written). When every triple changed has such a subject, the
    triples taken out are all in the store and those put in are not, and none is looked up in it."""
    import pyoxigraph as ox

    old, new = _changed_lines(removed, added)
    known = bool(only_here) and all(line.startswith(only_here) for line in chain(old, new))
    change = 0
    for lines, adding in ((old, False), (new, True)):
        text = _turtle_header() + header + "\n".join(sorted(lines)) + "\n"
        quads = list(dict.fromkeys(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.TURTLE)))
        if not known:
            quads = [quad for quad in quads if (quad in store) != adding]
        if adding:
            store.extend(quads)
        else:
            for quad in quads:
                store.remove(quad)
        change += len(quads) if adding else -len(quads)
    return change


def _changed_lines(removed: str, added: str) -> tuple[set[str], set[str]]:
    """The triple lines (see :func:`_triple_lines`) only ``removed`` states, and those only ``added``
    states, compared subject by subject: the statements about a subject written alike in both are
    set aside whole; only the others are cut into lines."""
    old, new = _by_subject(removed), _by_subject(added)
    gone: set[str] = set()
    came: set[str] = set()
    for subject in old.keys() | new.keys():
        before, after = old.get(subject, ()), new.get(subject, ())
        if sorted(before) == sorted(after):
            continue
        before_lines, after_lines = _statement_lines(before), _statement_lines(after)
        gone |= before_lines - after_lines
        came |= after_lines - before_lines
    return gone, came


def _by_subject(turtle: str) -> dict[str, list[str]]:
    """The statements of Turtle as plankg writes it, by the subject they begin with."""
    out: dict[str, list[str]] = {}
    for statement in _statements(turtle):
        out.setdefault(statement.partition(" ")[0], []).append(statement)
    return out


def _statement_lines(statements) -> set[str]:
    """The triple lines of statements about one subject (as :func:`_triple_lines`)."""
    lines: set[str] = set()
    for statement in statements:
        if statement.count("\n") != statement.count("\n    "):   # not one predicate and object a line
            lines |= _triple_lines(statement)
            continue
        first, *rest = statement.split("\n")
        subject, _, pair = first.partition(" ")
        lines.add(f"{subject} {pair[:-2]} .")
        lines.update([f"{subject} {line[4:-2]} ." for line in rest])
    return lines


def _statements(turtle: str) -> list[str]:
    """The statements of Turtle as plankg writes it (each begins a line with its subject)."""
    return [s.strip() for s in re.split(r"\n(?=\S)", turtle) if s.strip() and not s.startswith("@prefix")]


def _triple_lines(turtle: str) -> set[str]:
    """The triples of Turtle as plankg writes it (a statement per subject, a predicate and object
    a line; N-Triples too), each as one ``subject predicate object .`` line."""
    out, subject = set(), ""
    for line in turtle.splitlines():
        if not line.strip() or line.startswith("@prefix"):
            continue
        if line.startswith("    "):
            rest = line[4:]
        else:
            subject, _, rest = line.partition(" ")
        out.add(f"{subject} {rest[:-2]} .")   # every line ends with " ;" or " ."
    return out


def _turtle_header() -> str:
    from graph.model import TURTLE_HEADER

    return TURTLE_HEADER
