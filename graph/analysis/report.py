"""Readable reports: ``overload.md`` and the terminal table of top leads."""
from __future__ import annotations

from graph import markdown
from graph.analysis.overload import OverloadOptions

SECTION_TITLES = {"plan": "Plans", "region": "Regions (all plans of a region)", "all": "All regions"}


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _num(x) -> str:
    return "" if x is None else f"{x:.3f}"


def _first_listed_leads(res) -> str:
    """The top leads of the scope under the first-listed policy, in words ("" when not computed)."""
    alt = res.first_listed
    if not alt or not alt.tasks_with_lead:
        return ""
    best = sorted(alt.units.values(), key=lambda u: (-u.lead, u.label, u.node))[:5]
    names = ", ".join(f"{markdown.text(u.label)} ({u.lead} of {alt.tasks_with_lead} tasks, {_pct(u.lead_share)})"
                      for u in best if u.lead)
    return f" Under `--lead-policy first-listed` (first unit of each unmarked list leads) the top leads would be: {names}."


def no_lead_note(res) -> str:
    """What to say about a scope whose documents mark no lead unit, or few."""
    loads = res.loads
    if not loads.tasks_with_lead:
        text = (f"This scope marks **no lead units**: its {loads.tasks} tasks list "
                f"{loads.responsible_assignments} unit assignments with no role (responsible), so no unit can be "
                "flagged under the strict lead policy.")
    else:
        text = (f"Only **{loads.tasks_with_lead} of {loads.tasks} tasks {'marks' if loads.tasks_with_lead == 1 else 'mark'} a lead**; the others list units "
                f"with no role ({loads.responsible_assignments} assignments), so lead loads say little here.")
    return text + _first_listed_leads(res)


def scope_section(res, top: int) -> list[str]:
    """The Markdown of one scope: totals, overloaded units with reasons, and the top leads."""
    sc, loads = res.scope, res.loads
    lines = [f"### {markdown.text(sc.label)}", "",
             f"`{sc.id}` — {loads.tasks} tasks, {loads.tasks_with_lead} with a lead, "
             f"{loads.lead_assignments} lead assignments"
             + (f" ({loads.inferred_leads} inferred, first listed)" if loads.inferred_leads else "")
             + f", {len(loads.units)} {'function groups' if sc.level == 'function' else 'units'}.", ""]
    ranked = res.ranked()
    flagged = [n for n in ranked if res.overloads[n].overloaded]
    if res.first_listed is not None:
        lines += [no_lead_note(res), ""]
    if loads.tasks and not loads.tasks_with_lead:
        pass
    elif flagged:
        lines.append("**Overloaded lead departments:**")
        lines.append("")
        for i, node in enumerate(flagged, 1):
            label, reason = markdown.text(loads.units[node].label), markdown.text(res.overloads[node].reason)
            lines.append(f"{i}. **{label}** — {reason}")
        lines.append("")
    else:
        head = loads.units[ranked[0]] if ranked else None
        detail = (f" (most: {markdown.text(head.label)}, leads {head.lead} of {loads.tasks_with_lead} tasks with a lead, "
                  f"{_pct(head.lead_share)})") if head and head.lead else ""
        lines += [f"No lead department stands out{detail}.", ""]
    leads = [n for n in ranked if loads.units[n].lead][:top]
    if leads:
        lines += ["| # | unit | led | share | inferred | cooperating | responsible | total | targets "
                  "| betweenness | pagerank | overloaded |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for i, node in enumerate(leads, 1):
            u, c = loads.units[node], res.centralities.values[node]
            lines.append(f"| {i} | {markdown.cell(u.label)} | {u.lead} | {_pct(u.lead_share)} | {u.lead_inferred} "
                         f"| {u.cooperating} | {u.responsible} | {u.total} | {u.targets} "
                         f"| {_num(c.get('betweenness'))} | {_num(c.get('pagerank'))} "
                         f"| {'yes' if res.overloads[node].overloaded else ''} |")
        lines.append("")
    return lines


class OverloadReport:
    """overload.md gathered scope by scope (scopes come grouped by kind: plans, regions, all)."""

    def __init__(self, lead_policy: str, scopes: list, top: int = 10, options: OverloadOptions = OverloadOptions()):
        self.lead_policy, self.top, self.options = lead_policy, top, options
        self.plan_scope = {sc.plan: sc.id for sc in scopes if sc.kind == "plan"}
        self.body: list[str] = []
        self.kind = ""
        self.flagged = 0
        self.scopes = 0
        self.methods: dict[tuple, list[str]] = {}

    def add(self, res) -> tuple[int, str, list[tuple]]:
        """Add one scope's section; returns what :meth:`add_section` needs to add it again."""
        flagged = sum(1 for v in res.overloads.values() if v.overloaded)
        methods = sorted(res.centralities.methods.items())
        plans = {row.plan for row in res.scope.rows}
        only = self.plan_scope.get(next(iter(plans))) if res.scope.kind == "region" and len(plans) == 1 else None
        if only:
            section = "\n".join([f"### {markdown.text(res.scope.label)}", "",
                                  f"`{res.scope.id}` — the region's only plan: the same figures as `{only}` above.", ""])
        else:
            section = "\n".join(scope_section(res, self.top))
        self.add_section(res.scope.kind, flagged, section, methods, res.scope.id)
        return flagged, section, methods

    def add_section(self, kind: str, flagged: int, section: str, methods: list[tuple], scope_id: str) -> None:
        """Add a scope's section as rendered (under its kind's heading when it is the first of its kind)."""
        self.scopes += 1
        self.flagged += flagged
        self.methods.setdefault(tuple(methods), []).append(scope_id)
        if kind not in SECTION_TITLES:
            return
        if kind != self.kind:
            self.body.append("\n".join([f"## {SECTION_TITLES[kind]}", ""]))
            self.kind = kind
        self.body.append(section)


def overload_rule(options: OverloadOptions) -> str:
    """The overload rule in one sentence, with the thresholds in use."""
    return (f"A unit is flagged when it leads at least {options.min_lead} tasks and at least "
            f"{_pct(options.min_share)} of the scope's tasks that have a lead, and either leads at least "
            f"{_pct(options.share_threshold)} of them or leads far more than the typical unit (robust z-score, "
            f"the distance from the median in robust standard deviations, at least {options.z_threshold:g}).")


def overload_markdown_text(report: OverloadReport) -> str:
    """The text of overload.md from a filled ``OverloadReport``."""
    options = report.options
    lines = ["# Overloaded lead departments", "",
             f"Lead policy: **{report.lead_policy}**"
             + (" (leads inferred from the first-listed unit are counted and marked)"
                if report.lead_policy == "first-listed" else " (only leads the documents mark)") + ".",
             overload_rule(options),
             "Tasks counted: those that name at least one unit; shares are of the tasks that name a lead.",
             "Workload = task counts; betweenness and closeness use distance = 1 / shared tasks on the "
             "co-assignment graph; PageRank runs on the collaboration graph turned towards the leads.", ""]
    lines += [f"**{report.flagged} overloaded** (unit, scope) pairs in {report.scopes} scopes.", ""]
    lines += report.body
    lines += ["## How the measures were computed", ""]
    for methods, ids in report.methods.items():
        lines.append(f"Scopes {', '.join(f'`{i}`' for i in ids)}:")
        lines.append("")
        lines += [f"- {name}: {how}" for name, how in methods]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def terminal_table(result, top: int = 10) -> str:
    """Plain-text ranked table of the top leads of each scope, overloaded ones marked ``!``."""
    out = []
    for res in result.scopes:
        loads = res.loads
        out.append(f"{res.scope.id}  {res.scope.label}  ({loads.tasks} tasks, {loads.tasks_with_lead} with a lead)")
        leads = [n for n in res.ranked() if loads.units[n].lead][:top]
        if not leads:
            out.append("   no marked leads" + (" (try --lead-policy first-listed)" if loads.tasks else ""))
        for i, node in enumerate(leads, 1):
            u = loads.units[node]
            mark = "!" if res.overloads[node].overloaded else " "
            inferred = f", {u.lead_inferred} inferred" if u.lead_inferred else ""
            out.append(f" {mark}{i:>2}. {u.label}  led {u.lead} ({_pct(u.lead_share)}{inferred})  coop {u.cooperating}"
                       f"  resp {u.responsible}  total {u.total}"
                       + (f"  — {res.overloads[node].reason}" if res.overloads[node].overloaded else ""))
        out.append("")
    return "\n".join(out)
