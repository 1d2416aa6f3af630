"""The dashboard (DIR/index.html): plans, a sortable table of units by lead load, the heaviest leads, links to views."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from graph.views.html import asset, esc, inline_script, inline_style, number, render
from graph.views.inputs import Plan, Scope, as_flag, as_number, as_text
from graph.views.network_page import OVERLOAD_COLOUR, SCOPE_KIND_NAMES

MAX_TABLE_ROWS_PER_SCOPE = 300
MAX_BARS = 15
BAR_COLOUR = "#4e79a7"


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


def unit_rows(rows: tuple[dict[str, Any], ...]) -> list[UnitRow]:
    """Typed rows, heaviest lead load first (then name, scope: deterministic)."""
    typed = [UnitRow(scope=as_text(row.get("scope")), unit=as_text(row.get("unit")), region=as_text(row.get("region")),
                     kind=as_text(row.get("kind")), lead=as_number(row.get("lead")),
                     lead_share=as_number(row.get("lead_share")), cooperating=as_number(row.get("cooperating")),
                     responsible=as_number(row.get("responsible")), total=as_number(row.get("total")),
                     betweenness=as_number(row.get("betweenness")), pagerank=as_number(row.get("pagerank")),
                     overloaded=as_flag(row.get("overloaded")), reason=as_text(row.get("reason")))
             for row in rows]
    return sorted(typed, key=lambda r: (-r.lead, -r.total, r.unit, r.region, r.scope))


def plan_view(plan: Plan, views: list[ViewLink]) -> ViewLink | None:
    """The view of a plan's scope: matched by plan IRI, then document name, then title."""
    plan_views = [view for view in views if view.scope.kind == "plan"]
    for matches in (lambda s: plan.plan_iri and s.plan_iri == plan.plan_iri,
                    lambda s: plan.doc and s.doc == plan.doc,
                    lambda s: s.label == plan.title):
        found = [view for view in plan_views if matches(view.scope)]
        if len(found) == 1:
            return found[0]
    return None


def _period(plan: Plan) -> str:
    if plan.period_start and plan.period_end and plan.period_start != plan.period_end:
        return f"{plan.period_start}–{plan.period_end}"
    return plan.period_start or plan.period_end


def plans_table(plans: tuple[Plan, ...], views: list[ViewLink]) -> str:
    """Rows of the plans table."""
    rows = []
    for plan in plans:
        view = plan_view(plan, views)
        link = f'<a href="{esc(view.href)}">view</a>' if view else '<span class="note">no view</span>'
        flagged = f'<span class="warn">⚠ {esc("、".join(view.overloaded))}</span>' if view and view.overloaded else ""
        rows.append(f"<tr><td>{esc(plan.title)}</td><td>{esc(plan.region)}</td>"
                    f'<td class="nowrap">{esc(_period(plan))}</td>'
                    f'<td class="num">{plan.tasks}</td><td class="num">{plan.units}</td><td>{flagged}</td>'
                    f"<td>{link}</td></tr>")
    return "\n".join(rows) or '<tr><td colspan="7" class="note">No plans in report.json.</td></tr>'


def views_list(views: list[ViewLink]) -> str:
    """Links to every view, grouped by kind of scope."""
    groups = []
    for kind in ("plan", "region", "all", *sorted({v.scope.kind for v in views} - {"plan", "region", "all"})):
        members = [view for view in views if view.scope.kind == kind]
        if not members:
            continue
        items = []
        for view in members:
            part = "" if (view.nodes_shown, view.edges_shown) == (view.total_nodes, view.total_edges) else \
                f" — top {view.nodes_shown} of {view.total_nodes} units, {view.edges_shown} of {view.total_edges} links shown"
            flagged = f", {len(view.overloaded)} overloaded" if view.overloaded else ""
            items.append(f'<li><a href="{esc(view.href)}">{esc(view.scope.label)}</a> '
                         f'<span class="note">({view.total_nodes} units, {view.total_edges} links{flagged}'
                         f'{esc(part)})</span></li>')
        groups.append(f"<h3>{esc(SCOPE_KIND_NAMES.get(kind, kind))}</h3>\n<ul>\n" + "\n".join(items) + "\n</ul>")
    return "\n".join(groups) or '<p class="note">No views (analysis/scopes.json lists no scope).</p>'


def chart_scope(scopes: tuple[Scope, ...], rows: list[UnitRow]) -> Scope | None:
    """The scope the bar chart shows: all regions if analysed, else the scope with the most units."""
    present = {row.scope for row in rows}
    candidates = [scope for scope in scopes if scope.id in present]
    for scope in candidates:
        if scope.kind == "all":
            return scope
    if not candidates:
        return None
    return max(candidates, key=lambda s: (sum(1 for row in rows if row.scope == s.id), s.id))


def bar_chart(rows: list[UnitRow], scope: Scope | None) -> str:
    """An inline SVG bar chart of the heaviest leads of a scope; overloaded bars in red with ⚠."""
    if scope is None:
        return '<p class="note">No units to chart.</p>'
    top = [row for row in rows if row.scope == scope.id and row.lead > 0][:MAX_BARS]
    if not top:
        return '<p class="note">No unit leads a task in this scope.</p>'
    label_width, bar_width, row_height = 250, 420, 24
    height = row_height * len(top) + 8
    peak = top[0].lead
    parts = [f'<svg class="bars" role="img" aria-label="heaviest leads" width="{label_width + bar_width + 80}" '
             f'height="{height}" viewBox="0 0 {label_width + bar_width + 80} {height}" xmlns="http://www.w3.org/2000/svg">']
    for index, row in enumerate(top):
        y = 4 + index * row_height
        width = max(1.0, round(bar_width * row.lead / peak, 1))
        name = ("⚠ " if row.overloaded else "") + row.unit + (f"（{row.region}）" if row.region else "")
        shown = name if len(name) <= 22 else name[:21] + "…"
        colour = OVERLOAD_COLOUR if row.overloaded else BAR_COLOUR
        tip = f"{name}: leads {number(row.lead)} tasks" + (f" — overloaded: {row.reason}" if row.overloaded else "")
        parts.append(f'<g><title>{esc(tip)}</title>'
                     f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{esc(shown)}</text>'
                     f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row_height - 8}" fill="{colour}"/>'
                     f'<text x="{label_width + width + 6}" y="{y + 16}">{esc(number(row.lead))}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts)


def units_table(rows: list[UnitRow], scopes: tuple[Scope, ...]) -> tuple[str, str, str]:
    """Rows of the units table (top rows of each scope), the scope options, and a note on rows left out."""
    labels = {scope.id: scope.label for scope in scopes}
    order = {scope.id: index for index, scope in enumerate(scopes)}
    shown: dict[str, int] = {}
    body, left_out = [], 0
    for row in rows:
        if shown.get(row.scope, 0) >= MAX_TABLE_ROWS_PER_SCOPE:
            left_out += 1
            continue
        shown[row.scope] = shown.get(row.scope, 0) + 1
        flag = (f'<span class="warn">⚠ {esc(row.reason or "overloaded")}</span>' if row.overloaded else "")
        cells = [
            (row.unit, esc(row.unit)), (row.region, esc(row.region)), (row.kind, esc(row.kind)),
            (row.lead, esc(number(row.lead))), (row.lead_share, f"{row.lead_share:.0%}"),
            (row.cooperating, esc(number(row.cooperating))), (row.responsible, esc(number(row.responsible))),
            (row.total, esc(number(row.total))), (row.betweenness, f"{row.betweenness:.3f}"),
            (row.pagerank, f"{row.pagerank:.3f}"), (int(row.overloaded), flag),
        ]
        tds = "".join(
            f'<td class="num" data-value="{value}">{text}</td>' if isinstance(value, (int, float))
            else f"<td>{text}</td>" for value, text in cells)
        body.append(f'<tr data-scope="{esc(row.scope)}" class="{"overloaded" if row.overloaded else ""}">{tds}</tr>')
    scope_ids = sorted(shown, key=lambda scope_id: (order.get(scope_id, len(order)), scope_id))
    default = next((s for s in scope_ids if any(sc.id == s and sc.kind == "all" for sc in scopes)),
                   scope_ids[0] if scope_ids else "")
    options = "\n".join(f'<option value="{esc(scope_id)}"{" selected" if scope_id == default else ""}>'
                        f'{esc(labels.get(scope_id, scope_id))}</option>' for scope_id in scope_ids)
    note = (f"Each scope lists its {MAX_TABLE_ROWS_PER_SCOPE} heaviest leads; {left_out} more rows are in "
            f"analysis/units.csv." if left_out else "")
    return "\n".join(body), options, note


def render_dashboard(plans: tuple[Plan, ...], scopes: tuple[Scope, ...], rows: tuple[dict[str, Any], ...],
                     views: list[ViewLink]) -> str:
    """The complete, self-contained dashboard page."""
    typed = unit_rows(rows)
    chart = chart_scope(scopes, typed)
    body, options, note = units_table(typed, scopes)
    overloaded = sum(1 for row in typed if row.overloaded and chart and row.scope == chart.id)
    return render(
        "dashboard.html",
        plan_count=str(len(plans)),
        view_count=str(len(views)),
        overloaded_count=str(overloaded),
        chart_scope=esc(chart.label if chart else "—"),
        plans=plans_table(plans, views),
        views=views_list(views),
        chart=bar_chart(typed, chart),
        scope_options=options,
        unit_rows=body or '<tr><td colspan="11" class="note">analysis/units.json lists no unit.</td></tr>',
        table_note=esc(note),
        page_css=inline_style(asset("dashboard.css")),
        page_js=inline_script(asset("dashboard.js")),
    )


def view_href(file_name: str) -> str:
    """The dashboard's link to a view file in views/ (percent-encoded, so CJK names work as URLs)."""
    return "views/" + quote(file_name)
