"""The command line: every command has help and is documented; build's exit status and output."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.generations import reading_dir

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(name):
    command = cli.commands[name]
    assert command.help and len(command.help.strip()) > 20
    assert f"plankg {name}" in README
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_build_of_a_missing_corpus_is_bad_usage(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_build_prints_a_summary_and_exits_0_on_a_clean_corpus(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    src = next((ROOT / "corpus").glob("004*.txt"))
    (corpus / src.name).write_bytes(src.read_bytes())
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(tmp_path / "o"), "--no-analysis"])
    assert result.exit_code == 0, result.output
    assert "built 1 document(s)" in result.output and "SHACL: conforms" in result.output
    assert (tmp_path / "o" / "graph.ttl").is_file()
    assert not list((tmp_path / "o").glob(".staging*"))


def test_validate_command(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    src = next((ROOT / "corpus").glob("003*.txt"))
    (corpus / src.name).write_bytes(src.read_bytes())
    CliRunner().invoke(cli, ["build", str(corpus), "--out", str(tmp_path / "o"), "--no-analysis", "-q"])
    result = CliRunner().invoke(cli, ["validate", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0 and "conforms" in result.output
    result = CliRunner().invoke(cli, ["validate", "--out", str(tmp_path / "none")])
    assert result.exit_code == 2 and "run `plankg build` first" in result.output


def test_rebuild_of_an_unchanged_corpus_is_up_to_date(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for src in sorted((ROOT / "corpus").glob("00[34]*.txt")):
        (corpus / src.name).write_bytes(src.read_bytes())
    args = ["build", str(corpus), "--out", str(tmp_path / "o"), "--no-analysis"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    before = (tmp_path / "o" / "graph.ttl").stat().st_mtime_ns
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0 and "up to date" in again.output
    assert (tmp_path / "o" / "graph.ttl").stat().st_mtime_ns == before
    (corpus / "004_c7355e893b2f199a.txt").unlink()
    changed = CliRunner().invoke(cli, args)
    assert "built 1 document(s)" in changed.output


def test_build_jobs_reach_analysis_and_views_without_changing_their_output(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for src in sorted((ROOT / "corpus").glob("00[34]*.txt")):
        (corpus / src.name).write_bytes(src.read_bytes())
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"o{jobs}"
        result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "--jobs", jobs, "--no-cache"])
        assert result.exit_code == 0, result.output
        published = reading_dir(out)  # the generation the outputs were published in
        files = sorted(p for p in published.rglob("*") if p.is_file() and "store" not in p.parts
                       and p.name not in ("report.json", ".build.json"))
        assert any(p.parent.name == "analysis" for p in files) and (published / "index.html") in files
        assert (out / "index.html").read_bytes() == (published / "index.html").read_bytes()
        outputs.append({p.relative_to(published): p.read_bytes() for p in files})
    assert outputs[0] == outputs[1]
    again = CliRunner().invoke(cli, ["views", "--out", str(tmp_path / "o2"), "--jobs", "1", "--quiet"])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "o2" / "index.html").read_bytes() == outputs[0][Path("index.html")]
