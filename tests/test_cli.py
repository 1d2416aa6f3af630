"""The command line: every command has help and is documented; build's exit status and output."""
import json
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


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory):
    """The shipped corpus built once (graph, store, analysis, views)."""
    out = tmp_path_factory.mktemp("corpus-out")
    result = CliRunner().invoke(cli, ["build", str(ROOT / "corpus"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def _query(out, *args):
    return CliRunner().invoke(cli, ["query", *args, "--out", str(out)])


@pytest.mark.parametrize("name, param", [("compare-indicator", "metric"), ("unit-tasks", "unit"),
                                         ("tasks-of-plan", "plan")])
def test_a_required_parameter_left_out_is_named_with_its_meaning(corpus_out, name, param):
    result = _query(corpus_out, name)
    assert result.exit_code == 2
    assert f"query '{name}' needs --param {param}=VALUE: " in result.output and "(0 rows)" not in result.output


@pytest.mark.parametrize("param, expected", [
    ("region=嘉善", "no region '嘉善' in the graph; did you mean 嘉善县?"),
    ("region=杭州市", "no region '杭州市' in the graph; regions within it: 西湖区"),
    ("region=Paris", "known: 嘉善县、德清县、洞头区、秀洲区、西湖区"),
])
def test_a_region_that_matches_nothing_names_the_closest(corpus_out, param, expected):
    result = _query(corpus_out, "lead-load", "--param", param)
    assert result.exit_code == 2 and expected in result.output


def test_a_unit_or_metric_that_matches_nothing_names_the_closest(corpus_out):
    unit = _query(corpus_out, "unit-tasks", "--param", "unit=县农业局")
    assert unit.exit_code == 2 and "no unit '县农业局' in the graph; did you mean 县农业农村局" in unit.output
    metric = _query(corpus_out, "compare-indicator", "--param", "metric=城乡居民收入")
    assert metric.exit_code == 2 and "did you mean 城乡居民收入" in metric.output
    found = _query(corpus_out, "unit-tasks", "--param", "unit=县农业农村局", "-f", "csv")
    assert found.exit_code == 0 and found.output.count("\n") > 5


def test_misspelled_query_or_parameter_name_gets_did_you_mean(corpus_out):
    query = _query(corpus_out, "lead-lod")
    assert query.exit_code == 2 and "no query named 'lead-lod'; did you mean lead-load?" in query.output
    param = _query(corpus_out, "lead-load", "--param", "regoin=嘉善县")
    assert param.exit_code == 2 and "has no parameter 'regoin'; did you mean 'region'?" in param.output


def test_csv_for_excel_starts_with_a_byte_order_mark(corpus_out):
    plain = CliRunner().invoke(cli, ["query", "regions", "-f", "csv", "--out", str(corpus_out)]).stdout_bytes
    excel = CliRunner().invoke(cli, ["query", "regions", "-f", "csv", "--excel", "--out", str(corpus_out)]).stdout_bytes
    assert excel == b"\xef\xbb\xbf" + plain and "嘉善县".encode() in plain
    assert CliRunner().invoke(cli, ["query", "regions", "--excel", "--out", str(corpus_out)]).exit_code == 2


def test_export_writes_one_workbook_with_three_frozen_sheets(corpus_out, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "plankg.xlsx"
    result = CliRunner().invoke(cli, ["export", "--xlsx", str(path), "--out", str(corpus_out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    assert book.sheetnames == ["assignments", "indicators", "units"]
    report = json.loads((corpus_out / "report.json").read_text(encoding="utf-8"))
    assert book["assignments"].max_row - 1 == sum(sum(d["assignments"].values()) for d in report["documents"])
    for sheet in book:
        assert sheet.freeze_panes == "A2" and sheet.max_row > 1
    header = [c.value for c in book["units"][1]]
    lead = header.index("lead")
    units = {(row[header.index("region")], row[header.index("unit")]): row
             for row in book["units"].iter_rows(min_row=2, values_only=True)}
    assert isinstance(units["洞头区", "区农业农村局"][lead], int) and units["洞头区", "区农业农村局"][lead] >= 35
    first = path.read_bytes()
    CliRunner().invoke(cli, ["export", "--xlsx", str(path), "--out", str(corpus_out)])
    assert path.read_bytes() == first
