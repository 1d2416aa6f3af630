"""The benchmark's plan generator: deterministic, and its expected assignments are what it printed."""
from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import make_corpus  # noqa: E402

SEED = 7
DOCS = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[list[str]]]:
    """A small generated corpus and its expected rows."""
    out = tmp_path_factory.mktemp("gen") / "docs"
    make_corpus.make_corpus(DOCS, SEED, out)
    with make_corpus.expected_path(out).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return out, rows


def read_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_and_other_seed_other_text(corpus, tmp_path):
    out, _ = corpus
    again = tmp_path / "again" / "docs"
    make_corpus.make_corpus(DOCS, SEED, again)
    assert read_bytes(again) == read_bytes(out)
    assert make_corpus.expected_path(again).read_bytes() == make_corpus.expected_path(out).read_bytes()
    other = tmp_path / "other" / "docs"
    make_corpus.make_corpus(3, SEED + 1, other)
    assert (other / "plan_000000.txt").read_bytes() != (out / "plan_000000.txt").read_bytes()


def test_a_larger_corpus_extends_a_smaller_one(corpus, tmp_path):
    out, rows = corpus
    small = tmp_path / "small" / "docs"
    make_corpus.make_corpus(5, SEED, small)
    assert read_bytes(small) == {k: v for k, v in read_bytes(out).items() if k < "plan_000005"}
    with make_corpus.expected_path(small).open(encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh))[1:] == [r for r in rows[1:] if r[0] < "plan_000005"]


def test_documents_are_utf8_plans_of_about_twenty_kilobytes(corpus):
    out, _ = corpus
    sizes = [p.stat().st_size for p in out.glob("*.txt")]
    assert len(sizes) == DOCS
    assert 12_000 < sum(sizes) / len(sizes) < 30_000
    text = (out / "plan_000000.txt").read_text(encoding="utf-8")
    assert re.search(r"^一、", text, re.M) and re.search(r"^\(一\)", text, re.M)
    assert re.search(r"\d+(\.\d+)?(%|个|亿元|公里)", text)  # quantitative targets


def test_csv_has_the_checked_columns_and_only_known_roles(corpus):
    _, rows = corpus
    assert rows[0] == ["doc", "task_title", "unit", "role"]
    assert {r[3] for r in rows[1:]} == {"lead", "cooperating", "responsible"}
    assert {r[0] for r in rows[1:]} == {make_corpus.document_name(i) for i in range(DOCS)}


def test_every_unit_style_appears(corpus):
    out, _ = corpus
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.txt")))
    for mark in ("(责任单位:", "牵头单位:", "配合", "牵头,", "要牵头", "(标*的为牵头单位,下同)", "\n*", "(*",
                 "\n协同单位\n", "\n责任单位\n", "\n完成时限\n", "序号"):
        assert mark in text, mark
    assert re.search(r"。责任单位:[^\n)]+\n", text)  # without brackets
    assert re.search(r"^牵头单位:.+\n(配合|协同)单位:", text, re.M)  # labels one per line


def task_windows(text: str) -> dict[str, list[str]]:
    """Title → the text printed for it: a body item and its label lines, or an annex row."""
    lines = [ln for ln in text.split("\n")]
    windows: dict[str, list[str]] = defaultdict(list)
    for i, ln in enumerate(lines):
        m = re.match(r"^(?:\([一二三四五六七八九十]+\)|\d+[.、] ?)([^。]+)。", ln)
        if m:
            windows[m.group(1)].append("\n".join([ln] + [x for x in lines[i + 1:i + 3] if x.startswith(("牵头单位", "配合单位", "协同单位"))]))
        elif re.fullmatch(r"\d{1,3}", ln):
            cells = [x for x in lines[i + 1:i + 16] if x]
            row = []
            for c in cells:
                if re.fullmatch(r"\d{1,3}", c) or c.startswith(("抄送", "打印本页")):
                    break
                row.append(c)
            if row:
                windows[row[0]].append("\n".join(row))
    return windows


def windows_with(windows: dict[str, list[str]], title: str, unit: str) -> list[str]:
    """The printed windows of a task that name ``unit``; for an annex row whose name cell is
    merged with the row above (so printed once, there), every window that names it."""
    found = [w for w in windows.get(title, []) if unit in w]
    merged = [w for ws in windows.values() for w in ws if unit in w and not re.match(r"[^\n。]{1,30}\n", w)
              and not re.match(r"^(\(|\d+[.、])", w)]
    return found + merged


def test_expected_assignments_are_printed_where_the_task_is(corpus):
    out, rows = corpus
    by_doc: dict[str, list[list[str]]] = defaultdict(list)
    for r in rows[1:]:
        by_doc[r[0]].append(r)
    for doc, doc_rows in by_doc.items():
        text = (out / doc).read_text(encoding="utf-8")
        windows = task_windows(text)
        for _, title, unit, role in doc_rows:
            found = windows_with(windows, title, unit)
            assert found, (doc, title, unit)


def test_roles_follow_the_marks_printed(corpus):
    out, rows = corpus
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.txt")}
    windows_of = {doc: task_windows(text) for doc, text in texts.items()}
    for doc, title, unit, role in rows[1:]:
        text = texts[doc]
        found = windows_with(windows_of[doc], title, unit)
        if role == "responsible":
            # a starred name is never merely responsible in the same task
            assert any(f"*{unit}" not in w for w in found), (doc, title, unit)
        if role in ("lead", "cooperating"):
            assert any(is_lead_in(w, unit, text) == (role == "lead") for w in found), (doc, title, unit, role)


def is_lead_in(window: str, unit: str, text: str) -> bool:
    """Whether the printed window marks ``unit`` as lead: a star, a 牵头单位 label or column, 由X牵头, X要牵头."""
    if f"*{unit}" in window or f"由{unit}牵头" in window:
        return True
    if re.search(re.escape(unit) + r"[^。\n]*要牵头", window):
        return True
    if re.search(r"牵头单位:[^\n;]*" + re.escape(unit), window):
        return True
    if "\n牵头单位\n" in text and not re.match(r"^(\(|\d+[.、])", window):
        cells = [c for c in window.split("\n")[1:] if not c.endswith("。")]
        return bool(cells) and unit in cells[0]
    return False


def test_units_carry_the_prefix_of_the_documents_region(corpus):
    out, rows = corpus
    regions = {r.name: r for r in make_corpus.regions(SEED)}
    for doc in {r[0] for r in rows[1:]}:
        text = (out / doc).read_text(encoding="utf-8")
        region = next(name for name in regions if f"《{name}" in text)
        prefix = regions[region].prefix
        units = {r[2] for r in rows[1:] if r[0] == doc}
        other = "区" if prefix == "县" else "县"
        assert not any(u.startswith(other + "委") or re.match(other + r"[\u4e00-\u9fa5]+局$", u) for u in units), doc
        assert any(u.startswith(prefix) for u in units), doc


def test_pool_spans_thousands_of_names_across_many_regions():
    pool = make_corpus.unit_pool(SEED)
    assert len(pool) >= 1500
    assert len(make_corpus.regions(SEED)) >= 50
    assert len({r.city for r in make_corpus.regions(SEED)}) >= 5
