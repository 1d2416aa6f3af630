"""Agencies: units resolved within their region, with a kind and a function concept.

A unit is scoped to its region: ``县发改局`` in 嘉善县 and in 德清县 are two units (a region
of unknown name or parent scopes its units to the issuer or the document, :func:`unit_scope`). Within a
region the forms ``嘉善县发改局``, ``县发改局`` and ``发改局`` are one unit, and true synonyms
(``卫健局`` = ``卫生健康局``) from ``ontology/agency_aliases.tsv`` map to one key. Kinds come from
the ordered rules of ``ontology/unit_kinds.json``, functions from the SKOS scheme
``ontology/functions.ttl``, regions from the gazetteer ``ontology/regions.tsv`` (:mod:`graph.regions`).

All functions are pure over strings and records; data files are read once and cached.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from graph.files import data_dir

from graph import regions, skos
from graph.records import Agency, Plan
from graph.regions import RegionInfo

__all__ = [
    "RegionInfo", "lookup_region", "region_info", "unit_key", "unit_label", "unit_kind",
    "unit_function", "unit_functions", "resolve_agencies", "unit_scope", "clean_name",
    "FUNCTION_NS", "KINDS",
]

ONTOLOGY = data_dir("ontology")
FUNCTION_NS = "https://w3id.org/plankg/function/"
KINDS = ("government", "party", "congress", "mass", "soe", "township", "collective", "other")
# kinds whose names carry the region's level prefix (县发改局): the prefix is dropped in keys
DEPARTMENT_KINDS = frozenset({"government", "party", "congress", "mass"})
# designations that end a region name, longest first: 景宁畲族自治县 → 自治县, 县
DESIGNATIONS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区",
                "省", "市", "州", "县", "区", "旗", "盟")
LEVEL_CHARS = "省市州县区旗盟"


class AgencyDataError(ValueError):
    """A data file of ``ontology/`` is missing or malformed."""


# ---------------------------------------------------------------------------------------------
# names

_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")


@lru_cache(maxsize=65536)
def clean_name(name: str) -> str:
    """A unit name with full-width forms folded (NFKC) and spaces removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name or ""))


def _match_form(text: str) -> str:
    """The form used to compare names with labels: no quotes, no 和/与/及/、."""
    return re.sub(r"[和与及、]", "", _QUOTES.sub("", text))


# ---------------------------------------------------------------------------------------------
# data files

def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise AgencyDataError(f"{path}: cannot read ({err.strerror})") from err


@lru_cache(maxsize=1)
def _regions() -> dict[str, RegionInfo]:
    """Region name → its division (the first of a name several divisions share)."""
    return {info.name: info for info in reversed(regions.gazetteer()) if info.status == "current"}


@lru_cache(maxsize=1)
def _kind_data() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], tuple[str, ...]]:
    """Ordered (kind, regex) rules and the level words of ``unit_kinds.json``."""
    path = ONTOLOGY / "unit_kinds.json"
    try:
        data = json.loads("\n".join(_read_lines(path)))
        rules = tuple((r["kind"], re.compile(r["pattern"])) for r in data["rules"])
        words = tuple(data.get("level_words", {}).get("words", ()))
    except (json.JSONDecodeError, KeyError, TypeError, re.error) as err:
        raise AgencyDataError(f"{path}: malformed ({err})") from err
    bad = [kind for kind, _ in rules if kind not in KINDS]
    if bad:
        raise AgencyDataError(f"{path}: unknown kind(s) {', '.join(sorted(set(bad)))}")
    return rules, words


@lru_cache(maxsize=1)
def _committee_organs() -> frozenset[str]:
    """Party committee departments printed without their committee (宣传部 = 县委宣传部)."""
    path = ONTOLOGY / "unit_kinds.json"
    try:
        data = json.loads("\n".join(_read_lines(path)))
        return frozenset(data.get("party_committee_organs", {}).get("names", ()))
    except (json.JSONDecodeError, AttributeError, TypeError) as err:
        raise AgencyDataError(f"{path}: malformed party_committee_organs ({err})") from err


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Synonym → canonical core name; ``{L}`` stands for the region's level character."""
    path = ONTOLOGY / "agency_aliases.tsv"
    out: dict[str, str] = {}
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not all(cells):
            raise AgencyDataError(f"{path}: line {number} must be 'canonical<TAB>synonym'")
        canonical, synonym = cells
        if canonical == "canonical":
            continue
        if synonym in out and out[synonym] != canonical:
            raise AgencyDataError(f"{path}: line {number}: {synonym} already maps to {out[synonym]}")
        out[synonym] = canonical
    return out


@lru_cache(maxsize=1)
def _functions() -> tuple[dict[str, str], dict[str, str], tuple[str, ...]]:
    """Label index (match form → IRI), stem index (stem → IRI) and stems longest first.

    From the zh labels of ``functions.ttl`` (prefLabel and altLabel), read with rdflib.
    """
    path = ONTOLOGY / "functions.ttl"
    try:
        pairs = skos.zh_labels(path)
    except (OSError, SyntaxError, ValueError) as err:
        raise AgencyDataError(f"{path}: cannot read ({err})") from err
    labels: dict[str, str] = {}
    for concept, label in pairs:
        labels.setdefault(_match_form(label), concept)
    if not labels:
        raise AgencyDataError(f"{path}: no concept labels found")
    stems: dict[str, str] = {}
    for text, iri in labels.items():
        stem = _stem(text)
        if len(stem) >= 2:
            stems.setdefault(stem, iri)
    return labels, stems, tuple(sorted(stems, key=lambda s: (-len(s), s)))


_GENERIC_SUFFIX = re.compile(r"(委员会办公室|委员会|办公室|管理局|局|委|厅|办|中心)$")


def _stem(text: str) -> str:
    """A core name without its generic organ suffix: 发展改革委 → 发展改革."""
    stem = _GENERIC_SUFFIX.sub("", text)
    return stem if len(stem) >= 2 else text


# ---------------------------------------------------------------------------------------------
# regions

@lru_cache(maxsize=8192)
def lookup_region(text: str) -> RegionInfo | None:
    """The region a text names: its first run of names, most specific last (``杭州市西湖区``).

    A name several divisions share gets the parent printed before it (``南昌市西湖区``) or
    none; a county-level name the gazetteer does not list, written after its city, is a
    region of that city. See :func:`graph.regions.find_region`.
    """
    return regions.find_region([clean_name(text)]) if text else None


def region_info(region: str) -> RegionInfo | None:
    """The gazetteer entry of a region name, or the region the name contains."""
    return _regions().get(region) or (lookup_region(region) if region else None)


def _short_name(name: str) -> str:
    """A region name without its designation: 嘉善县 → 嘉善 (used when not in the gazetteer)."""
    for suffix in DESIGNATIONS:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _designations(region: str) -> tuple[str, ...]:
    """The level prefixes a unit of this region may carry: 县; 自治县 and 县; 区."""
    for suffix in ("自治县", "自治州", "自治旗", "自治区"):
        if region.endswith(suffix):
            return (suffix, suffix[-1])
    if region.endswith("特别行政区") or region.endswith("地区") or region.endswith("林区"):
        return ()
    return (region[-1],) if region and region[-1] in LEVEL_CHARS else ()


@lru_cache(maxsize=4096)
def _region_prefixes(region: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(name prefixes, level prefixes, label prefix) of a region, longest first."""
    if not region:
        return (), ("县", "区", "市", "旗"), ""
    info = _regions().get(region)
    names = {region}
    short = info.short if info else _short_name(region)
    if len(short) >= 2:
        names.add(short)
    if region[-1] in LEVEL_CHARS and len(region) > 2:
        names.add(region[:-1])  # 景宁畲族自治县委办 → 县委办
    for division in regions.entries().get(region, ()):
        if division.parent:
            names.add(division.parent + region)
    levels = _designations(region)
    names.update(level[:-1] for level in levels if len(level) > 1)  # 自治县委办 → 县委办
    label = levels[-1] if levels else ""
    by_length = lambda s: (-len(s), s)  # noqa: E731
    return tuple(sorted(names, key=by_length)), tuple(sorted(levels, key=by_length)), label


# ---------------------------------------------------------------------------------------------
# kinds

@lru_cache(maxsize=65536)
def unit_kind(name: str) -> str:
    """The kind of a unit: government, party, congress, mass, soe, township, collective or other."""
    text = clean_name(name)
    if not text:
        return "other"
    rules, _ = _kind_data()
    for kind, pattern in rules:
        if pattern.search(text):
            return kind
    return "other"


# ---------------------------------------------------------------------------------------------
# keys and labels

def _starts_with_level_word(text: str) -> bool:
    """True when the text begins with a word such as 市场 that is not a region prefix."""
    return text.startswith(_kind_data()[1])


def _is_known_core(text: str) -> bool:
    """True when the text is a whole unit core the data knows (a function label or a synonym)."""
    aliases = _aliases()
    return _match_form(text) in _functions()[0] or text in aliases or text in _canonical_cores()


@lru_cache(maxsize=1)
def _canonical_cores() -> frozenset[str]:
    return frozenset(_aliases().values())


def _level_prefix_drops(text: str, rest: str) -> bool:
    """Whether a leading level character is a region prefix: 市民政局 → 民政局, 市场监管局 stays."""
    if _is_known_core(text):
        return False
    if _is_known_core(rest):
        return True
    return not _starts_with_level_word(text)


def _strip_prefixes(text: str, region: str) -> str:
    """The unit's core name: the region's own prefixes dropped while the rest reads as a unit."""
    names, levels, _ = _region_prefixes(region)
    kind = unit_kind(text)
    if kind not in DEPARTMENT_KINDS:
        if kind == "township":  # 嘉善县大云镇 → 大云镇, but 县开发区 stays whole
            for prefix in names:
                if text.startswith(prefix) and len(text) - len(prefix) >= 2 \
                        and unit_kind(text[len(prefix):]) == "township" and len(prefix) > 2:
                    return text[len(prefix):]
        return text
    if text.startswith("中共") and any(text[2:].startswith(p) for p in names + levels):
        text = text[2:]
    for _ in range(3):
        for prefix in names + levels:
            if not text.startswith(prefix):
                continue
            rest = text[len(prefix):]
            if len(rest) < 2 or rest[0] in "委级直属" or unit_kind(rest) != kind:
                continue
            if text.startswith(region) and region.startswith(prefix) and len(prefix) < len(region) - 1:
                continue  # 景宁 is not a prefix of 景宁畲族自治县委办
            if prefix in levels and not _level_prefix_drops(text, rest):
                continue
            text = rest
            break
        else:
            break
    return text


@lru_cache(maxsize=65536)
def unit_key(name: str, region: str) -> str:
    """The region-scoped identity key of a unit: (县交通局, 嘉善县) → ``嘉善县/交通局``.

    The region's own prefixes (its full or short name, its level character) are dropped before
    a name that still reads as a unit of the same kind; synonyms map to one canonical core.
    Party organs keep their ``县委`` (``县委宣传部``), collective units and enterprises keep
    their whole name, and a city bureau's branch (``市生态环境局德清分局``) is kept as is.
    """
    text = clean_name(name)
    core = _strip_prefixes(text, region)
    aliases = _aliases()
    _, _, label_prefix = _region_prefixes(region)
    level = label_prefix or "县"
    canonical = aliases.get(core) or aliases.get(core.replace(level, "{L}", 1) if level in core else "")
    if canonical:
        core = canonical.replace("{L}", level)
    if label_prefix and core in _committee_organs():
        core = f"{label_prefix}委{core}"
    return f"{region}/{core}"


_SUBREGION_ORGAN = re.compile(r"^[\u4e00-\u9fff]{2,5}?(?:自治县|县|区|市|旗)(?:人民政府|政府|委|人大|政协|$)")


def _has_own_prefix(core: str, region: str) -> bool:
    """True when a core name already says whose unit it is (县委宣传部, 人行德清支行, 团县委)."""
    names, _, _ = _region_prefixes(region)
    if core[:1] in LEVEL_CHARS and not _starts_with_level_word(core):
        return True
    if core.startswith(("中共", "国网", "国家", "中国", "人行", "人民银行")):
        return True
    if _SUBREGION_ORGAN.match(core):
        return True
    if re.search(f"[{LEVEL_CHARS}]委", core):
        return True
    return any(n in core for n in names) or bool(_region_inside().search(core))


@lru_cache(maxsize=65536)
def unit_label(key: str, region: str) -> str:
    """The display name of a unit, derived only from its key: ``嘉善县/交通局`` → ``县交通局``."""
    core = key.split("/", 1)[1] if "/" in key else key
    _, _, label_prefix = _region_prefixes(region)
    if label_prefix and unit_kind(core) in DEPARTMENT_KINDS and not _has_own_prefix(core, region):
        return label_prefix + core
    return core


# ---------------------------------------------------------------------------------------------
# functions

_BRANCH = re.compile(r"^(?P<parent>人行|人民银行|.+?(?:总局|局|委|银行))(?P<place>.{1,8}?)"
                     r"(?:监管支局|监管分局|中心支行|分局|支局|支行|分行)$")
_SUBUNIT = re.compile(r"^(?P<parent>.+?(?:局|委|办))(?P<sub>.{1,10}(?:大队|支队|中队|分局|中心|所|科|处|站|队|室))$")
_BRACKETS = re.compile(r"\([^)]*\)|<[^>]*>|\[[^\]]*\]")


@lru_cache(maxsize=1)
def _any_region_prefix() -> re.Pattern[str]:
    """Any gazetteer name or short name (≥2 characters) at the start of a name."""
    names = set()
    for info in _regions().values():
        names.add(info.name)
        if len(info.short) >= 2:
            names.add(info.short)
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile("^(?:中共)?(?:" + "|".join(re.escape(n) for n in ordered) + ")+")


@lru_cache(maxsize=1)
def _region_inside() -> re.Pattern[str]:
    """Any gazetteer name (full names only) anywhere in a name."""
    return re.compile("|".join(re.escape(n) for n in sorted(_regions(), key=lambda n: (-len(n), n))))


def _core_candidates(text: str) -> tuple[list[str], list[str]]:
    """Forms of a name to look up, from the whole name to its bare core, and guessed cores.

    The guessed cores drop up to four leading characters: a local short name the gazetteer
    does not know (``某某邮管局``); they are only compared with whole labels.
    """
    out: list[str] = []
    guesses: list[str] = []

    def add(form: str, into: list[str]) -> None:
        if form and form not in out and form not in guesses:
            into.append(form)

    forms = [text]
    branch = _BRANCH.match(text)
    if branch:
        forms.insert(0, branch.group("parent"))
    else:
        part = _SUBUNIT.match(text)
        if part:  # 县公安局交警大队: the bureau it belongs to
            forms.append(part.group("parent"))
    for form in forms:
        add(form, out)
        if form.startswith("中共"):
            form = form[2:]
            add(form, out)
        stripped = _any_region_prefix().sub("", form)
        if len(stripped) >= 2:
            form = stripped
            add(form, out)
        for designation in ("自治县", "自治州", "自治旗", "自治区"):
            if form.startswith(designation):
                form = form[len(designation):]
                add(form, out)
        if form[:1] in LEVEL_CHARS and len(form) > 2:
            form = form[1:]
            add(form, out)
        if form.startswith("委") and len(form) > 2:
            add(form[1:], out)
        if unit_kind(form) in DEPARTMENT_KINDS:
            for cut in range(2, min(5, len(form) - 2)):
                add(form[cut:], guesses)
    # a region named inside the name: 共青团济南市委 → 共青团委
    add(_region_inside().sub("", text), guesses)
    return out, guesses


@lru_cache(maxsize=4096)
def _decompose(stem: str) -> tuple[str, ...]:
    """A merged core split into two or more known stems (发改经信 → 发改, 经信), or ()."""
    _, stems, ordered = _functions()

    def cover(rest: str) -> tuple[str, ...] | None:
        if not rest:
            return ()
        for candidate in ordered:  # longest first, backtracking on a dead end
            if rest.startswith(candidate):
                tail = cover(rest[len(candidate):])
                if tail is not None:
                    return (candidate,) + tail
        return None

    parts = cover(stem)
    return parts if parts and len(parts) >= 2 else ()


@lru_cache(maxsize=65536)
def unit_functions(name: str) -> tuple[str, ...]:
    """All function concepts a unit name shows, first-listed first (merged bureaus have several)."""
    labels, stems, _ = _functions()
    text = _BRACKETS.sub("", clean_name(name))
    if not text:
        return ()
    forms, guesses = _core_candidates(text)
    candidates = [_match_form(c) for c in forms]
    for candidate in candidates:
        if candidate in labels:
            return (labels[candidate],)
    for candidate in candidates:
        stem = _stem(candidate)
        if stem != candidate and stem in stems:
            return (stems[stem],)
    for candidate in candidates:
        stem = _stem(candidate)
        if stem == candidate:
            continue
        parts = _decompose(stem)
        if parts:
            found: list[str] = []
            for part in parts:
                if stems[part] not in found:
                    found.append(stems[part])
            return tuple(found)
    for guess in guesses:
        guess = _match_form(guess)
        if len(guess) >= 3 and guess in labels:
            return (labels[guess],)
    # an enterprise or branch that ends with a known organ name: 国网嘉善县供电公司
    plain = _match_form(text)
    for length in range(len(plain) - 1, 2, -1):
        tail = plain[-length:]
        if tail in labels and len(tail) >= 3:
            return (labels[tail],)
    return ()


@lru_cache(maxsize=65536)
def unit_function(name: str) -> str:
    """The IRI of the unit's function concept (the first-listed one of a merged bureau), or ""."""
    found = unit_functions(name)
    return found[0] if found else ""


# ---------------------------------------------------------------------------------------------
# plans

def _plan_region(region: str) -> tuple[str, str]:
    """The region name units are scoped to (the gazetteer's county or city the text names) and
    the division above it, when the name tells."""
    region = clean_name(region)
    if not region or region in _regions():
        return region, ""
    info = lookup_region(region)
    return (info.name, info.parent) if info else (region, "")


def unit_scope(plan: Plan, region: str, parent: str = "") -> str:
    """What the units of a plan are scoped to: the head of their keys.

    Its region; a region name several divisions share, with the division above it (杭州市西湖区:
    南昌 has a 西湖区 too); a region unknown, or shared with no parent printed: the issuer when it
    names one body of its own (国务院), else the document. So the units of two documents merge
    only when they are one unit: 区发展改革委 of two plans of unknown districts stay two.
    """
    if region and not regions.is_shared(region):
        return region
    parent = parent or plan.meta.parent_region
    if region and parent:
        return parent + region
    issuer = clean_name(plan.meta.issuer).replace("/", "|")
    if issuer and issuer[0] not in LEVEL_CHARS:  # 区人民政府办公室 names no one body
        return f"issuer:{issuer}"
    return f"doc:{plan.source.sha256[:12]}"


def resolve_agencies(plan: Plan, region: str) -> tuple[dict[str, Agency], dict[tuple[str, int], str]]:
    """Every unit mention of the plan resolved to a unit scoped by :func:`unit_scope`.

    Returns (unit key → Agency, (task key, mention index) → unit key). A name printed with an
    alias (``区委宣传部<区文明办>``) makes the alias a name of the same unit for the whole plan.
    """
    region, parent = _plan_region(region)
    scope = unit_scope(plan, region, parent)

    def scoped_key(name: str) -> str:
        key = unit_key(name, region)
        return scope + key[len(region):]

    alias_of: dict[str, str] = {}
    for task in plan.tasks:
        for mention in task.units:
            if mention.alias:
                main = scoped_key(mention.name)
                other = scoped_key(mention.alias)
                if other != main:
                    alias_of.setdefault(other, main)
    keys: dict[tuple[str, int], str] = {}
    forms: dict[str, set[str]] = {}
    key_of: dict[str, str] = {}  # printed name → unit key, within this plan
    for task in plan.tasks:
        for index, mention in enumerate(task.units):
            key = key_of.get(mention.name)
            if key is None:
                key = scoped_key(mention.name)
                key = key_of[mention.name] = alias_of.get(key, key)
                forms.setdefault(key, set()).add(clean_name(mention.name))
            keys[(task.key, index)] = key
            if mention.alias:
                forms[key].add(clean_name(mention.alias))
    agencies = {key: agency(key, region, tuple(sorted(forms[key]))) for key in sorted(forms)}
    return agencies, keys


@lru_cache(maxsize=65536)
def agency(key: str, region: str, surface_forms: tuple[str, ...]) -> Agency:
    """The unit of ``key`` printed as ``surface_forms`` (sorted): its label, kind and function
    (the label's, else the first form's that has one)."""
    label = unit_label(key, region)
    function = unit_function(label) or next((f for f in map(unit_function, surface_forms) if f), "")
    return Agency(key=key, name=label, region=region, kind=unit_kind(label), function=function,
                  surface_forms=surface_forms)
