"""Documents printed in traditional characters: read as simplified, reported as printed.

Mirror sites repost official plans in 繁體 (牽頭單位, 責任單位, 縣). The extractor's rules and
data are written in simplified characters, so such a document is read through a simplified
copy of its text, converted one character for one with OpenCC's ``t2s`` table (offsets into
the printed text hold in both). The records found in the copy are then given back their
printed forms: names, titles, quotes and sections as the document prints them.

In: the text of a ``SourceText``. Out: a :class:`Reading` (the simplified copy and the way
back), or ``None`` for a document printed in simplified characters.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from graph.records import Indicator, Plan, SourceText, Task, UnitMention

# A document is read as traditional when at least this share of its CJK characters, and this
# many distinct characters, have another simplified form: a simplified text has almost none
# (乾 → 干 is the usual one), a traditional one a fifth or more.
MIN_SHARE = 0.01
MIN_DISTINCT = 3


@dataclass(frozen=True)
class Reading:
    """The simplified copy of a traditional text, and the way back to the printed characters."""

    text: str                     # same length as the printed text
    printed: dict[str, str]       # simplified character → the character the document prints

    def back(self, s: str) -> str:
        """``s`` (found in the simplified copy) in the document's printed characters."""
        return "".join(self.printed.get(c, c) for c in s) if s else s


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on first use: most documents never need it
    return opencc.OpenCC("t2s")


def simplified_reading(text: str) -> Reading | None:
    """The simplified reading of a text printed in traditional characters, else ``None``."""
    chars = sorted({c for c in text if c >= "\u3400"})
    if not chars:
        return None
    converted = _converter().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return None  # a character turned into several lines: cannot keep offsets
    table = {a: b for a, b in zip(chars, converted) if a != b and len(b) == 1}
    changed = sum(text.count(c) for c in table)
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    if len(table) < MIN_DISTINCT or changed < MIN_SHARE * cjk:
        return None
    simplified = text.translate(str.maketrans(table))
    votes: dict[str, Counter] = {}
    for trad, simp in table.items():
        votes.setdefault(simp, Counter())[trad] += text.count(trad)
    printed = {simp: c.most_common(1)[0][0] for simp, c in sorted(votes.items())}
    return Reading(text=simplified, printed=printed)


def reading_source(source: SourceText, reading: Reading) -> SourceText:
    """The source with its simplified copy as its text (what the extraction stages read)."""
    return dataclasses.replace(source, text=reading.text)


def _mention(m: UnitMention, reading: Reading) -> UnitMention:
    return dataclasses.replace(m, name=reading.back(m.name), alias=reading.back(m.alias))


def _task(t: Task, reading: Reading, printed: str) -> Task:
    return dataclasses.replace(
        t, title=reading.back(t.title), section=tuple(reading.back(s) for s in t.section),
        text=printed[t.start:t.end], deadline=reading.back(t.deadline),
        units=tuple(_mention(m, reading) for m in t.units),
        units_text=printed[t.units_start:t.units_end] if t.units_start >= 0 else t.units_text,
        target_cells=tuple((reading.back(v), reading.back(u), a, b, reading.back(base), year)
                           for v, u, a, b, base, year in t.target_cells))


def printed_plan(plan: Plan, reading: Reading, source: SourceText) -> Plan:
    """The plan found in the simplified copy, with the printed source and printed forms.

    The region stays in simplified characters: it names an entry of the gazetteer.
    """
    meta = plan.meta
    meta = dataclasses.replace(meta, title=reading.back(meta.title), issuer=reading.back(meta.issuer),
                               doc_number=reading.back(meta.doc_number),
                               references=tuple(reading.back(r) for r in meta.references))
    return dataclasses.replace(plan, source=source, meta=meta,
                               tasks=tuple(_task(t, reading, source.text) for t in plan.tasks))


def printed_indicator(ind: Indicator, reading: Reading) -> Indicator:
    """An indicator found in the simplified copy, with its printed text, metric and unit (億元)."""
    return dataclasses.replace(ind, text=reading.back(ind.text), metric=reading.back(ind.metric),
                               value_text=reading.back(ind.value_text), unit=reading.back(ind.unit))
