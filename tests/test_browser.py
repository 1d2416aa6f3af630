"""The dashboard and every view opened in a real headless Chromium with the network blocked.

Chromium is driven through the Chrome DevTools Protocol over ``--remote-debugging-pipe``
(no extra Python package). Every request that is not ``file:``/``data:``/``about:``/``blob:``
is failed and recorded. The module also makes the README screenshots:
``python tests/test_browser.py screenshots OUT_DIR docs/img``.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from views_fixtures import XSS_UNIT, write_large_output, write_output  # noqa: E402

from graph.views import build_views  # noqa: E402

LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome-error:", "devtools:")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_chromium() -> str | None:
    """The Chromium binary: $PLANKG_CHROMIUM, else the first of the usual names on PATH."""
    if os.environ.get("PLANKG_CHROMIUM"):
        return os.environ["PLANKG_CHROMIUM"]
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """A headless Chromium with one page, driven over the DevTools pipe (fd 3 in, fd 4 out)."""

    def __init__(self, binary: str, width: int = 1280, height: int = 800, allowed: tuple[str, ...] = ()) -> None:
        self.profile = tempfile.mkdtemp(prefix="plankg-chromium-")
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # move the child's ends above 10 so that placing them on fds 3 and 4 cannot clobber one another
        child_in = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
        os.close(to_chrome_r)
        os.close(from_chrome_w)

        def place_pipes() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                "--no-default-browser-check", "--disable-features=Translate,MediaRouter,OptimizationHints",
                "--host-resolver-rules=MAP * ~NOTFOUND" + (", EXCLUDE 127.0.0.1" if allowed else ""),
                "--proxy-server=http://127.0.0.1:9", *(["--proxy-bypass-list=127.0.0.1"] if allowed else []),
                f"--window-size={width},{height}", f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(args, preexec_fn=place_pipes, pass_fds=(3, 4), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(child_in)
        os.close(child_out)
        self.writer, self.reader = to_chrome_w, from_chrome_r
        self.buffer = b""
        self.next_id = 0
        self.session = ""
        self.events: list[dict[str, Any]] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.allowed = allowed      # URL prefixes let through besides local files (a test's server on 127.0.0.1)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.call(method)
        self.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    # -- protocol -----------------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        os.write(self.writer, json.dumps(message).encode() + b"\0")

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.reader], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.reader, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict[str, Any] | None = None, session: bool = True,
             timeout: float = 30.0) -> dict[str, Any]:
        """Send a command and return its result, handling the events that arrive meanwhile."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self._send(message)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == message["id"]:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._on_event(reply)

    def _on_event(self, event: dict[str, Any]) -> None:
        method, params = event["method"], event.get("params", {})
        self.events.append(event)
        if method == "Fetch.requestPaused":
            url = params["request"]["url"]
            if url.startswith(LOCAL_SCHEMES + self.allowed):
                self._send({"id": 0, "sessionId": self.session, "method": "Fetch.continueRequest",
                            "params": {"requestId": params["requestId"]}})
            else:
                self.blocked.append(url)
                self._send({"id": 0, "sessionId": self.session, "method": "Fetch.failRequest",
                            "params": {"requestId": params["requestId"], "errorReason": "BlockedByClient"}})
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.errors.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console: " + " ".join(str(arg.get("value", arg.get("description", "")))
                                                      for arg in params.get("args", [])))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.errors.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self._send({"id": 0, "sessionId": self.session, "method": "Page.handleJavaScriptDialog",
                        "params": {"accept": True}})

    def wait_for_event(self, method: str, timeout: float = 30.0) -> dict[str, Any]:
        """Wait for the next event named ``method`` (events before the call are not looked at)."""
        start = len(self.events)
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events[start:]:
                if event["method"] == method:
                    return event
            start = len(self.events)
            message = self._receive(deadline)
            if "method" in message:
                self._on_event(message)

    # -- page -----------------------------------------------------------------------------------
    def open(self, path: Path | str, timeout: float = 60.0) -> None:
        """Load a local file (or a URL given as text) and wait for its load event."""
        self.call("Page.navigate", {"url": path if isinstance(path, str) else path.resolve().as_uri()})
        self.wait_for_event("Page.loadEventFired", timeout=timeout)

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 60.0) -> None:
        """Poll a JavaScript expression until it is true."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout} s: {expression}")
            time.sleep(0.1)

    def screenshot(self, path: Path, max_height: int = 0) -> None:
        """Save a PNG of the page: the viewport, or the page's top ``max_height`` pixels when given."""
        params: dict[str, Any] = {"format": "png"}
        if max_height:
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            params.update({"captureBeyondViewport": True,
                           "clip": {"x": 0, "y": 0, "width": size["width"],
                                    "height": min(size["height"], max_height), "scale": 1}})
        data = self.call("Page.captureScreenshot", params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def external_requests(self) -> list[str]:
        """Every request the page made (or tried) to something not local."""
        return sorted({url for url in self.requests + self.blocked if not url.startswith(LOCAL_SCHEMES)})

    def close(self) -> None:
        """Stop this Chromium and remove its profile."""
        try:
            self.call("Browser.close", session=False, timeout=5)
        except (RuntimeError, TimeoutError, EOFError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.writer)
        os.close(self.reader)
        shutil.rmtree(self.profile, ignore_errors=True)


def view_ready(browser: Browser) -> dict[str, Any]:
    """Wait until the view's layout settled; return the counts read from its vis DataSets."""
    browser.wait_until("window.plankgView !== undefined && window.plankgView.stabilized === true")
    return browser.evaluate("({nodes: plankgView.nodes.length, edges: plankgView.edges.length, "
                            "drawn: plankgView.network.body.nodeIndices.length, "
                            "physics: plankgView.network.physics.physicsEnabled})")


CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (Debian: apt-get install -y "
                                    "chromium); .ci/run installs it, so this test runs in CI")


@pytest.fixture(scope="module")
def chromium():
    instance = Browser(CHROMIUM)
    yield instance
    instance.close()


@pytest.fixture
def browser(chromium: Browser) -> Browser:
    """The module's Chromium with the records of earlier tests cleared."""
    for record in (chromium.requests, chromium.blocked, chromium.errors, chromium.dialogs):
        record.clear()
    return chromium


@needs_chromium
def test_dashboard_and_every_view_load_offline_with_expected_graphs(tmp_path: Path, browser: Browser) -> None:
    graphs = write_output(tmp_path)
    result = build_views(tmp_path)
    browser.open(result.index)
    assert browser.evaluate("document.querySelectorAll('#unit-table tbody tr').length") > 0
    hrefs = browser.evaluate("Array.from(document.querySelectorAll('a[href^=\"views/\"]'), a => a.href)")
    assert len(set(hrefs)) == len(result.views)
    for view in result.views:
        browser.open(view.path)
        counts = view_ready(browser)
        expected = graphs[view.scope_id]
        assert (counts["nodes"], counts["edges"]) == (expected.number_of_nodes(), expected.number_of_edges()), view
        assert counts["drawn"] == expected.number_of_nodes()
        assert counts["physics"] is False, "physics must stop once the layout settled"
    assert browser.errors == []
    assert browser.external_requests() == []
    assert browser.dialogs == []


@needs_chromium
def test_large_graph_view_shows_top_units_and_says_what_is_left_out(tmp_path: Path, browser: Browser) -> None:
    graph = write_large_output(tmp_path, units=600, edges=4000)["plan-big"]
    result = build_views(tmp_path, max_nodes=120, max_links=100)
    (view,) = result.views
    browser.open(view.path)
    counts = view_ready(browser)
    top = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["lead"], -graph.nodes[n]["total"],
                                             graph.nodes[n]["label"], n))[:120]
    inner = graph.subgraph(top).number_of_edges()
    assert inner > 100
    assert (counts["nodes"], counts["edges"]) == (120, 100)
    shown = set(browser.evaluate("plankgView.nodes.getIds()"))
    assert shown == set(top)
    note = browser.evaluate("document.querySelector('.left-out').innerText")
    assert "480 units" in note and f"{inner - 100} weaker links" in note
    assert browser.errors == [] and browser.external_requests() == []


@needs_chromium
def test_script_in_unit_name_shows_as_text_and_never_runs(tmp_path: Path, browser: Browser) -> None:
    write_output(tmp_path)
    result = build_views(tmp_path)
    view = next(v for v in result.views if v.scope_id == "plan-jiashan")
    browser.open(view.path)
    view_ready(browser)
    labels = browser.evaluate("plankgView.nodes.get().map(n => n.label)")
    assert any(XSS_UNIT in label for label in labels)
    assert XSS_UNIT in browser.evaluate("document.querySelector('.overloaded-names').textContent")
    # hovering shows the tooltip as text: vis-network puts a string title in as text, not HTML
    node_id = browser.evaluate(f"plankgView.nodes.get().find(n => n.label.includes({json.dumps(XSS_UNIT)})).id")
    position = browser.evaluate(f"plankgView.network.canvasToDOM(plankgView.network.getPosition({json.dumps(node_id)}))")
    origin = browser.evaluate("(() => { const r = document.getElementById('graph').getBoundingClientRect(); "
                              "return {x: r.left, y: r.top}; })()")
    browser.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": origin["x"] + position["x"],
                                              "y": origin["y"] + position["y"]})
    browser.wait_until("document.querySelector('div.vis-tooltip') !== null && "
                       "document.querySelector('div.vis-tooltip').style.visibility !== 'hidden'", timeout=10)
    tooltip = browser.evaluate("document.querySelector('div.vis-tooltip').textContent")
    assert XSS_UNIT in tooltip
    assert browser.evaluate("document.querySelectorAll('div.vis-tooltip script, div.vis-tooltip img').length") == 0
    browser.open(result.index)
    assert browser.evaluate(f"document.body.textContent.includes({json.dumps(XSS_UNIT)})")
    assert browser.evaluate("document.querySelectorAll('script').length") == 1  # only the page's own script
    assert browser.dialogs == [], "an alert() from document text ran"
    assert browser.errors == []


@needs_chromium
def test_dashboard_table_sorts_by_a_column_and_filters_by_scope(tmp_path: Path, browser: Browser) -> None:
    graphs = write_output(tmp_path)
    result = build_views(tmp_path)
    browser.open(result.index)
    visible = ("Array.from(document.querySelectorAll('#unit-table tbody tr')).filter(r => !r.hidden)"
               ".map(r => [r.cells[0].textContent, parseFloat(r.cells[7].dataset.value)])")
    rows = browser.evaluate(visible)
    assert sorted(name for name, _ in rows) == sorted(d["label"] for _, d in graphs["all"].nodes(data=True))
    total_header = "document.querySelectorAll('#unit-table th')[7]"
    browser.evaluate(f"{total_header}.click()")
    totals = [total for _, total in browser.evaluate(visible)]
    assert totals == sorted(totals, reverse=True) and totals[0] > totals[-1]
    browser.evaluate(f"{total_header}.click()")
    assert [total for _, total in browser.evaluate(visible)] == sorted(totals)
    browser.evaluate("(() => { const s = document.getElementById('scope-filter'); s.value = 'plan-dongtou'; "
                     "s.dispatchEvent(new Event('change')); })()")
    assert sorted(name for name, _ in browser.evaluate(visible)) == \
        sorted(d["label"] for _, d in graphs["plan-dongtou"].nodes(data=True))
    assert browser.errors == []


@needs_chromium
def test_view_search_focuses_a_unit_and_kind_filter_hides_units(tmp_path: Path, browser: Browser) -> None:
    graphs = write_output(tmp_path)
    view = next(v for v in build_views(tmp_path).views if v.scope_id == "plan-jiashan")
    browser.open(view.path)
    view_ready(browser)
    browser.evaluate("document.getElementById('search').value = '经信'; "
                     "document.getElementById('search-form').requestSubmit()")
    selected = browser.evaluate("plankgView.network.getSelectedNodes()")
    assert [graphs["plan-jiashan"].nodes[n]["label"] for n in selected] == ["县经信局"]
    browser.evaluate("(() => { const box = document.querySelector('.kind-filter[value=\"agency\"]'); "
                     "box.checked = false; box.dispatchEvent(new Event('change')); })()")
    hidden = browser.evaluate("plankgView.nodes.get({filter: n => n.hidden}).map(n => n.kind)")
    agencies = [d for _, d in graphs["plan-jiashan"].nodes(data=True) if d["kind"] == "agency"]
    assert hidden == ["agency"] * len(agencies) and agencies
    assert browser.errors == []


@needs_chromium
def test_view_of_a_scope_without_units_loads_cleanly(tmp_path: Path, browser: Browser) -> None:
    import networkx as nx

    write_output(tmp_path)
    scopes_path = tmp_path / "analysis" / "scopes.json"
    nx.write_graphml(nx.DiGraph(), tmp_path / "analysis" / "graphs" / "plan-empty.graphml")
    scopes_path.write_text(json.dumps([{"id": "plan-empty", "kind": "plan", "label": "空方案"}]), encoding="utf-8")
    (view,) = build_views(tmp_path).views
    browser.open(view.path)
    assert view_ready(browser)["nodes"] == 0
    assert browser.evaluate("document.getElementById('status').textContent") == "This scope has no units."
    assert browser.errors == [] and browser.external_requests() == []


@needs_chromium
def test_view_draws_with_the_shared_assets_and_not_without_them(tmp_path: Path, browser: Browser) -> None:
    graphs = write_output(tmp_path)
    view = next(v for v in build_views(tmp_path).views if v.scope_id == "plan-jiashan")
    browser.open(view.path)
    counts = view_ready(browser)
    assert counts["drawn"] == graphs["plan-jiashan"].number_of_nodes() > 0
    assets = (tmp_path / "views" / "assets").resolve()
    loaded = {url for url in browser.requests if url.startswith((assets.as_uri() + "/"))}
    assert loaded == {(assets / name).as_uri() for name in ("vis-network.min.js", "vis-network.css", "view.js", "view.css")}
    assert browser.evaluate("getComputedStyle(document.querySelector('aside')).borderRightStyle") == "solid"  # view.css
    assert browser.evaluate("document.querySelectorAll('#graph canvas').length") == 1
    assert browser.errors == [] and browser.external_requests() == []
    (assets / "vis-network.min.js").unlink()
    browser.open(view.path)
    time.sleep(0.5)
    assert browser.evaluate("typeof vis === 'undefined' && window.plankgView === undefined")
    assert "views/assets/ are missing" in browser.evaluate("document.getElementById('status').textContent")
    assert any("vis-network.min.js" in error for error in browser.errors)
    browser.errors.clear()
    build_views(tmp_path)                        # the next build puts the missing file back
    browser.open(view.path)
    assert view_ready(browser)["drawn"] == counts["drawn"] and browser.errors == []


@needs_chromium
def test_dashboard_plans_filter_by_text_and_region(tmp_path: Path, browser: Browser) -> None:
    write_output(tmp_path)
    browser.open(build_views(tmp_path).index)
    visible = "Array.from(document.querySelectorAll('#plan-table tbody tr')).filter(r => !r.hidden).map(r => r.cells[1].textContent)"
    assert sorted(browser.evaluate(visible)) == ["嘉善县", "洞头区"]
    assert browser.evaluate("document.getElementById('plan-count').textContent") == "2 plans"
    browser.evaluate("(() => { const f = document.getElementById('plan-filter'); f.value = '海洋'; "
                     "f.dispatchEvent(new Event('input')); })()")
    assert browser.evaluate(visible) == ["洞头区"]
    assert browser.evaluate("document.getElementById('plan-count').textContent") == "1 of 2 plans shown"
    browser.evaluate("(() => { const f = document.getElementById('plan-filter'); f.value = ''; "
                     "f.dispatchEvent(new Event('input')); const r = document.getElementById('plan-region'); "
                     "r.value = '嘉善县'; r.dispatchEvent(new Event('change')); })()")
    assert browser.evaluate(visible) == ["嘉善县"]
    assert browser.errors == []


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@needs_chromium
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shipped corpus not found")
def test_shipped_corpus_views_hold_every_unit_and_link_of_the_analysis(tmp_path: Path, browser: Browser) -> None:
    import networkx as nx
    from click.testing import CliRunner

    from graph.cli import cli

    runner = CliRunner()
    runner.invoke(cli, ["build", str(CORPUS), "--out", str(tmp_path), "--quiet"])
    if not (tmp_path / "analysis" / "scopes.json").is_file():  # build runs the analysis; else run it here
        analysed = runner.invoke(cli, ["analyze", "--out", str(tmp_path)])
        assert analysed.exit_code == 0, analysed.output
    result = build_views(tmp_path)
    scopes = json.loads((tmp_path / "analysis" / "scopes.json").read_text(encoding="utf-8"))
    assert len(result.views) == len(scopes) >= 3
    browser.open(result.index)
    for view in result.views:
        graph = nx.read_graphml(tmp_path / "analysis" / "graphs" / f"{view.scope_id}.graphml")
        browser.open(view.path)
        counts = view_ready(browser)
        assert (counts["nodes"], counts["edges"]) == (graph.number_of_nodes(), graph.number_of_edges()), view
    assert browser.errors == [] and browser.external_requests() == [] and browser.dialogs == []


def make_screenshots(out_dir: Path, img_dir: Path) -> list[Path]:
    """Screenshots of the dashboard and of the largest view of an output folder, taken by headless Chromium."""
    if CHROMIUM is None:
        raise SystemExit("Chromium not found")
    result = build_views(out_dir)
    view = max(result.views, key=lambda v: (v.scope_kind == "region", v.nodes_shown, v.scope_id))
    shots = [img_dir / "dashboard.png", img_dir / "view.png"]
    instance = Browser(CHROMIUM, width=1280, height=820)
    try:
        instance.open(result.index)
        instance.screenshot(shots[0], max_height=1400)
        instance.open(view.path)
        view_ready(instance)
        time.sleep(0.5)
        instance.screenshot(shots[1])
        problems = instance.errors + instance.external_requests()
    finally:
        instance.close()
    if problems:
        raise SystemExit(f"problems while taking screenshots: {problems}")
    return shots


def time_views(out_dir: Path) -> list[str]:
    """Build the views of an output folder and time, per page, the load and (views) the settled layout."""
    if CHROMIUM is None:
        raise SystemExit("Chromium not found")
    started = time.perf_counter()
    result = build_views(out_dir)
    lines = [f"build_views: {time.perf_counter() - started:.2f} s"]
    instance = Browser(CHROMIUM)
    try:
        for path in [result.index, *(view.path for view in result.views)]:
            started = time.perf_counter()
            instance.open(path)
            loaded = time.perf_counter() - started
            line = f"{path.name}: loaded {loaded:.2f} s"
            if path != result.index:
                counts = view_ready(instance)
                line += f", settled {time.perf_counter() - started:.2f} s ({counts['nodes']} nodes, {counts['edges']} edges)"
            lines.append(line)
        lines.append(f"console errors: {len(instance.errors)}, external requests: {len(instance.external_requests())}")
    finally:
        instance.close()
    return lines


USAGE = """usage: python tests/test_browser.py screenshots OUT_DIR IMG_DIR
       python tests/test_browser.py time OUT_DIR
       python tests/test_browser.py fixture OUT_DIR [UNITS LINKS]   (write a synthetic output folder)"""

if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "screenshots" and len(sys.argv) == 4:
        for shot in make_screenshots(Path(sys.argv[2]), Path(sys.argv[3])):
            print(shot)
    elif command == "time" and len(sys.argv) == 3:
        print("\n".join(time_views(Path(sys.argv[2]))))
    elif command == "fixture" and len(sys.argv) in (3, 5):
        if len(sys.argv) == 5:
            write_large_output(Path(sys.argv[2]), units=int(sys.argv[3]), edges=int(sys.argv[4]))
        else:
            write_output(Path(sys.argv[2]))
    else:
        raise SystemExit(USAGE)


@needs_chromium
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shipped corpus not found")
def test_dashboard_after_a_region_analysis_still_links_every_plan_view(tmp_path: Path, browser: Browser) -> None:
    from click.testing import CliRunner

    from graph.cli import cli

    runner = CliRunner()
    runner.invoke(cli, ["build", str(CORPUS), "--out", str(tmp_path), "--quiet"])
    assert runner.invoke(cli, ["analyze", "--out", str(tmp_path), "--scope", "region", "-q"]).exit_code == 0
    assert runner.invoke(cli, ["views", "--out", str(tmp_path), "-q"]).exit_code == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    browser.open(tmp_path / "index.html")
    rows = browser.evaluate("Array.from(document.querySelectorAll('#plan-table tbody tr'), r => "
                            "[r.cells[6].textContent, (r.querySelector('a') || {}).href || ''])")
    assert len(rows) == len(report["documents"]) == 5
    for overload, href in rows:
        assert href.startswith("file:") and overload.strip()
        browser.open(Path(urllib.parse.unquote(href[len("file://"):])))
        assert view_ready(browser)["nodes"] > 0
    words = sorted(overload for overload, _ in rows)
    assert "no lead marked (0 of 22 tasks)" in words and any(w.startswith("⚠ ") for w in words)
    assert browser.errors == [] and browser.external_requests() == []


@needs_chromium
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shipped corpus not found")
def test_all_regions_view_opens_on_the_heaviest_leads_and_shows_the_rest_on_demand(tmp_path: Path,
                                                                                  browser: Browser) -> None:
    from click.testing import CliRunner

    from graph.cli import cli

    CliRunner().invoke(cli, ["build", str(CORPUS), "--out", str(tmp_path), "--quiet"])
    browser.open(tmp_path / "views" / "all.html")
    counts = view_ready(browser)
    assert counts["nodes"] > 100 and 2 <= counts["drawn"] <= 30
    drawn = browser.evaluate("plankgView.network.body.nodeIndices.map(id => plankgView.nodes.get(id).label)")
    assert all(re.search(r"\((嘉善县|德清县|洞头区|西湖区|秀洲区)\)$", label) for label in drawn)
    browser.evaluate("(() => { const b = document.getElementById('show-all'); b.checked = true; "
                     "b.dispatchEvent(new Event('change')); })()")
    assert view_ready(browser)["drawn"] == counts["nodes"]
    assert browser.errors == []


@needs_chromium
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shipped corpus not found")
def test_serve_query_page_fills_a_library_query_s_parameters(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from graph import serve
    from graph.cli import cli

    CliRunner().invoke(cli, ["build", str(CORPUS), "--out", str(tmp_path), "--quiet", "--no-analysis"])
    server = serve.start_in_thread(tmp_path / "store", "127.0.0.1", 0)
    browser = Browser(CHROMIUM, allowed=(server.url + "/",))
    try:
        browser.open(server.url + "/")
        choose = ("(() => { const s = document.getElementById('library'); s.value = String(Array.from(s.options)"
                  ".findIndex(o => o.text.startsWith('{name} ')) - 1); s.dispatchEvent(new Event('change')); })()")
        run = "document.querySelector('#form button').click()"
        rows = "document.querySelectorAll('#results tr').length - 1"
        status = "document.getElementById('status').textContent"
        browser.evaluate(choose.replace("{name}", "unit-tasks"))
        fields = browser.evaluate("Array.from(document.querySelectorAll('#param-fields input'), i => i.name)")
        assert fields == ["param-unit", "param-region"]
        browser.evaluate(run)
        assert browser.evaluate(status).startswith("unit is required: the unit's name")
        browser.evaluate("(() => { document.querySelector('[name=param-unit]').value = '区农业农村局'; "
                         "document.querySelector('[name=param-region]').value = '洞头区'; })()")
        browser.evaluate(run)
        browser.wait_until("document.getElementById('status').textContent.indexOf('rows') !== -1")
        cells = browser.evaluate("Array.from(document.querySelectorAll('#results tr'), r => r.cells[0].textContent)")
        assert browser.evaluate(rows) >= 35 and set(cells[1:]) == {"洞头区"}
        browser.evaluate("(() => { document.querySelector('[name=param-unit]').value = '\\\" } ; DROP ALL ; {'; })()")
        browser.evaluate(run)
        browser.wait_until("document.getElementById('status').textContent.indexOf('rows') !== -1")
        assert browser.evaluate(status).startswith("0 rows")     # a hostile value is text, never SPARQL
        assert browser.errors == [] and browser.blocked == []
    finally:
        browser.close()
        server.shutdown()
        server.server_close()
