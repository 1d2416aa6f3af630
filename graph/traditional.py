"""Documents printed in traditional characters or with pinyin glosses: read plain, reported as printed.

Mirror sites repost official plans in 繁體 (牽頭單位, 責任單位, 縣), some with a pinyin gloss after
chosen characters (``責(zé)任單位``, ``鎮(zhèn)公路站``). The extractor's rules and data are written
in simplified characters without glosses, so such a document is read through a plain copy of its
text: glosses taken out, characters converted one for one with OpenCC's ``t2s`` table. The records
found in the copy are then given back their printed forms (names, titles, quotes and sections as
the document prints them, glosses included) and their offsets into the printed text.

In: the text of a ``SourceText``. Out: a :class:`Reading` (the plain copy and the way back), or
``None`` for a document printed in simplified characters without glosses.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from graph.records import Cell, Indicator, Plan, SourceText, Task, UnitMention

# A document is read as traditional when at least this share of its CJK characters, and this
# many distinct characters, have another simplified form: a simplified text has almost none
# (乾 → 干 is the usual one), a traditional one a fifth or more.
MIN_SHARE = 0.01
MIN_DISTINCT = 3

# A pinyin gloss: a toned syllable in brackets right after a CJK character (``責(zé)``, ``鄉(xiāng)``).
GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)[)）]")
MIN_GLOSSES = 3  # fewer is a pronunciation note in the text, not a glossed page


@dataclass(frozen=True)
class Reading:
    """The simplified copy of a traditional text, and the way back to the printed characters."""

    text: str                     # the plain copy
    printed: dict[str, str]       # simplified character → the character the document prints
    glosses: dict[str, str] = dataclasses.field(default_factory=dict)  # printed character → its gloss ``(zé)``
    positions: tuple[int, ...] = ()  # offset in the copy → offset in the printed text; () when they are equal

    def back(self, s: str) -> str:
        """``s`` (found in the plain copy) in the document's printed characters, glosses included."""
        if not s:
            return s
        printed = [self.printed.get(c, c) for c in s]
        return "".join(c + self.glosses.get(c, "") for c in printed) if self.glosses else "".join(printed)

    def at(self, i: int) -> int:
        """Offset ``i`` of the copy in the printed text (-1, "none", stays -1)."""
        return self.positions[min(i, len(self.positions) - 1)] if self.positions and i >= 0 else i

    def into(self, i: int) -> int:
        """Offset ``i`` of the printed text in the copy (the inverse of :meth:`at`)."""
        return bisect_left(self.positions, i) if self.positions and i >= 0 else i


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on first use: most documents never need it
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, converted as a 繁體 page is (OpenCC ``t2s``), whatever its share of
    traditional characters (a name alone: 洋縣 → 洋县)."""
    return _converter().convert(text)


def without_glosses(text: str) -> tuple[str, tuple[int, ...], dict[str, str]]:
    """The text with its pinyin glosses taken out, each kept offset's place in the printed text (``()``
    when the text has no glosses), and the gloss of each character glossed wherever it is printed.

    Family: mirror sites that print a toned syllable after chosen characters, always the same ones
    (``責(zé)任單位:州住房城鄉(xiāng)建設(shè)局``, k22 黔东南; ``由鎮(zhèn)公路站負(fù)責(zé)``, j21 巢湖)."""
    found = list(GLOSS.finditer(text))
    if len(found) < MIN_GLOSSES:
        return text, (), {}
    pieces, positions, kept_from = [], [], 0
    for m in found:
        pieces.append(text[kept_from:m.start()])
        positions.extend(range(kept_from, m.start()))
        kept_from = m.end()
    pieces.append(text[kept_from:])
    positions.extend(range(kept_from, len(text) + 1))
    glossed = Counter(text[m.start() - 1] for m in found)
    glosses = {text[m.start() - 1]: m.group() for m in found}
    return "".join(pieces), tuple(positions), {c: g for c, g in glosses.items() if glossed[c] == text.count(c)}


def _simplified_table(text: str) -> dict[str, str]:
    """Traditional character → its simplified form, for a text printed in 繁體 (else empty)."""
    chars = sorted({c for c in text if c >= "\u3400"})
    if not chars:
        return {}
    converted = _converter().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return {}  # a character turned into several lines: cannot keep offsets
    table = {a: b for a, b in zip(chars, converted) if a != b and len(b) == 1}
    changed = sum(text.count(c) for c in table)
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return table if len(table) >= MIN_DISTINCT and changed >= MIN_SHARE * cjk else {}


def simplified_reading(text: str) -> Reading | None:
    """The plain reading of a text printed in traditional characters or with glosses, else ``None``."""
    plain, positions, glosses = without_glosses(text)
    table = _simplified_table(plain)
    if not table and not positions:
        return None
    votes: dict[str, Counter] = {}
    for trad, simp in table.items():
        votes.setdefault(simp, Counter())[trad] += plain.count(trad)
    printed = {simp: c.most_common(1)[0][0] for simp, c in sorted(votes.items())}
    return Reading(text=plain.translate(str.maketrans(table)) if table else plain, printed=printed,
                   glosses=glosses, positions=positions)


def reading_source(source: SourceText, reading: Reading) -> SourceText:
    """The source with its plain copy as its text (what the extraction stages read); the cells of
    its tables read the same way."""
    if not reading.positions:
        return dataclasses.replace(source, text=reading.text)
    tables = tuple(dataclasses.replace(t, start=reading.into(t.start), end=reading.into(t.end), rows=tuple(
        tuple(Cell(text=without_glosses(c.text)[0], start=reading.into(c.start), end=reading.into(c.end))
              for c in row) for row in t.rows)) for t in source.tables)
    return dataclasses.replace(source, text=reading.text, tables=tables)


def _mention(m: UnitMention, reading: Reading) -> UnitMention:
    return dataclasses.replace(m, name=reading.back(m.name), alias=reading.back(m.alias),
                               start=reading.at(m.start), end=reading.at(m.end))


def _task(t: Task, reading: Reading, printed: str) -> Task:
    at = reading.at
    return dataclasses.replace(
        t, title=reading.back(t.title), section=tuple(reading.back(s) for s in t.section),
        start=at(t.start), end=at(t.end), text=printed[at(t.start):at(t.end)], deadline=reading.back(t.deadline),
        units=tuple(_mention(m, reading) for m in t.units),
        units_start=at(t.units_start), units_end=at(t.units_end),
        units_text=printed[at(t.units_start):at(t.units_end)] if t.units_start >= 0 else reading.back(t.units_text),
        target_cells=tuple((reading.back(v), reading.back(u), at(a), at(b), reading.back(base), year)
                           for v, u, a, b, base, year in t.target_cells))


def printed_plan(plan: Plan, reading: Reading, source: SourceText) -> Plan:
    """The plan found in the simplified copy, with the printed source and printed forms.

    The region stays in simplified characters: it names an entry of the gazetteer.
    """
    meta = plan.meta
    meta = dataclasses.replace(meta, title=reading.back(meta.title), issuer=reading.back(meta.issuer),
                               doc_number=reading.back(meta.doc_number), title_start=reading.at(meta.title_start),
                               title_end=reading.at(meta.title_end),
                               references=tuple(reading.back(r) for r in meta.references))
    return dataclasses.replace(plan, source=source, meta=meta,
                               tasks=tuple(_task(t, reading, source.text) for t in plan.tasks))


def printed_indicator(ind: Indicator, reading: Reading) -> Indicator:
    """An indicator found in the simplified copy, with its printed text, metric and unit (億元)."""
    return dataclasses.replace(ind, text=reading.back(ind.text), metric=reading.back(ind.metric),
                               value_text=reading.back(ind.value_text), unit=reading.back(ind.unit),
                               start=reading.at(ind.start), end=reading.at(ind.end))
