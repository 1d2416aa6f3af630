"""Builds that update earlier outputs: random add / change / remove sequences end where a clean build does."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import make_corpus  # noqa: E402

from graph.cli import cli  # noqa: E402
from graph.store import STORE_MANIFEST, OxigraphSource, open_store  # noqa: E402

COMPARED = ("graph.ttl", "graph.nq", "analysis/units.csv", "analysis.ttl", "analysis/overload.md", "index.html")


def build(corpus: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "--jobs", "1", "--quiet",
                                      "--format", "nq", *extra])
    assert result.exit_code in (0, 1), result.output
    return result.output


def step(corpus: Path, rng: random.Random, next_index: list[int]) -> str:
    """Add, change or remove one document at random."""
    present = sorted(corpus.glob("*.txt"))
    action = rng.choice(["add", "change", "remove"] if len(present) > 2 else ["add"])
    if action == "add":
        make_corpus.write_document(next_index[0], 7, corpus)
        next_index[0] += 1
    elif action == "change":
        text, _ = make_corpus.render_document(rng.randrange(1000, 2000), 7, 90)
        rng.choice(present).write_text(text, encoding="utf-8")
    else:
        rng.choice(present).unlink()
    return action


def assert_same_outputs(updated: Path, clean: Path) -> None:
    for name in COMPARED:
        assert (updated / name).read_bytes() == (clean / name).read_bytes(), name
    stores = [sorted(map(str, open_store(folder / "store"))) for folder in (updated, clean)]
    assert stores[0] == stores[1]
    manifest = json.loads((updated / "store" / STORE_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["triples"] == len(stores[0])   # the count an update keeps is the store's


def built(tmp_path: Path, documents: int) -> tuple[Path, Path]:
    """A corpus of generated documents and its build."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for index in range(documents):
        make_corpus.write_document(index, 7, corpus)
    build(corpus, out)
    return corpus, out


def test_random_updates_equal_a_clean_build(tmp_path):
    rng = random.Random(19)
    corpus, out = built(tmp_path, 4)
    next_index = [4]
    actions = []
    for number in range(5):
        actions.append(step(corpus, rng, next_index))
        build(corpus, out)
        build(corpus, tmp_path / f"clean-{number}", "--no-cache")
        assert_same_outputs(out, tmp_path / f"clean-{number}")
    assert {"add", "change", "remove"} <= set(actions)


def test_dry_run_names_what_would_change_and_writes_nothing(tmp_path):
    corpus, out = built(tmp_path, 3)
    before = (out / "graph.ttl").resolve()
    (corpus / make_corpus.document_name(0)).unlink()
    make_corpus.write_document(5, 7, corpus)
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "--format", "nq", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "update of the current outputs: 2 document(s) unchanged" in result.output
    assert f"re-extract: {make_corpus.document_name(5)}" in result.output
    assert f"drop: {make_corpus.document_name(0)}" in result.output
    assert (out / "graph.ttl").resolve() == before


def test_removing_a_document_removes_its_graph_scopes_and_views_only(tmp_path):
    corpus, out = built(tmp_path, 3)
    pages = {p.name for p in (out / "views").glob("*.html")}
    gone = make_corpus.document_name(1)
    (corpus / gone).unlink()
    build(corpus, out)
    after = {p.name for p in (out / "views").glob("*.html")}
    removed = pages - after
    assert removed and all(name.startswith(("plan-", "region-")) for name in removed)
    assert not after - pages
    assert gone not in (out / "graph.ttl").read_text(encoding="utf-8")
    rows = OxigraphSource.open(out / "store").run(
        f'SELECT ?d WHERE {{ ?d <http://purl.org/dc/terms/identifier> "{gone}" }}').rows
    assert rows == ()


def test_analysis_inputs_kept_per_document_give_what_a_whole_read_gives(tmp_path):
    from graph.analysis.doc_inputs import INPUTS, read_by_document
    from graph.analysis.turtle_read import read_turtle

    corpus, out = built(tmp_path, 3)
    make_corpus.write_document(3, 7, corpus)
    build(corpus, out)
    current = (out / "graph.ttl").resolve().parent
    assert len(list((current / "analysis" / INPUTS).iterdir())) == 4
    whole = read_turtle(current / "graph.ttl")
    by_document = read_by_document(current, None, current / "analysis")
    assert by_document == whole
    copy = corpus / ("copy-" + make_corpus.document_name(0))   # two documents state the same subjects
    copy.write_bytes((corpus / make_corpus.document_name(0)).read_bytes())
    build(corpus, out)
    build(corpus, tmp_path / "clean", "--no-cache")
    assert read_by_document((out / "graph.ttl").resolve().parent) is None
    assert_same_outputs(out, tmp_path / "clean")


def test_dashboard_of_an_update_lists_what_a_clean_build_lists(tmp_path, monkeypatch):
    from graph.views import dashboard

    monkeypatch.setattr(dashboard, "MAX_PLAN_SCOPES_IN_TABLE", 2)   # plan scopes left out of the table
    monkeypatch.setattr(dashboard, "MAX_TABLE_ROWS_PER_SCOPE", 3)   # and scopes cut to their heaviest leads
    rng = random.Random(5)
    corpus, out = built(tmp_path, 4)
    next_index = [4]
    for number in range(3):
        step(corpus, rng, next_index)
        build(corpus, out)
        build(corpus, tmp_path / f"clean-{number}", "--no-cache")
        assert (out / "index.html").read_bytes() == (tmp_path / f"clean-{number}" / "index.html").read_bytes()


def test_plan_contributions_kept_per_plan_give_what_the_rows_give(tmp_path, monkeypatch):
    import os
    from dataclasses import replace

    from graph.analysis import run as analysis_run
    from graph.analysis import run_analysis
    from graph.analysis.contributions import FOLDER, ContributionCache, row_contributions, scope_measures
    from graph.analysis.digests import code_salt, scope_digests
    from graph.analysis.rows import apply_lead_policy, load_graph_data
    from graph.analysis.run import AnalysisSettings
    from graph.analysis.scopes import build_scopes

    corpus, out = built(tmp_path, 3)
    make_corpus.write_document(3, 7, corpus)
    build(corpus, out)
    current = (out / "current").resolve()
    assert len(list((current / "analysis" / FOLDER).iterdir())) == 4   # one per plan
    data = load_graph_data(current)
    scopes = build_scopes(data, apply_lead_policy(data.assignments, "strict"))
    settings = AnalysisSettings()
    salt = code_salt(data, settings.lead_policy, settings.top, settings.overload, replace(settings.centrality, workers=0))
    digests = scope_digests(data, scopes, salt)
    cache = ContributionCache(tmp_path / "unused", current / "analysis" / FOLDER)
    plans = sorted((sc for sc in scopes if sc.kind == "plan"), key=lambda sc: sc.plan)
    for sc in (sc for sc in scopes if sc.kind == "all"):
        from_cache = scope_measures([cache.get(digests[p.id])[sc.level] for p in plans], sc, data.function_labels)
        from_rows = scope_measures(row_contributions(sc, data.indicators), sc, data.function_labels)
        assert from_cache[0] == from_rows[0]
        assert [list(w.items()) for w in from_cache[1:]] == [list(w.items()) for w in from_rows[1:]]
    again = tmp_path / "again"   # the same graph analysed again takes every plan's contributions over
    again.mkdir()
    for name in ("graph.ttl", ".graph-index.json", "report.json"):
        os.link(current / name, again / name)
    made = []
    monkeypatch.setattr(analysis_run, "contribution", lambda *args: made.append(args) or None)
    run_analysis(again, previous=current / "analysis")
    assert made == []
    assert (again / "analysis" / "units.csv").read_bytes() == (current / "analysis" / "units.csv").read_bytes()
    assert all((again / "analysis" / FOLDER / p.name).stat().st_nlink > 1 for p in (current / "analysis" / FOLDER).iterdir())


def test_views_read_units_from_their_rows_as_from_the_graphml(tmp_path):
    from dataclasses import replace

    from graph.views.inputs import read_inputs, read_scope_graph

    corpus, out = built(tmp_path, 3)
    scopes = read_inputs((out / "current").resolve()).scopes
    assert all(scope.rows is not None and (scope.digest or scope.kind == "all") for scope in scopes)
    for scope in scopes:   # from its rows of units.json and its GraphML's edges, or from its GraphML alone
        from_rows, from_graphml = read_scope_graph(scope), read_scope_graph(replace(scope, rows=None))
        assert (from_rows.nodes, from_rows.links) == (from_graphml.nodes, from_graphml.links)
        assert from_rows.nodes and from_rows.links
