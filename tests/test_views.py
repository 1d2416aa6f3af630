"""Views and dashboard built from an output folder in the analysis contract (no browser: see test_browser.py)."""
from __future__ import annotations

import json
import re
import sys
import threading
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from views_fixtures import XSS_TASK, XSS_UNIT, write_large_output, write_output  # noqa: E402

import graph.views.dashboard as dashboard_module  # noqa: E402
from graph.cli import cli  # noqa: E402
from graph.views import ViewsInputError, build_views  # noqa: E402
from graph.views.dashboard import view_href  # noqa: E402
from graph.views.inputs import (Link, Scope, ScopeGraph, UnitNode, read_json_list, read_plain_graphml,  # noqa: E402
                                read_scope_graph)
from graph.views.select import select  # noqa: E402


class PageParser(HTMLParser):
    """Collects scripts, links, sources and visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.urls: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        for name in ("href", "src", "action", "data", "poster"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)
        else:
            self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_data(path: Path) -> dict:
    """The graph data a view embeds (what vis-network is handed)."""
    scripts = [text for attributes, text in parse(path).scripts if attributes.get("id") == "plankg-data"]
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    graphs = write_output(out)
    return out, graphs, build_views(out)


def test_one_view_per_scope_with_every_unit_and_link(built):
    out, graphs, result = built
    scopes = json.loads((out / "analysis" / "scopes.json").read_text(encoding="utf-8"))
    assert [view.scope_id for view in result.views] == [scope["id"] for scope in scopes]
    assert {view.scope_kind for view in result.views} == {"plan", "region", "all"}
    for view in result.views:
        data = page_data(view.path)
        graph = graphs[view.scope_id]
        assert {node["id"] for node in data["nodes"]} == set(graph.nodes)
        assert {(edge["from"], edge["to"]) for edge in data["edges"]} == set(graph.edges)
        for edge in data["edges"]:
            assert edge["weight"] == graph.edges[edge["from"], edge["to"]]["weight"]


def test_node_size_follows_lead_load_and_overload_is_marked(built):
    _, graphs, result = built
    view = next(v for v in result.views if v.scope_id == "plan-jiashan")
    nodes = {node["id"]: node for node in page_data(view.path)["nodes"]}
    graph = graphs["plan-jiashan"]
    by_lead = sorted(nodes, key=lambda n: graph.nodes[n]["lead"])
    sizes = [nodes[n]["size"] for n in by_lead]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    for node_id, node in nodes.items():
        overloaded = graph.nodes[node_id]["overloaded"]
        assert node["label"].startswith("⚠ ") == overloaded
        assert (node["color"]["border"] == "#d62728") == overloaded
    kinds = {node["kind"]: node["color"]["background"] for node in nodes.values()}
    assert len(set(kinds.values())) == len(kinds)


def test_tooltip_is_plain_text_with_loads_centralities_and_top_tasks(built):
    _, graphs, result = built
    view = next(v for v in result.views if v.scope_id == "plan-jiashan")
    node = next(n for n in page_data(view.path)["nodes"] if n["label"].endswith("县发改局"))
    data = graphs["plan-jiashan"].nodes[node["id"]]
    assert node["title"].splitlines()[0] == "⚠ 县发改局"
    assert node["title"].splitlines()[1] == "嘉善县 · agency · 发改局"  # function by its label, not its IRI
    assert f"Tasks led: {int(data['lead'])}" in node["title"]
    assert f"Betweenness: {data['betweenness']:.3f}" in node["title"]
    assert data["reason"] in node["title"]
    for task in data["top_tasks"].split("\n"):
        assert "• " + task in node["title"]


def test_pages_request_nothing_but_files_of_the_output_folder(built):
    out, _, result = built
    for path in [result.index, *(view.path for view in result.views)]:
        page = parse(path)
        html = path.read_text(encoding="utf-8")
        external = [url for url in page.urls if re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", url, re.I)]
        assert external == [], path
        assert "iframe" not in page.tags
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//|sourceMappingURL", html), path
        assert "default-src 'none'" in html
    assert "link" not in parse(result.index).tags
    assert all(not attributes.get("src") for attributes, _ in parse(result.index).scripts)
    assets = out / "views" / "assets"
    for view in result.views:
        page = parse(view.path)
        html = view.path.read_text(encoding="utf-8")
        local = [unquote(url) for url in page.urls]
        assert local == ["assets/vis-network.css", "assets/view.css", "../index.html",
                         "assets/vis-network.min.js", "assets/view.js"]
        assert all((view.path.parent / url).resolve().is_file() for url in local)
        inline = [attributes for attributes, _ in page.scripts if not attributes.get("src")]
        assert inline == [{"type": "application/json", "id": "plankg-data"}]   # no inline code runs
        policy = re.search(r'Content-Security-Policy" content="([^"]*)"', html).group(1)
        assert "script-src 'self' file:;" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    for asset in assets.iterdir():
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//|sourceMappingURL", text), asset
    assert "vis-network" in (assets / "vis-network.min.js").read_text(encoding="utf-8")[:1000]


def test_a_view_page_holds_its_data_and_links_the_shared_scripts(built):
    out, _, result = built
    library = (out / "views" / "assets" / "vis-network.min.js").read_bytes()
    assert len(library) > 300_000
    for view in result.views:
        page = view.path.read_bytes()
        assert len(page) < 60_000 and library[:2000] not in page
    assert sorted(p.name for p in (out / "views" / "assets").iterdir()) == \
        ["view.css", "view.js", "vis-network.css", "vis-network.min.js"]


def test_shared_assets_are_written_when_missing_or_different_only(tmp_path):
    write_output(tmp_path)
    first = build_views(tmp_path)
    assets = tmp_path / "views" / "assets"
    assert sorted(p.name for p in first.assets_written) == sorted(p.name for p in assets.iterdir())
    assert build_views(tmp_path).assets_written == ()
    (assets / "view.js").unlink()
    (assets / "vis-network.css").write_text("changed", encoding="utf-8")
    again = build_views(tmp_path)
    assert sorted(p.name for p in again.assets_written) == ["view.js", "vis-network.css"]
    assert (assets / "vis-network.css").read_text(encoding="utf-8") != "changed"


def test_dashboard_links_resolve_to_every_view(built):
    out, _, result = built
    links = [unquote(url) for url in parse(result.index).urls]
    assert sorted({out / link for link in links}) == sorted(view.path for view in result.views)
    for link in links:
        assert (out / link).is_file()


def test_dashboard_lists_plans_units_by_lead_and_heaviest_leads(built):
    out, graphs, result = built
    html = result.index.read_text(encoding="utf-8")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    scope_of_plan = {scope["plan"]: scope["id"] for scope in json.loads(
        (out / "analysis" / "scopes.json").read_text(encoding="utf-8")) if scope["kind"] == "plan"}
    for doc in report["documents"]:
        row = re.search(rf"<tr data-region=\"{re.escape(doc['region'])}\"><td>{re.escape(doc['title'])}</td>.*?</tr>",
                        html).group()
        assert f'<a href="views/{scope_of_plan[doc["plan_iri"]]}.html">view</a>' in row
        flagged = {d["label"] for _, d in graphs[scope_of_plan[doc["plan_iri"]]].nodes(data=True) if d["overloaded"]}
        assert flagged and all(html_escape(name) in row for name in flagged)
    rows = re.findall(r'<tr data-scope="all" class="([^"]*)"><td>([^<]*)</td>.*?data-value="([\d.]+)"', html)
    assert len(rows) == graphs["all"].number_of_nodes()
    leads = [float(lead) for _, _, lead in rows]
    assert leads == sorted(leads, reverse=True)
    overloaded = {data["label"] for _, data in graphs["all"].nodes(data=True) if data["overloaded"]}
    assert {name for css, name, _ in rows if css == "overloaded"} == {n.replace("<", "&lt;").replace(">", "&gt;")
                                                                       for n in overloaded}
    chart = html[html.index("<svg"):html.index("</svg>")]
    heaviest = max(graphs["all"].nodes.values(), key=lambda d: d["lead"])["label"]
    assert heaviest in chart and chart.count("<rect") == sum(1 for _, d in graphs["all"].nodes(data=True) if d["lead"] > 0)


def test_document_text_is_escaped_in_html_and_in_embedded_json(built):
    out, _, result = built
    for path in [result.index, *(view.path for view in result.views)]:
        html = path.read_text(encoding="utf-8")
        assert XSS_UNIT not in html and XSS_TASK not in html
        assert "<script>alert" not in html and "<img" not in html
        page = parse(path)
        assert len(page.scripts) == (1 if path == result.index else 3)   # views: data + two shared scripts
    view = next(v for v in result.views if v.scope_id == "plan-jiashan")
    data = page_data(view.path)
    assert any(node["label"] == "⚠ " + XSS_UNIT for node in data["nodes"])
    assert any(XSS_TASK in node["title"] for node in data["nodes"])
    assert XSS_UNIT in "".join(parse(view.path).text)
    assert XSS_UNIT in "".join(parse(result.index).text)


def test_pages_are_utf8_with_chinese_written_as_is(built):
    _, _, result = built
    html = next(v for v in result.views if v.scope_id == "plan-jiashan").path.read_bytes()
    assert "县发改局".encode("utf-8") in html and b"\\u53bf" not in html
    assert b'<meta charset="utf-8">' in html


def test_same_input_gives_byte_identical_output(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_output(first)
    write_output(second)
    result_a, result_b = build_views(first), build_views(second)
    build_views(first)
    files_a = sorted(p.relative_to(first) for p in first.rglob("*.html"))
    assert files_a == sorted(p.relative_to(second) for p in second.rglob("*.html"))
    for rel in files_a:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    assert len(result_a.views) == len(result_b.views) == 5


def test_views_of_scopes_no_longer_analysed_are_removed(tmp_path):
    write_output(tmp_path)
    stale = tmp_path / "views" / "plan-gone.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    result = build_views(tmp_path)
    assert not stale.exists() and result.removed == (stale,)


def test_views_remove_only_pages_they_wrote(tmp_path):
    write_output(tmp_path)
    first = build_views(tmp_path)
    mine = tmp_path / "views" / "plan-notes.html"     # named like a view, but not written by one
    mine.write_text("my notes", encoding="utf-8")
    made = first.views[0].path
    listed = (tmp_path / "views" / "pages.txt").read_text(encoding="utf-8").split()
    assert listed == sorted(view.path.name for view in first.views)
    (tmp_path / "views" / "pages.txt").write_text("\n".join(listed + ["plan-gone.html"]), encoding="utf-8")
    (tmp_path / "views" / "plan-gone.html").write_text("from an earlier run", encoding="utf-8")
    second = build_views(tmp_path)
    assert mine.read_text(encoding="utf-8") == "my notes" and made.is_file()
    assert second.removed == (tmp_path / "views" / "plan-gone.html",)


def _unit(name: str, lead: float) -> UnitNode:
    return UnitNode(id=name, label=name, region="", kind="agency", function="", lead=lead, cooperating=0,
                    responsible=0, total=lead, lead_share=0, overloaded=False, reason="", betweenness=0,
                    pagerank=0, top_tasks=())


def test_selection_keeps_heaviest_leads_and_strongest_links():
    units = [_unit(f"u{i}", lead) for i, lead in enumerate([5, 1, 9, 0, 3])]
    links = [Link("u0", "u2", 1), Link("u2", "u4", 4), Link("u0", "u4", 2), Link("u1", "u0", 7), Link("u3", "u2", 9)]
    graph = ScopeGraph(scope=Scope("s", "plan", "s", Path("s.graphml")), nodes=tuple(units), links=tuple(links))
    chosen = select(graph, max_nodes=3, max_links=2)
    assert [node.id for node in chosen.nodes] == ["u0", "u2", "u4"]
    assert [(link.source, link.target) for link in chosen.links] == [("u0", "u4"), ("u2", "u4")]
    assert (chosen.links_dropped_with_units, chosen.links_dropped_for_weight) == (2, 1)
    assert (chosen.min_lead_shown, chosen.min_weight_shown) == (3, 2)
    assert not chosen.complete and select(graph).complete


def test_large_graph_view_is_capped_and_says_what_it_left_out(tmp_path):
    graph = write_large_output(tmp_path, units=400, edges=2500)["plan-big"]
    result = build_views(tmp_path, max_nodes=100, max_links=80)
    (view,) = result.views
    data = page_data(view.path)
    assert (len(data["nodes"]), len(data["edges"])) == (100, 80) == (view.nodes_shown, view.edges_shown)
    leads = sorted((d["lead"] for _, d in graph.nodes(data=True)), reverse=True)
    assert min(graph.nodes[n["id"]]["lead"] for n in data["nodes"]) == leads[99]
    text = " ".join(parse(view.path).text)
    assert "100 of 400 units and 80 of 2500 links shown" in text
    assert "300 units with the lightest lead load" in text
    assert "top 100 of 400 units" in result.index.read_text(encoding="utf-8")


def test_missing_or_broken_inputs_name_the_file(tmp_path):
    with pytest.raises(ViewsInputError, match="does not exist"):
        build_views(tmp_path / "nothing")
    write_output(tmp_path)
    (tmp_path / "analysis" / "graphs" / "all.graphml").unlink()
    with pytest.raises(ViewsInputError, match=r"all\.graphml: missing"):
        build_views(tmp_path)
    assert not (tmp_path / "views").exists() and not (tmp_path / "index.html").exists()   # stopped before any page
    (tmp_path / "analysis" / "scopes.json").write_text("[{\"id\": ", encoding="utf-8")
    with pytest.raises(ViewsInputError, match=r"scopes\.json: not valid JSON .* line 1"):
        build_views(tmp_path)
    (tmp_path / "analysis" / "scopes.json").unlink()
    with pytest.raises(ViewsInputError, match=r"scopes\.json: missing"):
        build_views(tmp_path)


def test_graphml_written_by_networkx_with_text_flags_is_read(tmp_path):
    write_output(tmp_path)
    path = tmp_path / "analysis" / "graphs" / "plan-dongtou.graphml"
    graph = nx.read_graphml(path)
    for _, data in graph.nodes(data=True):
        data["overloaded"] = "true" if data["overloaded"] else "false"
    nx.write_graphml(graph, path)
    build_views(tmp_path)
    nodes = page_data(tmp_path / "views" / "plan-dongtou.html")["nodes"]
    assert sum(node["overloaded"] for node in nodes) == sum(d["overloaded"] == "true" for _, d in graph.nodes(data=True)) > 0


def test_cli_views_command(tmp_path):
    write_output(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(cli, ["views", "--out", str(tmp_path)])
    assert ok.exit_code == 0, ok.output
    assert "5 views" in ok.output and (tmp_path / "index.html").is_file()
    missing = runner.invoke(cli, ["views", "--out", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_scope_without_units_gives_an_empty_view(tmp_path):
    write_output(tmp_path)
    scopes_path = tmp_path / "analysis" / "scopes.json"
    scopes = json.loads(scopes_path.read_text(encoding="utf-8"))
    nx.write_graphml(nx.DiGraph(), tmp_path / "analysis" / "graphs" / "plan-empty.graphml")
    scopes.append({"id": "plan-empty", "kind": "plan", "label": "空方案", "graphml": "graphs/plan-empty.graphml"})
    scopes_path.write_text(json.dumps(scopes, ensure_ascii=False), encoding="utf-8")
    result = build_views(tmp_path)
    view = next(v for v in result.views if v.scope_id == "plan-empty")
    assert page_data(view.path)["nodes"] == [] and (view.total_nodes, view.total_edges) == (0, 0)
    assert "0 of 0 units and 0 of 0 links shown" in " ".join(parse(view.path).text)


@pytest.mark.parametrize("other_thread", [False, True], ids=["forked", "forkserver"])
def test_worker_processes_write_the_same_bytes_as_one_process(tmp_path, other_thread):
    first, second = tmp_path / "a", tmp_path / "b"
    write_output(first)
    write_output(second)
    serial = build_views(first, jobs=1)
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait, daemon=True)   # a running thread: workers must not be forks of us
    if other_thread:
        waiting.start()
    try:
        parallel = build_views(second, jobs=2)
    finally:
        stop.set()
    assert parallel.jobs == 2 and serial.jobs == 1
    assert [v.scope_id for v in serial.views] == [v.scope_id for v in parallel.views]
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and "analysis" not in p.parts)
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file() and "analysis" not in p.parts)
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_the_analysis_graphml_is_read_by_pattern_as_networkx_reads_it(tmp_path):
    graphs = write_output(tmp_path)
    labels = set()
    for scope_id in graphs:
        path = tmp_path / "analysis" / "graphs" / f"{scope_id}.graphml"
        assert read_plain_graphml(path.read_text(encoding="utf-8")) is not None    # the analysis's plain form
        graph = read_scope_graph(Scope(scope_id, "plan", scope_id, path))
        expected = nx.read_graphml(path)
        assert {n.id: (n.label, n.lead, n.overloaded, n.pagerank) for n in graph.nodes} == {
            node: (d["label"], float(d["lead"]), bool(d["overloaded"]), float(d["pagerank"]))
            for node, d in expected.nodes(data=True)}
        assert sorted((l.source, l.target, l.weight) for l in graph.links) == sorted(
            (a, b, float(d["weight"])) for a, b, d in expected.edges(data=True) if a != b)
        labels |= {node.label for node in graph.nodes}
    assert XSS_UNIT in labels      # &lt; &gt; &amp; in the file, resolved


def test_graphml_with_a_comment_cdata_and_references_is_read_as_written(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d0" for="node" attr.name="label" attr.type="string"/>
<key id="d1" for="node" attr.name="overloaded" attr.type="boolean"/>
<!-- written by hand -->
<graph edgedefault="directed">
<node id="u1"><data key="d0"><![CDATA[县发改局]]></data><data key="d1">true</data></node>
<node id="u2"><data key="d0">&lt;b&gt;县&amp;局&#8220;</data></node>
<edge source="u2" target="u1"/>
</graph></graphml>""", encoding="utf-8")
    graph = read_scope_graph(Scope("g", "plan", "g", path))
    assert [(n.id, n.label, n.overloaded) for n in graph.nodes] == [("u1", "县发改局", True), ("u2", "<b>县&局“", False)]
    assert graph.links == (Link("u2", "u1", 1.0),)


def test_graphml_key_defaults_and_single_quotes_are_read(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text("""<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k0" for="node" attr.name="kind" attr.type="string"><default>agency</default></key>
  <key id="k1" for="node" attr.name="lead" attr.type="int"/>
  <key id="k2" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault='directed'>
    <node id="a"><data key="k1">3</data></node>
    <node id="b"><data key="k0">township</data></node>
    <edge source="a" target="b"><data key="k2">2.5</data></edge>
    <edge source="b" target="a"/>
  </graph>
</graphml>""", encoding="utf-8")
    graph = read_scope_graph(Scope("g", "plan", "g", path))
    assert [(n.id, n.kind, n.lead) for n in graph.nodes] == [("a", "agency", 3.0), ("b", "township", 0.0)]
    assert [(l.source, l.target, l.weight) for l in graph.links] == [("a", "b", 2.5), ("b", "a", 1.0)]


def test_json_lists_are_read_and_broken_ones_name_the_file_and_line(tmp_path):
    rows = [{"scope": "s", "unit": f"县{'发改' * (i % 5)}局{i}", "lead": i * 1.5, "tags": ["、", "“引号”", '\\"\n']}
            for i in range(200)]
    path = tmp_path / "units.json"
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    assert read_json_list(path) == rows
    path.write_text('[{"a": 1},\n{"b": 2}\n{"c": 3}]', encoding="utf-8")
    with pytest.raises(ViewsInputError, match=r"units\.json: not valid JSON \(.* at line 3"):
        read_json_list(path)
    path.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(ViewsInputError, match=r"units\.json: expected a list"):
        read_json_list(path)
    path.write_bytes(b'[{"a": "\xff"}]')
    with pytest.raises(ViewsInputError, match=r"units\.json: not UTF-8"):
        read_json_list(path)


def test_dashboard_with_many_plans_lists_regions_only_and_filters_plans(tmp_path, monkeypatch):
    monkeypatch.setattr(dashboard_module, "MAX_PLAN_SCOPES_IN_TABLE", 1)
    graphs = write_output(tmp_path)
    result = build_views(tmp_path)
    html = result.index.read_text(encoding="utf-8")
    table_scopes = set(re.findall(r'<tr data-scope="([^"]*)"', html))
    assert table_scopes == {scope for scope in graphs if not scope.startswith("plan-")}
    assert "The 2 plan scopes are not listed (more than 1)" in html
    options = re.findall(r'<option value="([^"]+)">([^<]*)</option>', html.split('id="plan-region"')[1].split("</select>")[0])
    assert options == [("嘉善县", "嘉善县 (1)"), ("洞头区", "洞头区 (1)")]
    plan_links = re.findall(r'<tr data-region="[^"]*"><td>.*?<a href="(views/[^"]+)">view</a>', html)
    assert sorted(plan_links) == sorted(view_href(v.path.name) for v in result.views if v.scope_kind == "plan")
    assert "2 views linked from the Plans table above." in html


def test_region_filter_keeps_plans_without_a_region_apart_from_all_regions(tmp_path):
    write_output(tmp_path)
    report_path = tmp_path / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    report["documents"][0]["region"] = ""
    report_path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    html = build_views(tmp_path).index.read_text(encoding="utf-8")
    select_tag, options_html = html.split('<select id="plan-region"')[1].split("</select>")[0].split(">", 1)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', options_html)
    no_region = [value for value, label in options if label == "(no region) (1)"]
    assert no_region and no_region[0] != "" and [value for value, _ in options].count("") == 1
    assert f'data-no-region="{no_region[0]}"' in select_tag
    assert html.count('<tr data-region="">') == 1


def test_a_kind_units_json_does_not_list_has_one_colour_on_every_page(tmp_path):
    write_output(tmp_path)
    units_path = tmp_path / "analysis" / "units.json"
    rows = json.loads(units_path.read_text(encoding="utf-8"))
    for row in rows:
        row["kind"] = "listed-" + row["kind"]        # no kind of the graphs is in the table units.json gives
    units_path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    result = build_views(tmp_path)
    colours: dict[str, set[str]] = {}
    for view in result.views:
        page = view.path.read_text(encoding="utf-8")
        for node in page_data(view.path)["nodes"]:
            colours.setdefault(node["kind"], set()).add(node["color"]["background"])
            swatch = re.search(r'value="' + re.escape(html_escape(node["kind"])) + r'" checked> '
                               r'<span class="swatch" style="background:([^"]+)"', page)
            assert swatch and swatch.group(1) == node["color"]["background"]
    assert len(colours) > 1 and all(len(found) == 1 for found in colours.values())
    assert len(set().union(*colours.values())) == len(colours)     # kinds still told apart
