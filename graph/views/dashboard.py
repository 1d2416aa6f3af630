"""The dashboard (DIR/index.html): plans (filterable), a sortable table of units by lead load, the heaviest leads, links to views."""
from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import escape

from graph.views.html import Markup, asset, inline_script, inline_style, number, render
from graph.views.inputs import Plan, Scope, as_flag, as_number, as_text
from graph.views.network_page import OVERLOAD_COLOUR, SCOPE_KIND_NAMES

MAX_TABLE_ROWS_PER_SCOPE = 300
MAX_PLAN_SCOPES_IN_TABLE = 50
MAX_BARS = 15
BAR_COLOUR = "#4e79a7"
NO_REGION = "(no region)"     # the region filter's value for plans without a region ("" is every region)


@dataclass(frozen=True)
class ViewLink:
    """A built view as the dashboard lists it."""

    scope: Scope
    href: str            # relative to DIR, percent-encoded
    nodes_shown: int
    edges_shown: int
    total_nodes: int
    total_edges: int
    overloaded: tuple[str, ...] = ()     # names of the scope's overloaded units, heaviest lead first


@dataclass(frozen=True)
class UnitRow:
    """A row of units.json with the fields the dashboard shows."""

    scope: str
    unit: str
    region: str
    kind: str
    lead: float
    lead_share: float
    cooperating: float
    responsible: float
    total: float
    betweenness: float
    pagerank: float
    overloaded: bool
    reason: str


def unit_row(row: dict[str, Any]) -> UnitRow:
    """The dashboard's fields of a units.json row."""
    return UnitRow(scope=as_text(row.get("scope")), unit=as_text(row.get("unit")), region=as_text(row.get("region")),
                   kind=as_text(row.get("kind")), lead=as_number(row.get("lead")),
                   lead_share=as_number(row.get("lead_share")), cooperating=as_number(row.get("cooperating")),
                   responsible=as_number(row.get("responsible")), total=as_number(row.get("total")),
                   betweenness=as_number(row.get("betweenness")), pagerank=as_number(row.get("pagerank")),
                   overloaded=as_flag(row.get("overloaded")), reason=as_text(row.get("reason")))


def unit_row_html(row: UnitRow) -> Markup:
    """A row of the dashboard's units table: its text escaped (its numbers, written by Python, need no escaping)."""
    values = (row.lead, row.lead_share, row.cooperating, row.responsible, row.total, row.betweenness, row.pagerank)
    shown = (number(row.lead), f"{row.lead_share:.0%}", number(row.cooperating), number(row.responsible),
             number(row.total), f"{row.betweenness:.3f}", f"{row.pagerank:.3f}")
    cells = "".join(f'<td class="num" data-value="{value}">{text}</td>' for value, text in zip(values, shown))
    warning = f'<span class="warn">⚠ {escape(row.reason or "overloaded")}</span>' if row.overloaded else ""
    return Markup(f'<tr data-scope="{escape(row.scope)}" class="{"overloaded" if row.overloaded else ""}">'
                  f'<td>{escape(row.unit)}</td><td>{escape(row.region)}</td><td>{escape(row.kind)}</td>{cells}'
                  f'<td class="num" data-value="{int(row.overloaded)}">{warning}</td></tr>')


def row_rank(row: UnitRow) -> tuple:
    """Sort key of the units table: heaviest lead load first (then total, name, region, scope: deterministic)."""
    return (-row.lead, -row.total, row.unit, row.region, row.scope)


def json_row_rank(row: dict[str, Any]) -> tuple:
    """:func:`row_rank` of a units.json row, without making its ``UnitRow``."""
    return (-as_number(row.get("lead")), -as_number(row.get("total")), as_text(row.get("unit")),
            as_text(row.get("region")), as_text(row.get("scope")))


class UnitTable:
    """The units table of the dashboard, collected one units.json row at a time.

    Keeps the ``MAX_TABLE_ROWS_PER_SCOPE`` heaviest leads of each scope it lists. Plan
    scopes are listed while there are at most ``MAX_PLAN_SCOPES_IN_TABLE`` of them; past
    that the page would hold every plan's units, so only region and all-regions scopes are.
    """

    def __init__(self, scopes: tuple[Scope, ...]) -> None:
        plan_ids = {scope.id for scope in scopes if scope.kind == "plan"}
        self.unlisted = plan_ids if len(plan_ids) > MAX_PLAN_SCOPES_IN_TABLE else set()
        self.kept: dict[str, list[UnitRow]] = {}
        self.counts: dict[str, int] = {}
        self.overloaded: dict[str, int] = {}
        self.unlisted_rows = 0

    def add(self, row: dict[str, Any]) -> None:
        """Take one units.json row."""
        scope = as_text(row.get("scope"))
        if scope in self.unlisted:
            self.unlisted_rows += 1
            return
        typed = unit_row(row)
        self.counts[scope] = self.counts.get(scope, 0) + 1
        if typed.overloaded:
            self.overloaded[scope] = self.overloaded.get(scope, 0) + 1
        kept = self.kept.setdefault(scope, [])
        kept.append(typed)
        if len(kept) >= 2 * MAX_TABLE_ROWS_PER_SCOPE:
            kept.sort(key=row_rank)
            del kept[MAX_TABLE_ROWS_PER_SCOPE:]

    def add_summary(self, scope: str, rows: int, overloaded: int, kept: list[UnitRow]) -> None:
        """Take a scope's rows at once: their number, how many are overloaded and the heaviest leads
        (as ``add`` row by row would keep them)."""
        if scope in self.unlisted:
            self.unlisted_rows += rows
            return
        if rows:
            self.counts[scope] = rows
            self.kept[scope] = list(kept)
        if overloaded:
            self.overloaded[scope] = overloaded

    def rows(self) -> list[UnitRow]:
        """The rows the table shows, heaviest lead first."""
        shown = [row for kept in self.kept.values() for row in sorted(kept, key=row_rank)[:MAX_TABLE_ROWS_PER_SCOPE]]
        return sorted(shown, key=row_rank)

    @property
    def rows_left_out(self) -> int:
        """Rows of listed scopes past the per-scope limit."""
        return sum(max(0, count - MAX_TABLE_ROWS_PER_SCOPE) for count in self.counts.values())


class PlanViews:
    """Finds the view of a plan's scope: by plan IRI, then document name, then title (each must be unique)."""

    def __init__(self, views: list[ViewLink]) -> None:
        self.by: tuple[dict[str, list[ViewLink]], ...] = ({}, {}, {})
        for view in views:
            if view.scope.kind != "plan":
                continue
            for index, key in enumerate((view.scope.plan_iri, view.scope.doc, view.scope.label)):
                self.by[index].setdefault(key, []).append(view)

    def find(self, plan: Plan) -> ViewLink | None:
        """The plan's view, or None when no scope matches it unambiguously."""
        for index, key in enumerate((plan.plan_iri, plan.doc, plan.title)):
            if index < 2 and not key:
                continue
            found = self.by[index].get(key, [])
            if len(found) == 1:
                return found[0]
        return None


def _period(plan: Plan) -> str:
    if plan.period_start and plan.period_end and plan.period_start != plan.period_end:
        return f"{plan.period_start}–{plan.period_end}"
    return plan.period_start or plan.period_end


@dataclass(frozen=True)
class PlanRow:
    """A row of the plans table."""

    plan: Plan
    period: str
    view: ViewLink | None
    note: str             # the view's partial-view notice
    counted: str          # "analysed / with a lead", empty without a view
    overload_class: str   # warn or note
    overload: str


def plans_table(plans: tuple[Plan, ...], views: list[ViewLink]) -> tuple[list[PlanRow], set[str]]:
    """Rows of the plans table, and the hrefs of the views they link."""
    finder = PlanViews(views)
    rows, linked = [], set()
    for plan in plans:
        view = finder.find(plan)
        if view:
            linked.add(view.href)
        css, words = overload_cell(view)
        rows.append(PlanRow(plan=plan, period=_period(plan), view=view, note=partial_note(view) if view else "",
                            counted=f"{view.scope.tasks} / {view.scope.tasks_with_lead}" if view else "",
                            overload_class=css, overload=words))
    return rows, linked


def overload_cell(view: ViewLink | None) -> tuple[str, str]:
    """The plans table's word on overload, with its style: who, or why nobody (no lead marked, few marked, none stands out)."""
    if view is None:
        return "note", "not analysed"
    if view.overloaded:
        return "warn", "⚠ " + "、".join(view.overloaded)
    tasks, led = view.scope.tasks, view.scope.tasks_with_lead
    if not led:
        return "note", f"no lead marked (0 of {tasks} tasks)"
    few = f"lead marked on {led} of {tasks} tasks; " if led < tasks / 2 else ""
    return "note", f"{few}none overloaded"


def partial_note(view: ViewLink) -> str:
    """The notice of a view that draws part of its scope (empty when it draws all of it)."""
    if (view.nodes_shown, view.edges_shown) == (view.total_nodes, view.total_edges):
        return ""
    return (f" — top {view.nodes_shown} of {view.total_nodes} units, {view.edges_shown} of {view.total_edges} "
            f"links shown")


def region_options(plans: tuple[Plan, ...]) -> list[tuple[str, int]]:
    """Options of the plans table's region filter: every region with its number of plans (plans without one
    under :data:`NO_REGION`, which the page's script matches to rows with an empty ``data-region``)."""
    counts: dict[str, int] = {}
    for plan in plans:
        counts[plan.region] = counts.get(plan.region, 0) + 1
    return [(region or NO_REGION, count) for region, count in sorted(counts.items())]


@dataclass(frozen=True)
class ViewGroup:
    """The views of one kind of scope as the dashboard lists them."""

    title: str
    linked: int                             # views of the group the plans table links already
    items: list[tuple[ViewLink, str]]       # the others, each with its partial-view notice


def views_list(views: list[ViewLink], linked: Container[str] = frozenset()) -> list[ViewGroup]:
    """Every view grouped by kind of scope; plan views the plans table links are counted, not repeated."""
    groups = []
    for kind in ("plan", "region", "all", *sorted({v.scope.kind for v in views} - {"plan", "region", "all"})):
        members = [view for view in views if view.scope.kind == kind]
        if not members:
            continue
        unlisted = [(view, partial_note(view)) for view in members if view.href not in linked]
        groups.append(ViewGroup(title=SCOPE_KIND_NAMES.get(kind, kind), linked=len(members) - len(unlisted),
                                items=unlisted))
    return groups


def chart_scope(scopes: tuple[Scope, ...], counts: dict[str, int]) -> Scope | None:
    """The scope the bar chart shows: all regions if analysed, else the listed scope with the most units."""
    candidates = [scope for scope in scopes if counts.get(scope.id)]
    for scope in candidates:
        if scope.kind == "all":
            return scope
    if not candidates:
        return None
    return max(candidates, key=lambda s: (counts[s.id], s.id))


@dataclass(frozen=True)
class Bar:
    """A bar of the chart of heaviest leads, with its geometry."""

    tip: str
    shown: str
    value: str
    colour: str
    y: int
    width: float
    height: int
    label_x: int
    value_x: float
    text_y: int


@dataclass(frozen=True)
class Chart:
    """The chart of heaviest leads: its bars, or why it has none."""

    bars: list[Bar]
    empty: str = ""
    label_width: int = 250
    width: int = 0
    height: int = 0


def bar_chart(rows: list[UnitRow], scope: Scope | None) -> Chart:
    """An inline SVG bar chart of the heaviest leads of a scope; overloaded bars in red with ⚠."""
    if scope is None:
        return Chart(bars=[], empty="No units to chart.")
    top = [row for row in rows if row.scope == scope.id and row.lead > 0][:MAX_BARS]
    if not top:
        return Chart(bars=[], empty="No unit leads a task in this scope.")
    label_width, bar_width, row_height = 250, 420, 24
    bars = []
    for index, row in enumerate(top):
        y = 4 + index * row_height
        width = max(1.0, round(bar_width * row.lead / top[0].lead, 1))
        place = f"（{row.region}）" if row.region and not row.unit.endswith(f"({row.region})") else ""
        name = ("⚠ " if row.overloaded else "") + row.unit + place
        tip = f"{name}: leads {number(row.lead)} tasks" + (f" — overloaded: {row.reason}" if row.overloaded else "")
        bars.append(Bar(tip=tip, shown=name if len(name) <= 22 else name[:21] + "…", value=number(row.lead),
                        colour=OVERLOAD_COLOUR if row.overloaded else BAR_COLOUR, y=y + 3, width=width,
                        height=row_height - 8, label_x=label_width - 6, value_x=label_width + width + 6, text_y=y + 16))
    return Chart(bars=bars, label_width=label_width, width=label_width + bar_width + 80,
                 height=row_height * len(top) + 8)


def scope_options(rows: list[UnitRow], scopes: tuple[Scope, ...]) -> tuple[list[tuple[str, str]], str]:
    """The units table's scope filter: (scope id, label) of every scope with rows, in the scopes' order, and
    the one selected at first (all regions when listed)."""
    labels = {scope.id: scope.label for scope in scopes}
    order = {scope.id: index for index, scope in enumerate(scopes)}
    all_ids = {scope.id for scope in scopes if scope.kind == "all"}
    scope_ids = sorted({row.scope for row in rows}, key=lambda scope_id: (order.get(scope_id, len(order)), scope_id))
    default = next((s for s in scope_ids if s in all_ids), scope_ids[0] if scope_ids else "")
    return [(scope_id, labels.get(scope_id, scope_id)) for scope_id in scope_ids], default


def table_note(table: UnitTable) -> str:
    """The note under the units table on the rows it leaves out."""
    notes = []
    if table.rows_left_out:
        notes.append(f"Each scope lists its {MAX_TABLE_ROWS_PER_SCOPE} heaviest leads; {table.rows_left_out} more "
                     f"rows are in analysis/units.csv.")
    if table.unlisted:
        notes.append(f"The {len(table.unlisted)} plan scopes are not listed (more than {MAX_PLAN_SCOPES_IN_TABLE}); "
                     f"a plan's units are in its view (hover a unit) and in analysis/units.csv "
                     f"({table.unlisted_rows} rows).")
    return " ".join(notes)


def render_dashboard(plans: tuple[Plan, ...], scopes: tuple[Scope, ...], table: UnitTable,
                     views: list[ViewLink]) -> str:
    """The complete, self-contained dashboard page."""
    rows = table.rows()
    chart = chart_scope(scopes, table.counts)
    options, default_scope = scope_options(rows, scopes)
    plan_rows, linked = plans_table(plans, views)
    return render(
        "dashboard.html",
        plan_count=len(plans),
        view_count=len(views),
        overloaded_count=table.overloaded.get(chart.id, 0) if chart else 0,
        chart_scope=chart.label if chart else "—",
        plan_rows=plan_rows,
        regions=region_options(plans),
        no_region=NO_REGION,
        view_groups=views_list(views, linked),
        chart=bar_chart(rows, chart),
        scope_options=options,
        default_scope=default_scope,
        unit_rows=[unit_row_html(row) for row in rows],
        table_note=table_note(table),
        page_css=Markup(inline_style(asset("dashboard.css"))),
        page_js=Markup(inline_script(asset("dashboard.js"))),
    )


def view_href(file_name: str) -> str:
    """The dashboard's link to a view file in views/ (percent-encoded, so CJK names work as URLs)."""
    return "views/" + quote(file_name)
