"""Whole builds on messy input: bad files reported one line each, the seeds unchanged,
nothing half-written; and properties of the extractor on arbitrary text."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fixtures import CORPUS, derivable, write_bad_files
from graph.records import SourceText

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(CORPUS.glob("*.txt"))
OUTPUTS = ("graph.ttl", "report.json", "report.md")


#: Analysis and views are not what these tests are about, and they take most of a build's time.
BUILD_OPTIONS = ("--no-analysis",)


def run_build(corpus: Path, out: Path, *extra: str):
    """``plankg build CORPUS --out OUT`` in-process; returns click's result."""
    from click.testing import CliRunner
    from graph.cli import cli

    return CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), *BUILD_OPTIONS, *extra],
                              catch_exceptions=False)


def seed_reports(out: Path) -> dict[str, dict]:
    """The report entries of the shipped seeds, by file name, without the path."""
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {d["doc"]: {k: v for k, v in d.items() if k != "path"}
            for d in report["documents"] if d["doc"] in {p.name for p in SEEDS}}


def assignment_lines(out: Path) -> list[str]:
    """Assignment triples of graph.ttl (the subject blocks mentioning prov:hadRole), normalised."""
    from rdflib import Graph, Namespace

    prov = Namespace("http://www.w3.org/ns/prov#")
    g = Graph().parse(out / "graph.ttl")
    rows = []
    for a, role in g.subject_objects(prov.hadRole):
        for agent in g.objects(a, prov.agent):
            rows.append(f"{a} {agent} {role}")
    return sorted(rows)


@pytest.fixture(scope="module")
def seeds_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    for p in SEEDS:
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="module")
def clean_build(seeds_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean-out")
    result = run_build(seeds_corpus, out)
    return result, out


@pytest.fixture(scope="module")
def messy_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy")
    for p in SEEDS:
        shutil.copy(p, folder / p.name)
    bad = write_bad_files(folder)
    out = tmp_path_factory.mktemp("messy-out")
    return run_build(folder, out), out, bad


# ------------------------------------------------------------------ builds and exit status

def test_clean_corpus_builds_with_status_0(clean_build):
    result, out = clean_build
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.stderr
    assert all((out / name).is_file() for name in OUTPUTS)
    assert set(seed_reports(out)) == {p.name for p in SEEDS}


def test_messy_corpus_builds_the_seeds_as_before(clean_build, messy_build):
    _, clean_out = clean_build
    result, out, _ = messy_build
    assert result.exit_code == 1, result.output
    assert seed_reports(out) == seed_reports(clean_out)
    clean_rows = [r for r in assignment_lines(clean_out)]
    messy_rows = set(assignment_lines(out))
    assert clean_rows and all(r in messy_rows for r in clean_rows)


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


def test_messy_corpus_reports_each_bad_file_once(messy_build):
    result, _, bad = messy_build
    lines = problem_lines(result.stderr)
    named = Counter(line.split(": ", 2)[1] for line in lines)
    missing = [name for name in bad if named[name] == 0]
    assert not missing, f"no problem line for {missing}:\n" + "\n".join(lines)
    assert all(named[name] <= 1 for name in bad), named
    # the seeds themselves have no problems
    assert not any(named[p.name] for p in SEEDS)


@pytest.mark.parametrize("name", [
    "empty.txt", "garbage.txt", "cut.txt", "huge.txt", "notasks.txt", "ragged.docx",
    "unclosed.txt",
    "notes.xyz", "broken.docx", "broken.pdf"])
def test_problem_line_says_what_is_wrong(messy_build, name):
    result, _, bad = messy_build
    lines = [line for line in problem_lines(result.stderr) if line.startswith(f"warning: {name}: ")]
    assert len(lines) == 1, problem_lines(result.stderr)
    assert re.search(bad[name], lines[0]), lines[0]
    assert len(lines[0]) < 200 and "Traceback" not in lines[0]


def test_messy_report_lists_the_problems(messy_build):
    _, out, bad = messy_build
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    docs = {p["doc"] for p in report["problems"]}
    assert {"empty.txt", "garbage.txt", "huge.txt", "notes.xyz", "broken.docx", "broken.pdf"} <= docs
    assert "empty.txt" in (out / "report.md").read_text(encoding="utf-8")


def test_huge_file_is_refused_without_reading_it(tmp_path):
    import tracemalloc

    from fixtures import write_sparse

    folder = tmp_path / "corpus"
    folder.mkdir()
    write_sparse(folder / "huge.txt", 64 * 1024 * 1024)
    tracemalloc.start()
    try:
        result = run_build(folder, tmp_path / "out")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2 and "huge.txt: file too large" in result.stderr
    assert peak < 32 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"


def test_nothing_usable_is_status_2(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.xyz").write_text("x", encoding="utf-8")
    result = run_build(folder, tmp_path / "out")
    assert result.exit_code == 2
    assert len(problem_lines(result.stderr)) == 2


def test_missing_corpus_is_usage_error(tmp_path):
    result = run_build(tmp_path / "nowhere", tmp_path / "out")
    assert result.exit_code == 2
    assert "nowhere" in result.output


def test_problems_without_strict_still_build(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / SEEDS[0].name)
    (folder / "empty.txt").write_bytes(b"")
    relaxed = run_build(folder, tmp_path / "out")
    assert relaxed.exit_code == 1
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_strict_turns_problems_into_failure(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / SEEDS[0].name)
    (folder / "empty.txt").write_bytes(b"")
    strict = run_build(folder, tmp_path / "out", "--strict")
    assert strict.exit_code == 2
    assert "empty.txt" in strict.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_strict_passes_a_clean_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS[0], folder / SEEDS[0].name)
    assert run_build(folder, tmp_path / "out", "--strict").exit_code == 0


# -------------------------------------------------------------------- determinism

def test_rebuild_is_byte_identical(seeds_corpus, clean_build, tmp_path):
    _, out = clean_build
    result = run_build(seeds_corpus, tmp_path / "again")
    assert result.exit_code == 0
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    assert (tmp_path / "again" / "report.json").read_bytes() == (out / "report.json").read_bytes()


# ----------------------------------------------------------------- nothing half-written

TEMP_NAME = re.compile(r"\.tmp$|\.part$|~$|\.(new|old|tmp)[-.]|^\.staging")


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def entries(out: Path) -> set[str]:
    return set(tree(out)) | {os.path.relpath(os.path.join(f, d), out) for f, dirs, _ in os.walk(out) for d in dirs}


def start_build(corpus: Path, out: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "-q",
                             *BUILD_OPTIONS],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def tree(out: Path) -> dict[str, int]:
    """Every file under ``out`` with its modification time; tolerant of files that vanish."""
    found = {}
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            try:
                found[os.path.relpath(path, out)] = os.stat(path).st_mtime_ns
            except FileNotFoundError:
                pass
    return found


def kill_when(corpus: Path, out: Path, started) -> bool:
    """Start a build and SIGKILL it as soon as ``started(before, now)`` holds for the file
    trees of ``out``. False if the build finished first."""
    before = tree(out)
    proc = start_build(corpus, out)
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if started(before, tree(out)):
                if proc.poll() is not None:
                    return False
                proc.send_signal(signal.SIGKILL)
                proc.wait(30)
                return True
            time.sleep(0.001)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)


def touched_anything(before: dict, now: dict) -> bool:
    return now != before


def wrote_a_new_graph(before: dict, now: dict) -> bool:
    """A graph file written somewhere under ``out`` (staged or temp), not yet published."""
    return any("graph" in Path(name).name and name != "graph.ttl" and before.get(name) != mtime
               for name, mtime in now.items())


def built_corpus(tmp_path: Path, clean_build) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the clean build's outputs, and a corpus of the seeds but one: the next
    build into that folder would write different outputs."""
    _, clean_out = clean_build
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in SEEDS[:-1]:
        shutil.copy(p, corpus / p.name)
    out = tmp_path / "out"
    shutil.copytree(clean_out, out)
    return corpus, out, snapshot(out)


def test_build_killed_as_it_starts_writing_leaves_previous_outputs(tmp_path, clean_build):
    corpus, out, previous = built_corpus(tmp_path, clean_build)
    if not kill_when(corpus, out, touched_anything):
        pytest.skip("the build finished before it could be killed")
    now = snapshot(out)
    assert now == previous, [n for n in OUTPUTS if now.get(n) != previous.get(n)]
    visible = {e for e in entries(out) if not any(part.startswith(".") for part in Path(e).parts)}
    assert not [e for e in visible if TEMP_NAME.search(Path(e).name)]


def test_build_killed_half_way_leaves_previous_outputs(tmp_path, clean_build):
    corpus, out, previous = built_corpus(tmp_path, clean_build)
    if not kill_when(corpus, out, wrote_a_new_graph):
        pytest.skip("the build finished before it could be killed")
    now = snapshot(out)
    # the new graph is written, the rest is not: none of it may have replaced the old outputs
    assert now == previous, [n for n in OUTPUTS if now.get(n) != previous.get(n)]


def test_next_build_sweeps_what_a_killed_build_left(tmp_path, clean_build):
    corpus, out, _ = built_corpus(tmp_path, clean_build)
    kill_when(corpus, out, wrote_a_new_graph)
    assert run_build(corpus, out).exit_code == 0
    leftovers = [e for e in entries(out) if TEMP_NAME.search(Path(e).name)]
    assert not leftovers, leftovers


# -------------------------------------------------------------------- properties

FRAGMENTS = [
    "一、主要任务", "二、保障措施", "(一)建设园区。", "(二)提升教育质量。", "1.推进小微企业园提档升级。",
    "2. 深化环境综合整治。", "(责任单位:县发改局、县经信局)", "(牵头单位:区农业农村局;配合单位:区财政局)",
    "(责任单位:", "牵头单位:县教育局", "*区发改局、区住建局,各街道乡镇", "序号", "任务名称", "主要举措",
    "牵头单位", "协同单位", "责任单位", "1", "2", "12", "县建设局", "县科技局、西塘镇", "附件", "附件1",
    "〔2023〕18号", "2024年4月30日", "到2027年,建成示范园2个以上。", "力争实现总产出92亿元。",
    "区委宣传部<区文明办>", "((", "))", "(", ")", "【", "《", "》", "、", ",", "。", "",
    "某县推进美丽城镇建设实施方案(2023—2027年)", "各镇人民政府:", "\u3000\u3000", "\t", " ",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).flatmap(
        lambda parts: st.sampled_from(["\n", "", "\n\n"]).map(lambda sep: sep.join(parts))),
)


def as_source(text: str) -> SourceText:
    return SourceText(path="arbitrary.txt", name="arbitrary.txt", sha256="0" * 64, text=text, format="txt")


def check_spans(source: SourceText) -> None:
    from graph.structure import parse_plan

    plan = parse_plan(source)
    for task in plan.tasks:
        assert 0 <= task.start <= task.end <= len(source.text)
        for m in task.units:
            assert 0 <= m.start < m.end <= len(source.text), (m, task.key)
            span = source.text[m.start:m.end]
            assert derivable(m.name, span), (m.name, span, task.key)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extractor_never_raises(text):
    from graph.structure import parse_plan

    plan = parse_plan(as_source(text))
    assert all(isinstance(t.units, tuple) for t in plan.tasks)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_unit_spans_point_at_their_names(text):
    check_spans(as_source(text))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_unit_spans_point_at_their_names(seed):
    from graph.ingest import read_document

    check_spans(read_document(seed))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"PK\x03\x04", b"%PDF-1.4\n", b"<html><meta charset=gb2312>"]),
       body=st.one_of(st.binary(max_size=3000), st.text(max_size=800).map(lambda t: t.encode("utf-8")),
                      st.text(max_size=800).map(lambda t: t.encode("gb18030"))),
       suffix=st.sampled_from([".txt", ".html", ".docx", ".pdf"]))
def test_reading_arbitrary_bytes_raises_only_ingest_errors(tmp_path_factory, prefix, body, suffix):
    from graph.ingest import IngestError, read_document

    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(prefix + body)
    try:
        source = read_document(path)
    except IngestError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) <= 160
    else:
        assert source.text.strip()
        for block in source.tables:
            assert all(source.text[c.start:c.end] == c.text for row in block.rows for c in row)
