"""``graph.ttl`` (and ``graph.nt`` / ``graph.nq``) written document by document, with an index of
where each document's part lies, so that the next build copies the parts of unchanged documents
from the previous files instead of rendering them again: the bytes are those of a clean build.

A file is: the prefixes and the ontology, then for each document in corpus order the triples about
units and regions it is the first to state (its *shared* part), then its own triples. The index
(``.graph-index.json`` in the generation) keeps every document's shared triples (as numbers into
one table) and the byte lengths of its two parts in each format.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph import model
from graph.parts import PartWriter, offsets

INDEX = ".graph-index.json"
Triple = tuple[str, str, str]


@dataclass
class DocPart:
    """One document's place in the graph files."""

    key: str                          # cache key (file name, content, extractor version)
    sha: str                          # the document's SHA-256
    shared: list[int]                 # its unit and region triples, as numbers into the table
    lengths: dict[str, list[int]]     # format → [bytes of its shared part, bytes of its own part]
    triples: int = 0                  # its own triples


@dataclass
class GraphIndex:
    """Where each document's triples lie in the graph files of one generation."""

    version: str
    formats: list[str]
    head: dict[str, int]              # format → bytes of prefixes and ontology
    head_triples: int
    table: list[Triple]
    docs: list[DocPart] = field(default_factory=list)

    def save(self, folder: Path) -> None:
        """Write the index into a generation (only referenced shared triples are kept); the index as
        written is kept for the next :meth:`load` of the same file in this process (the analysis of
        the same build), which then does not read it back."""
        written = self.compact()
        path = folder / INDEX
        path.write_text(json.dumps(written.payload(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        _JUST_WRITTEN.clear()
        _JUST_WRITTEN[path.resolve()] = (_stamp(path), written)

    def compact(self) -> "GraphIndex":
        """The index as :meth:`save` writes it: its table holds only the shared triples some document
        states, renumbered in their order."""
        used = sorted({i for d in self.docs for i in d.shared})
        renumber = {old: new for new, old in enumerate(used)}
        return GraphIndex(self.version, list(self.formats), dict(self.head), self.head_triples,
                          [self.table[i] for i in used],
                          [DocPart(d.key, d.sha, [renumber[i] for i in d.shared],
                                   {f: list(n) for f, n in d.lengths.items()}, d.triples) for d in self.docs])

    def payload(self) -> dict:
        """The index as JSON values."""
        return {"version": self.version, "formats": self.formats, "head": self.head,
                "head_triples": self.head_triples, "table": [list(t) for t in self.table],
                "docs": [{"key": d.key, "sha": d.sha, "shared": d.shared, "lengths": d.lengths,
                          "triples": d.triples} for d in self.docs]}

    @classmethod
    def load(cls, folder: Path) -> "GraphIndex | None":
        """The index of a generation, or None when it has none (or an unreadable one). The index
        this process has just written there is taken as is, once (when the file is still the one
        written: same inode, size and modification time)."""
        path = folder / INDEX
        written = _JUST_WRITTEN.pop(path.resolve(), None)
        if written is not None and written[0] == _stamp(path):
            return written[1]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(version=data["version"], formats=data["formats"], head=data["head"],
                       head_triples=data["head_triples"], table=[tuple(t) for t in data["table"]],
                       docs=[DocPart(**d) for d in data["docs"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def emitted(self) -> list[list[int]]:
        """The shared triples each document was the first to state."""
        seen: set[int] = set()
        return [first_seen(d.shared, seen) for d in self.docs]

    def starts(self, fmt: str) -> list[int]:
        """Byte offset of each document's part in the file of ``fmt``."""
        return offsets([sum(d.lengths[fmt]) for d in self.docs], self.head[fmt])


_JUST_WRITTEN: dict[Path, tuple[tuple[int, int, int] | None, GraphIndex]] = {}   # file → (its stamp, the index saved)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, modification time) of a file, or None when it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def first_seen(ids: Iterable[int], seen: set[int]) -> list[int]:
    """The ids not in ``seen``, in order, each once; ``seen`` gets them."""
    out = []
    for i in ids:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


class GraphFiles:
    """Writes the graph files of a generation (temp files renamed by ``commit``), rendering new
    documents and copying unchanged ones from ``previous`` (the generation before and its index).
    ``sink`` gets the Turtle as it is written (for the store being loaded)."""

    def __init__(self, folder: Path, formats: Iterable[str], version: str,
                 sink: Callable[[str], None] | None = None, previous: tuple[Path, GraphIndex] | None = None):
        self.formats = ["ttl", *[f for f in ("nt", "nq") if f in formats]]
        self.previous = previous
        source = previous[0] if previous else None
        self.writers = {f: PartWriter(folder / f"graph.{f}", source / f"graph.{f}" if source else None)
                        for f in self.formats}
        self.sink = sink
        self.ids: dict[Triple, int] = {}
        self.index = GraphIndex(version, self.formats, {}, 0, [])
        self.seen: set[int] = set()
        if previous:
            self.index.table = list(previous[1].table)
            self.ids = {t: i for i, t in enumerate(self.index.table)}
            self.old_emitted = previous[1].emitted()
            self.old_starts = {f: previous[1].starts(f) for f in self.formats}
        self.triples = 0

    def head(self) -> None:
        """The prefixes and the ontology (copied from the previous files when there are some)."""
        if self.previous:
            old = self.previous[1]
            self.index.head = {f: self.writers[f].copy(0, old.head[f]) for f in self.formats}
            self.index.head_triples = old.head_triples
        else:
            triples = model.ontology_triples()
            self.index.head = self._render(triples, "", header=True)
            self.index.head_triples = len(triples)
        self.triples += self.index.head_triples

    def add_document(self, out, key: str, sha: str) -> None:
        """Append a document extracted (or read from the cache) in this build."""
        shared = [self._intern(tuple(t)) for t in out.shared]
        batch = first_seen(shared, self.seen)
        lengths = self._render([self.index.table[i] for i in batch], graph_iri(sha))
        own = {"ttl": self.writers["ttl"].write(out.turtle)}
        if len(self.formats) > 1:
            nt = model.turtle_to_ntriples(out.turtle)
            own.update({f: self._write_nt(f, nt, graph_iri(sha)) for f in self.formats if f != "ttl"})
        if self.sink:
            self.sink(out.turtle)
        self._record(DocPart(key, sha, shared, {f: [lengths[f], own[f]] for f in self.formats}, out.triples), batch)

    def reuse_document(self, position: int) -> None:
        """Append document ``position`` of the previous index, copying its bytes."""
        doc = self.previous[1].docs[position]
        batch = first_seen(doc.shared, self.seen)
        if batch == self.old_emitted[position]:
            for f in self.formats:
                self.writers[f].copy(self.old_starts[f][position], sum(doc.lengths[f]))
            lengths = {f: list(doc.lengths[f]) for f in self.formats}
        else:
            rendered = self._render([self.index.table[i] for i in batch], graph_iri(doc.sha))
            lengths = {f: [rendered[f], self.writers[f].copy(self.old_starts[f][position] + doc.lengths[f][0],
                                                             doc.lengths[f][1])] for f in self.formats}
        self._record(DocPart(doc.key, doc.sha, doc.shared, lengths, doc.triples), batch)

    def _record(self, doc: DocPart, batch: list[int]) -> None:
        self.index.docs.append(doc)
        self.triples += len(batch) + doc.triples

    def _intern(self, triple: Triple) -> int:
        i = self.ids.get(triple)
        if i is None:
            i = self.ids[triple] = len(self.index.table)
            self.index.table.append(triple)
        return i

    def _render(self, triples: list[Triple], graph: str, header: bool = False) -> dict[str, int]:
        """Write triples in every format; their byte length per format."""
        import io

        buffer = io.StringIO()
        writer = model.TurtleWriter(buffer, header=header)
        writer.write(triples)
        writer.close()
        text = buffer.getvalue()
        if self.sink:
            self.sink(text)
        lengths = {"ttl": self.writers["ttl"].write(text)}
        nt = model.ntriples(triples)
        lengths.update({f: self._write_nt(f, nt, graph) for f in self.formats if f != "ttl"})
        return lengths

    def _write_nt(self, fmt: str, text: str, graph: str) -> int:
        if fmt == "nq" and graph and text:
            text = text.replace(" .\n", f" <{graph}> .\n")
        return self.writers[fmt].write(text)

    def store_change(self) -> "StoreChange":
        """What the previous store needs to hold this build's graph: the own triples of documents
        that went or changed out, those of documents that came or changed in (with any other copy
        of the same content), and the shared triples no document states any more, or that no
        document stated before."""
        old = self.previous[1]
        kept = {(d.key, d.sha) for d in self.index.docs} & {(d.key, d.sha) for d in old.docs}
        touched = {d.sha for d in old.docs + self.index.docs if (d.key, d.sha) not in kept}
        before = {i for d in old.docs for i in d.shared}
        after = {i for d in self.index.docs for i in d.shared}
        removed = [_own_turtle(self.previous[0] / "graph.ttl", old, n) for n, d in enumerate(old.docs)
                   if (d.key, d.sha) not in kept]
        added = [_own_turtle(self.writers["ttl"].path, self.index, n) for n, d in enumerate(self.index.docs)
                 if d.sha in touched]
        return StoreChange(removed="".join(removed) + model.ntriples(self.index.table[i] for i in sorted(before - after)),
                           added="".join(added) + model.ntriples(self.index.table[i] for i in sorted(after - before)))

    def commit(self, folder: Path) -> list[str]:
        """Rename every file into place and save the index."""
        names = [self.writers[f].commit().name for f in self.formats]
        self.index.save(folder)
        return names

    def abort(self) -> None:
        """Remove the temp files."""
        for writer in self.writers.values():
            writer.abort()


@dataclass
class StoreChange:
    """How a store of the previous build becomes the store of this one (Turtle after the prefixes)."""

    removed: str             # triples of documents gone or changed, and shared triples no one states any more
    added: str               # triples of documents new or changed, and shared triples new to the graph


def _own_turtle(path: Path, index: GraphIndex, position: int) -> str:
    """A document's own triples as written in a graph.ttl."""
    import os

    doc = index.docs[position]
    with open(path, "rb") as handle:
        start = index.starts("ttl")[position] + doc.lengths["ttl"][0]
        return os.pread(handle.fileno(), doc.lengths["ttl"][1], start).decode("utf-8")


def graph_iri(sha: str) -> str:
    """The named graph of a document (in graph.nq and in the store)."""
    return f"{model.ID}graph/{sha[:12]}"
