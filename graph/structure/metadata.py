"""A plan's metadata from its lines: title, document number, issue date, issuer, period, region,
cited documents.

In: the document's text and :class:`graph.structure.lines.Line` records. Out: plain values for
:class:`graph.records.PlanMeta`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from graph import regions
from graph import units as U
from graph.structure.lines import CITED_TITLE, DATE_CN, DATE_ISO, DOC_NUMBER, DOC_NUMBER_YEAR, ISSUER_CODE, Line, PERIOD, PLAN_WORDS, REGION, STOP_LINE, match_heading


def find_title(lines: list[Line]) -> tuple[str, int, int]:
    """The plan's title and the line indexes it spans (not the covering notice's title)."""
    cited = ""
    for ln in lines[:80]:
        t = ln.folded.replace(" ", "")
        m = re.search(r"关于印发(?:《(.+?)》|(.+?))的?(?:通知|的通知)$", t) or re.search(r"(?:现将|^)《(.+?)》(?:已经|印发|予以|经)", t)
        if m:
            cited = next(g for g in m.groups() if g)
            break
    # a standalone line (or run of short lines) that reads as the plan's title
    for i, ln in enumerate(lines):
        t = ln.folded.replace(" ", "")
        if not t or len(t) > 80 or "。" in t:
            continue
        if cited and t and cited.startswith(t) and len(t) >= min(8, len(cited)):
            j, acc = i, t
            while acc != cited and j + 1 < len(lines):
                nxt = next((k for k in range(j + 1, min(j + 4, len(lines))) if lines[k].folded.strip()), None)
                if nxt is None or not cited.startswith(acc + lines[nxt].folded.replace(" ", "")):
                    break
                j, acc = nxt, acc + lines[nxt].folded.replace(" ", "")
            if acc == cited and not re.search(r"关于印发|通知$|^附件", t):
                return restore_title(cited, lines[i:j + 1]), i, j
    first_heading = next((ln.index for ln in lines if match_heading(ln) and match_heading(ln).style in ("cn", "chapter")), len(lines))
    for i in range(first_heading - 1, -1, -1):
        t = lines[i].folded.replace(" ", "")
        if t and len(t) <= 80 and "。" not in t and (t.endswith(PLAN_WORDS) or re.search(r"(方案|计划|要点|意见|规划)\(?\d{4}", t)) \
                and not re.search(r"关于印发|通知$|^附件|^根据|^为", t):
            j = i
            while j + 1 < len(lines) and re.fullmatch(r"\((?:19|20)\d{2}.{0,8}\)", lines[j + 1].folded.replace(" ", "")):
                j += 1
            start = i
            while start - 1 >= 0 and lines[start - 1].folded and len(lines[start - 1].folded) <= 30 \
                    and not STOP_LINE.match(lines[start - 1].folded) \
                    and "。" not in lines[start - 1].folded and not re.search(r"[::]|通知|日$|^\d", lines[start - 1].folded) \
                    and not lines[start - 1].folded.endswith(PLAN_WORDS):
                start -= 1
                if i - start >= 2:
                    break
            return "".join(l.text.replace(" ", "") for l in lines[start:j + 1]), start, j
    if cited:
        return cited, -1, -1
    return "", -1, -1


def restore_title(folded: str, span: list[Line]) -> str:
    """The printed form of a title found in folded, space-free text."""
    printed = "".join(l.text.replace(" ", "").replace("\u00a0", "") for l in span)
    return printed if len(printed) == len(folded) else folded


DOC_NUMBER_LABEL = re.compile(r"(?:文号|文件编号|发文字号|发文编号)\s*[::|]?\s*\|?\s*(\S+?〔?\S*号)")
SIGNATURE_DATE = re.compile(r"^[ \t\u00a0]*(?:.{2,40}?[ \t\u00a0]*)??((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                            r"(?:[ \t\u00a0]*印发)?[ \t\u00a0]*$", re.M)
WRITTEN_DATE = re.compile(r"成文日期[^\n]*?\n?[^\n]*?(?:" + DATE_ISO.pattern + "|" + DATE_CN.pattern + ")")
PUBLISHED_DATE = re.compile(r"(?:发文时间|发布日期|公布日期|发布时间)[^\n]*?(?:" + DATE_ISO.pattern + "|" + DATE_CN.pattern + ")")


def find_doc_number(text: str) -> str:
    """The plan's own document number (``德政办发〔2023〕18号``), not one it cites."""
    m = DOC_NUMBER_LABEL.search(text)
    if m and DOC_NUMBER.search(m.group(1)):
        return DOC_NUMBER.search(m.group(1)).group(1).replace(" ", "")
    for start, number in doc_numbers(text):
        before = text[max(0, start - 2): start]
        if "》" in before or before[-1:] in ("(", "("):
            continue
        return number
    return ""


def number_printed_at_head(doc_number: str, lines: list[Line], head_lines: int) -> bool:
    """Whether the plan's document number is printed as its own among its first ``head_lines`` lines: alone on a
    line or after a label (``发布文号: 豫政办[2007]14号``); one printed elsewhere may be cited."""
    for ln in lines[:head_lines]:
        printed = re.sub(r"\s", "", ln.text)
        if doc_number and printed.endswith(doc_number) and printed[:-len(doc_number)][-1:] in ("", ":", "："):
            return True
    return False


def doc_numbers(text: str) -> Iterator[tuple[int, str]]:
    """Document numbers (``德政办发〔2023〕18号``) in ``text`` with their offsets: the bracketed
    year is found first, then the issuer's code before it."""
    for m in DOC_NUMBER_YEAR.finditer(text):
        code = ISSUER_CODE.search(text, max(0, m.start() - 12), m.start())
        if code:
            yield code.start(), (code.group(0) + m.group(0)).replace(" ", "")


def signature_line(text: str, lines: list[Line]) -> int:
    """Index of the signature date line (``2023年4月10日`` alone on its line, or after the issuer), or -1."""
    for m in SIGNATURE_DATE.finditer(text):
        line = next((ln.index for ln in lines if ln.start <= m.start(1) <= ln.end), -1)
        if line < 0:
            continue
        printed = lines[line].text.replace(" ", "")
        if DATE_CN.fullmatch(printed) or printed.endswith("印发"):
            return line
    return -1


def find_issue_date(text: str, lines: list[Line], signed: int) -> str:
    """ISO issue date: the 成文日期 field, else the signature date, else a published date."""
    m = WRITTEN_DATE.search(text)
    if m:
        return iso_of_groups(m.groups())
    if signed >= 0:
        return iso_of_groups(DATE_CN.search(lines[signed].text.replace(" ", "")).groups())
    m = PUBLISHED_DATE.search(text, 0, lines[min(29, len(lines) - 1)].end if lines else 0)
    return iso_of_groups(m.groups()) if m else ""


def iso_of_groups(groups: tuple) -> str:
    """ISO date from the first three non-empty groups of a match."""
    y, mo, d = (int(g) for g in [g for g in groups if g][:3])
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_issuer(lines: list[Line], date_line: int) -> str:
    """The issuing body: the signature above the date line, else a labelled field."""
    if date_line > 0:
        for ln in reversed(lines[max(0, date_line - 8): date_line]):
            t = ln.text.strip()
            if not t or re.fullmatch(r"[((].*代章[))]", t):
                continue
            if len(t) <= 40 and U.unit_shape(U.fold(t)) == 2:
                return t
            break
    for ln in lines[:40]:
        m = re.search(r"(?:发布机构|发文机关|信息来源|发布单位|来源)\s*[::]\s*\|?\s*([^|\s]+)", ln.text)
        if m and U.unit_shape(U.fold(m.group(1))):
            return m.group(1)
    return ""


def find_period(title: str, text: str, issued: str) -> tuple[int | None, int | None]:
    """The plan period: ``(2023—2027年)`` in the title, else its year, else the years it targets."""
    t = U.fold(title)
    m = PERIOD.search(t)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"((?:19|20)\d{2})\s*年", t)
    if m:
        return int(m.group(1)), int(m.group(1))
    targets = [int(y) for y in re.findall(r"到\s*((?:19|20)\d{2})\s*年", text)]
    start = int(issued[:4]) if issued else (min(targets) if targets else None)
    end = max(targets) if targets else start
    if start and end and end < start:
        end = start
    return start, end


UNIT_LEVELS = (("自治区", "province"), ("省", "province"), ("市", "city"), ("州", "city"), ("盟", "city"),
               ("县", "county"), ("区", "county"), ("旗", "county"))


def units_level(names: Sequence[str]) -> str | None:
    """The level of government most of a plan's units are named at by their first word (``省发展改革委``
    province, ``市商务局`` city, ``县司法局`` county), when two or more are and one level stands out."""
    counts: dict[str, int] = {}
    for name in names:
        level = next((lv for prefix, lv in UNIT_LEVELS if name.startswith(prefix)), None)
        if level:
            counts[level] = counts.get(level, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def find_region(title: str, issuer: str, head: str = "", tail: str = "", more: str = "",
                doc_number: str = "") -> tuple[str, str]:
    """The plan's region and the division above it (:mod:`graph.regions`), from its title, its
    issuer, the province its own document number names (:func:`graph.regions.province_of_number`),
    then its first lines (page furniture, covering notice), its last (signature) and then ``more``
    lines from the start; a name the gazetteer does not know, printed at the start of the title or
    issuer, as printed."""
    if regions.is_national(issuer, title):
        return "", ""
    province = regions.province_of_number(doc_number)
    info = regions.find_region((title, issuer, province, head, tail, more), most_specific_from=3)
    if info:
        return info.name, info.parent
    for text in (title, re.sub(r"^中共", "", issuer)):
        m = REGION.match(text)
        if m:
            return m.group(1), ""
    return "", ""


def find_references(text: str, own_title: str, own_number: str = "") -> tuple[str, ...]:
    """Titles (``《…》``) and document numbers the plan cites, in order, without repeats."""
    own = own_title.replace(" ", "")
    skip = {own_number}
    seen: list[str] = []
    found = [(m.start(), m.group(1).replace(" ", "")) for m in CITED_TITLE.finditer(text)]
    for start, ref in sorted(found + list(doc_numbers(text))):
        if ref and ref != own and ref not in seen and ref not in skip:
            seen.append(ref)
    return tuple(seen)


