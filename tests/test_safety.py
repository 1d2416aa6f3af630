"""Safe to share: one writer per output folder, whole builds published at once, a store that
refuses graph files it was not loaded from, every corpus entry left out named, and document
HTML escaped in the Markdown reports."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures import CORPUS
from graph.cli import cli
from graph.generations import CURRENT, GENERATIONS, PREVIOUS, reading_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(CORPUS.glob("*.txt"))
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
HOLD = ("import sys; from pathlib import Path; from graph.lock import folder_lock\n"
        "with folder_lock(Path(sys.argv[1]), 'build'):\n    print('held', flush=True); sys.stdin.readline()")


def corpus_of(tmp_path: Path, name: str, *seeds: int) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for i in seeds:
        shutil.copy(SEEDS[i], folder / SEEDS[i].name)
    return folder


def build(corpus: Path, out: Path, *extra: str):
    return CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "--no-analysis", *extra])


def hold_lock(out: Path) -> subprocess.Popen:
    """Another process holding the lock of ``out`` until its stdin gets a line."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], env=ENV, cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    return holder


# ------------------------------------------------------------------ one writer at a time


def test_a_second_writer_exits_2_naming_the_holder_and_a_dead_holders_lock_is_taken(tmp_path):
    corpus, out = corpus_of(tmp_path, "c", 3), tmp_path / "out"
    holder = hold_lock(out)
    try:
        for args in (["build", str(corpus), "--out", str(out)], ["analyze", "--out", str(out)],
                     ["views", "--out", str(out)]):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 2, result.output
            assert f"pid {holder.pid}" in result.output and "--wait" in result.output
            assert "Traceback" not in result.output
        assert not (out / "graph.ttl").exists()  # the refused build wrote nothing
    finally:
        holder.kill()  # SIGKILL: the holder leaves its lock file behind
        holder.wait()
    assert json.loads((out / ".lock").read_text())["pid"] == holder.pid
    assert build(corpus, out).exit_code == 0
    assert (out / "graph.ttl").is_file()


def test_wait_builds_once_the_holder_is_done(tmp_path):
    corpus, out = corpus_of(tmp_path, "c", 3), tmp_path / "out"
    holder = hold_lock(out)
    waiting = subprocess.Popen([sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "-q",
                                "--no-analysis", "--wait"], env=ENV, cwd=ROOT, stderr=subprocess.PIPE)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=2)  # still waiting while the lock is held
        holder.communicate("done\n", timeout=30)
        assert waiting.wait(timeout=120) == 0, waiting.stderr.read()
    finally:
        for proc in (holder, waiting):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert (out / "graph.ttl").is_file()


# ------------------------------------------------------------------ a whole build or none


def test_each_build_is_published_as_one_generation(tmp_path):
    out = tmp_path / "out"
    first, second = corpus_of(tmp_path, "a", 3), corpus_of(tmp_path, "b", 4)
    assert build(first, out).exit_code == 0
    generation = reading_dir(out)
    first_graph = (out / "graph.ttl").read_bytes()
    assert os.readlink(out / "graph.ttl") == f"{CURRENT}/graph.ttl"
    assert generation.parent == (out / GENERATIONS).resolve()
    assert build(second, out).exit_code == 0
    assert reading_dir(out) != generation and (out / "graph.ttl").read_bytes() != first_graph
    # the previous generation stays whole for readers that were using it
    assert (out / PREVIOUS).resolve() == generation and (generation / "graph.ttl").read_bytes() == first_graph
    assert build(first, out).exit_code == 0
    assert (out / "graph.ttl").read_bytes() == first_graph
    assert len(list((out / GENERATIONS).iterdir())) == 2  # the current and the previous one


def test_analyze_and_views_publish_a_new_generation_keeping_the_graph(tmp_path):
    corpus, out = corpus_of(tmp_path, "c", 3), tmp_path / "out"
    assert build(corpus, out).exit_code == 0
    built = reading_dir(out)
    assert CliRunner().invoke(cli, ["analyze", "--out", str(out), "-q"]).exit_code == 0
    analysed = reading_dir(out)
    assert analysed != built and (analysed / "graph.ttl").samefile(built / "graph.ttl")  # linked, not copied
    assert (out / "analysis.ttl").is_file()
    assert CliRunner().invoke(cli, ["views", "--out", str(out), "-q"]).exit_code == 0
    assert (out / "index.html").is_file() and (out / "analysis.ttl").samefile(analysed / "analysis.ttl")
    result = CliRunner().invoke(cli, ["query", "plans", "--out", str(out), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)


def test_a_store_that_does_not_match_its_graph_files_is_reported_not_repaired(tmp_path):
    out, other = tmp_path / "out", tmp_path / "other"
    assert build(corpus_of(tmp_path, "a", 3), out).exit_code == 0
    assert build(corpus_of(tmp_path, "b", 4), other).exit_code == 0
    folder = reading_dir(out)
    manifest = (folder / "store" / "plankg-sources.json").read_bytes()
    (folder / "graph.ttl").unlink()
    shutil.copy(other / "graph.ttl", folder / "graph.ttl")  # the folder now mixes two builds
    result = CliRunner().invoke(cli, ["query", "plans", "--out", str(out)])
    assert result.exit_code == 1
    assert "does not match its graph files" in result.output and "graph.ttl" in result.output
    assert (folder / "store" / "plankg-sources.json").read_bytes() == manifest  # nothing rebuilt


# ------------------------------------------------------------------ corpus entries left out


@pytest.fixture
def broken_corpus():
    """A corpus (in a folder an unprivileged user can reach) with a symbolic link loop, a
    dangling link and a folder nobody may read."""
    folder = Path(tempfile.mkdtemp(prefix="plankg-broken-"))
    os.chmod(folder, 0o755)
    shutil.copy(SEEDS[3], folder / SEEDS[3].name)
    (folder / "loop").symlink_to(".")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "locked").mkdir()
    shutil.copy(SEEDS[4], folder / "locked" / SEEDS[4].name)
    os.chmod(folder / "locked", 0)
    yield folder
    os.chmod(folder / "locked", 0o755)
    shutil.rmtree(folder)


def test_every_corpus_entry_left_out_is_named_in_the_report(broken_corpus):
    out = Path(f"{broken_corpus}-out")
    command = [sys.executable, "-m", "graph", "build", str(broken_corpus), "--out", str(out), "--no-analysis", "-q"]
    if os.geteuid() == 0:  # root reads any folder: build as an unprivileged user
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a folder unreadable")
        out.mkdir()
        os.chown(out, 65534, 65534)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    try:
        done = subprocess.run(command, env=dict(ENV, HOME=str(out)), cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 1, done.stderr  # built, with problems
        report = (out / "report.md").read_text(encoding="utf-8")
        left_out = report[report.index("## Corpus entries left out"):]
        assert "- loop: symbolic link loop" in left_out
        assert "- dangling.txt: dangling symbolic link (to nowhere.txt)" in left_out
        assert "- locked: folder cannot be read (Permission denied)" in left_out
        assert json.loads((out / "report.json").read_text())["documents"][0]["doc"] == SEEDS[3].name
        assert "locked: folder cannot be read" in done.stderr
    finally:
        shutil.rmtree(out, ignore_errors=True)


# ------------------------------------------------------------------ Markdown reports


def test_markdown_reports_show_document_html_as_text(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    text = SEEDS[4].read_text(encoding="utf-8").replace("\n秀洲区高水平推进美丽城镇建设实施方案\n",
                                                       "\n秀洲区<script>alert(1)</script>高水平推进美丽城镇建设实施方案\n")
    assert "<script>" in text
    (corpus / "<img src=x onerror=alert(1)>.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "-q"]).exit_code == 0
    for report in (out / "report.md", out / "analysis" / "overload.md"):
        markdown = report.read_text(encoding="utf-8")
        assert "<script" not in markdown and "<img" not in markdown, report.name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown, report.name
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in (out / "report.md").read_text(encoding="utf-8")
