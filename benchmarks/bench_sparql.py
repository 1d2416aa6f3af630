#!/usr/bin/env python3
"""SPARQL benchmark: a synthetic plankg graph of about a million triples, loaded into rdflib
and into an on-disk Oxigraph store, and every query of the library timed on both.

    .venv/bin/python benchmarks/bench_sparql.py [--triples 1000000] [--seed 7] [--rdflib-timeout 300]

Prints a Markdown table (seconds). The graph follows docs/DESIGN.md: regions, plans, tasks,
region-scoped units with kinds and function concepts, assignments with roles and provenance,
indicators with metrics, and the analysis measures (plankg:AnalysisScope, plankg:UnitMeasure).
"""
from __future__ import annotations

import argparse
import gc
import platform
import random
import signal
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph import store  # noqa: E402

NS = "https://w3id.org/plankg/ns#"
ID = "https://w3id.org/plankg/id/"
FN = "https://w3id.org/plankg/function/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ORG = "http://www.w3.org/ns/org#"
QB = "http://purl.org/linked-data/cube#"

FUNCTIONS = [("development-and-reform", "发展改革", "发改局"), ("economy-and-informatization", "经济和信息化", "经信局"),
             ("finance", "财政", "财政局"), ("housing", "住房和城乡建设", "住建局"), ("education", "教育", "教育局"),
             ("health", "卫生健康", "卫健局"), ("agriculture", "农业农村", "农业农村局"), ("commerce", "商务", "商务局"),
             ("natural-resources", "自然资源和规划", "自然资源和规划局"), ("ecology", "生态环境", "生态环境分局"),
             ("transport", "交通运输", "交通运输局"), ("civil-affairs", "民政", "民政局"),
             ("human-resources", "人力资源和社会保障", "人力社保局"), ("culture-tourism", "文化和旅游", "文旅局"),
             ("market-regulation", "市场监督管理", "市场监管局"), ("emergency", "应急管理", "应急管理局"),
             ("water", "水利", "水利局"), ("science", "科学技术", "科技局"), ("justice", "司法", "司法局"),
             ("statistics", "统计", "统计局")]
KINDS = ["government", "party", "mass", "soe", "township", "collective"]
METRICS = [("investment", "投资"), ("gdp", "地区生产总值"), ("income-ratio", "城乡居民收入倍差"),
           ("coverage", "覆盖率"), ("new-jobs", "城镇新增就业")]
ROLES = [("Lead", "lead"), ("Cooperating", "cooperating"), ("Responsible", "responsible")]
VERBS = "推进 加快 实施 完善 提升 建设 深化 加强 健全 打造 优化 落实".split()
OBJECTS = ("产业平台 数字经济 乡村振兴 城乡融合 营商环境 公共服务 生态保护 交通网络 人才引进 "
           "科技创新 养老服务 基层治理 文化旅游 污水处理 农村道路").split()


def lit(text: str, datatype: str = "", lang: str = "") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{escaped}"@{lang}'
    return f'"{escaped}"^^<{datatype}>' if datatype else f'"{escaped}"'


def iri(value: str) -> str:
    return f"<{value}>"


class Writer:
    """Counts and writes N-Triples lines."""

    def __init__(self, fh) -> None:
        self.fh, self.count = fh, 0

    def __call__(self, s: str, p: str, o: str) -> None:
        self.fh.write(f"{s} {p} {o} .\n")
        self.count += 1


def generate(path: Path, target_triples: int, seed: int) -> int:
    """Write a synthetic graph of about ``target_triples`` triples as N-Triples; return the count."""
    rng = random.Random(seed)
    tasks_per_plan, units_per_region = 40, 60
    per_plan = 2170  # triples per plan of 40 tasks (units, regions and measures included), measured
    plans = max(2, target_triples // per_plan)
    regions = max(2, plans // 10)
    with path.open("w", encoding="utf-8") as fh:
        t = Writer(fh)
        a = iri(RDF_TYPE)
        for code, label in ROLES:
            t(iri(NS + code), iri(NS + "code"), lit(code.lower() if label == "" else label))
        for key, zh, _ in FUNCTIONS:
            t(iri(FN + key), a, iri(SKOS + "Concept"))
            t(iri(FN + key), iri(SKOS + "prefLabel"), lit(zh, lang="zh"))
            t(iri(FN + key), iri(SKOS + "prefLabel"), lit(key.replace("-", " "), lang="en"))
        for key, zh in METRICS:
            t(iri(NS + "metric-" + key), iri(SKOS + "prefLabel"), lit(zh, lang="zh"))
        region_names = [f"第{r + 1}县" for r in range(regions)]
        units_of: dict[int, list[str]] = {}
        for r, name in enumerate(region_names):
            region = iri(ID + "region/" + quote(name, safe=""))
            t(region, a, iri(NS + "Region"))
            t(region, iri(RDFS + "label"), lit(name))
            units = []
            for u in range(units_per_region):
                function = FUNCTIONS[u % len(FUNCTIONS)]
                label = ("县" + function[2]) if u < len(FUNCTIONS) else f"{name}单位{u}"
                unit = iri(f"{ID}unit/r{r}u{u}")
                units.append(unit)
                t(unit, a, iri(NS + "Unit"))
                t(unit, a, iri(ORG + "Organization"))
                t(unit, iri(SKOS + "prefLabel"), lit(label))
                t(unit, iri(NS + "region"), region)
                t(unit, iri(NS + "kind"), iri(NS + "kind-" + (KINDS[0] if u < len(FUNCTIONS) else rng.choice(KINDS))))
                if u < len(FUNCTIONS):
                    t(unit, iri(NS + "function"), iri(FN + function[0]))
            units_of[r] = units
        for p in range(plans):
            r = p % regions
            sha = f"{p:012x}"
            plan, doc = iri(f"{ID}plan/{sha}"), iri(f"{ID}doc/{sha}")
            title = f"{region_names[r]}{rng.choice(OBJECTS)}行动方案（第{p}号）"
            t(doc, a, iri(NS + "SourceDocument"))
            t(doc, a, iri(PROV + "Entity"))
            t(doc, iri(DCT + "identifier"), lit(f"{sha}.txt"))
            t(plan, a, iri(NS + "Plan"))
            t(plan, iri(DCT + "title"), lit(title))
            t(plan, iri(NS + "region"), iri(ID + "region/" + quote(region_names[r], safe="")))
            t(plan, iri(NS + "periodStart"), lit("2024", XSD + "integer"))
            t(plan, iri(NS + "periodEnd"), lit("2025", XSD + "integer"))
            t(plan, iri(PROV + "wasDerivedFrom"), doc)
            if p and rng.random() < 0.3:
                t(plan, iri(NS + "cites"), lit(f"{region_names[(p - 1) % regions]}行动方案（第{p - 1}号）"))
            offset = 0
            for k in range(tasks_per_plan):
                task = iri(f"{ID}plan/{sha}/task/t{k}")
                task_title = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}{k}"
                t(plan, iri(NS + "hasTask"), task)
                t(task, a, iri(NS + "Task"))
                t(task, iri(NS + "inPlan"), plan)
                t(task, iri(DCT + "title"), lit(task_title))
                t(task, iri(NS + "number"), lit(str(k + 1)))
                t(task, iri(NS + "section"), lit(f"二、主要任务 > ({k // 10 + 1})"))
                t(task, iri(NS + "part"), lit("annex" if k % 2 else "body"))
                t(task, iri(PROV + "wasDerivedFrom"), doc)
                t(task, iri(NS + "startOffset"), lit(str(offset), XSD + "integer"))
                t(task, iri(NS + "endOffset"), lit(str(offset + 60), XSD + "integer"))
                t(task, iri(NS + "quote"), lit(task_title + "。" * 5))
                chosen = rng.sample(units_of[r], rng.randint(1, 4))
                with_roles = rng.random() < 0.85
                for i, unit in enumerate(chosen):
                    role = ("Lead" if i == 0 else "Cooperating") if with_roles else "Responsible"
                    node = iri(f"{ID}plan/{sha}/task/t{k}/a/{i}")
                    t(task, iri(PROV + "qualifiedAssociation"), node)
                    t(node, a, iri(NS + "Assignment"))
                    t(node, a, iri(PROV + "Association"))
                    t(node, iri(NS + "ofTask"), task)
                    t(node, iri(PROV + "agent"), unit)
                    t(node, iri(PROV + "hadRole"), iri(NS + role))
                    t(node, iri(NS + "basis"), lit("column" if with_roles else "listed"))
                    t(node, iri(NS + "surfaceForm"), lit(f"单位{i}"))
                    t(node, iri(NS + "position"), lit(str(i), XSD + "integer"))
                    t(node, iri(PROV + "wasDerivedFrom"), doc)
                    t(node, iri(NS + "startOffset"), lit(str(offset + 40 + 5 * i), XSD + "integer"))
                    t(node, iri(NS + "endOffset"), lit(str(offset + 44 + 5 * i), XSD + "integer"))
                    t(node, iri(NS + "quote"), lit(f"单位{i}"))
                if rng.random() < 0.5:
                    metric_key, metric_label = rng.choice(METRICS)
                    node = iri(f"{ID}plan/{sha}/task/t{k}/i/0")
                    t(node, a, iri(NS + "Indicator"))
                    t(node, a, iri(QB + "Observation"))
                    t(node, iri(NS + "ofTask"), task)
                    t(node, iri(NS + "value"), lit(f"{rng.randint(1, 500)}.{rng.randint(0, 9)}", XSD + "decimal"))
                    t(node, iri(NS + "unitLabel"), lit(rng.choice(["亿元", "%", "个", "人"])))
                    t(node, iri(NS + "op"), lit(rng.choice([">=", "=", "<=", "~"])))
                    t(node, iri(NS + "targetYear"), lit("2025", XSD + "integer"))
                    t(node, iri(NS + "metricName"), lit(metric_label))
                    t(node, iri(NS + "metric"), iri(NS + "metric-" + metric_key))
                    t(node, iri(NS + "indicatorKind"), lit("money"))
                    t(node, iri(PROV + "wasDerivedFrom"), doc)
                    t(node, iri(NS + "quote"), lit(f"{metric_label}达到目标"))
                offset += 100
        for r, units in units_of.items():  # analysis measures (as `plankg analyze` writes them), region scope
            region = iri(ID + "region/" + quote(region_names[r], safe=""))
            scope = iri(f"{ID}analysis/region-{r}")
            t(scope, a, iri(NS + "AnalysisScope"))
            t(scope, iri(RDFS + "label"), lit(region_names[r]))
            t(scope, iri(NS + "scopeKind"), lit("region"))
            t(scope, iri(NS + "scopeLevel"), lit("unit"))
            t(scope, iri(NS + "scopeRegion"), region)
            for u, unit in enumerate(units):
                node = iri(f"{ID}analysis/region-{r}/m/{u}")
                overloaded = u % 17 == 3
                t(node, a, iri(NS + "UnitMeasure"))
                t(node, iri(NS + "measureOf"), unit)
                t(node, iri(NS + "inScope"), scope)
                t(node, iri(NS + "scopeKind"), lit("region"))
                t(node, iri(NS + "leadCount"), lit(str(rng.randint(0, 40)), XSD + "integer"))
                t(node, iri(NS + "leadShare"), lit(f"0.{rng.randint(0, 99):02d}", XSD + "decimal"))
                t(node, iri(NS + "robustZ"), lit(f"{rng.randint(0, 9)}.5", XSD + "decimal"))
                t(node, iri(NS + "overloaded"), lit("true" if overloaded else "false", XSD + "boolean"))
                if overloaded:
                    t(node, iri(NS + "overloadReason"), lit("leads many tasks"))
    return t.count


PICKERS = {  # a value for each required parameter, read from the graph itself
    "plan": "SELECT ?v WHERE { ?p a plankg:Plan ; dcterms:title ?v } ORDER BY ?v LIMIT 1",
    "unit": "SELECT ?v WHERE { ?u a plankg:Unit ; skos:prefLabel ?v } ORDER BY ?v LIMIT 1",
    "item": "SELECT ?v WHERE { ?t a plankg:Task ; dcterms:title ?v } ORDER BY ?v LIMIT 1",
    "region": "SELECT ?v WHERE { ?r a plankg:Region ; rdfs:label ?v } ORDER BY ?v LIMIT 1",
    "metric": "SELECT ?v WHERE { ?m skos:prefLabel ?l FILTER(LANG(?l) = 'zh') BIND(STR(?l) AS ?v) "
              "?i plankg:metric ?m } ORDER BY ?v LIMIT 1",
}
PREFIXES = ("PREFIX plankg: <https://w3id.org/plankg/ns#> PREFIX dcterms: <http://purl.org/dc/terms/> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")


def required_params(query: store.LibraryQuery) -> list[str]:
    import re

    return re.findall(r"([A-Za-z_][A-Za-z0-9_]*) \(required\)", " ".join(query.description))


def load_in_memory(nt: Path) -> store.OxigraphSource:
    """An in-memory Oxigraph store of the N-Triples file."""
    import pyoxigraph as ox

    memory = ox.Store()
    memory.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    return store.OxigraphSource(memory)


class Timeout(Exception):
    pass


def timed(fn, timeout: int | None = None):
    """(seconds, result) of fn(); (None, None) when it ran past ``timeout`` seconds."""
    def on_alarm(signum, frame):
        raise Timeout()

    if timeout:
        signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(timeout)
    start = time.perf_counter()
    try:
        result = fn()
    except Exception as exc:  # the engine may wrap the timeout in its own error
        if isinstance(exc, Timeout) or isinstance(exc.__cause__, Timeout):
            return None, None
        raise
    finally:
        if timeout:
            signal.alarm(0)
    return time.perf_counter() - start, result


def fmt(seconds: float | None, timeout: int) -> str:
    return f"> {timeout}" if seconds is None else f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rdflib-timeout", type=int, default=300, help="seconds per rdflib query before giving up")
    parser.add_argument("--skip-rdflib", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as tmp:
        folder = Path(tmp)
        nt = folder / "graph.nt"
        gen_s, count = timed(lambda: generate(nt, args.triples, args.seed))
        print(f"generated {count} triples ({nt.stat().st_size / 1e6:.0f} MB N-Triples) in {gen_s:.1f} s", file=sys.stderr)
        ox_load, _ = timed(lambda: store.write_store(nt, folder / "store"))
        oxigraph = store.OxigraphSource.open(folder / "store")
        print(f"oxigraph load {ox_load:.1f} s", file=sys.stderr)
        mem_load, memory = timed(lambda: load_in_memory(nt))
        print(f"oxigraph in-memory load {mem_load:.1f} s", file=sys.stderr)
        rdflib_source = None
        rdf_load = first_query = None
        if not args.skip_rdflib:
            rdf_load, rdflib_source = timed(lambda: store.RdflibSource.from_files(nt))
            print(f"rdflib load {rdf_load:.1f} s", file=sys.stderr)
            first_query, _ = timed(lambda: rdflib_source.run("ASK { ?s ?p ?o }"))
        gc.collect()
        gc.freeze()  # the loaded graphs are permanent: keep the collector from re-scanning them in every timing

        rows_out = []
        for query in store.list_queries():
            text = store.read_query(query.path)
            bindings = []
            for name in required_params(query):
                picked = oxigraph.run(PREFIXES + PICKERS[name]).rows
                bindings.append(store.Binding(name, picked[0][0]))
            oxigraph.run(text, bindings)  # warm the cache, as a running server would be
            ox_s, ox_result = timed(lambda: oxigraph.run(text, bindings))
            mem_s, mem_result = timed(lambda: memory.run(text, bindings))
            assert sorted(mem_result.rows, key=repr) == sorted(ox_result.rows, key=repr)
            rdf_s = None
            agree = ""
            if rdflib_source is not None:
                rdf_s, rdf_result = timed(lambda: rdflib_source.run(text, bindings), args.rdflib_timeout)
                if rdf_result is not None:
                    agree = "yes" if sorted(rdf_result.rows, key=repr) == sorted(ox_result.rows, key=repr) else "NO"
            rows_out.append((query.name, len(ox_result.rows), ox_s, mem_s, rdf_s, agree))
            print(f"{query.name}: oxigraph {ox_s:.3f} s, in memory {mem_s:.3f} s, "
                  f"rdflib {fmt(rdf_s, args.rdflib_timeout)} s", file=sys.stderr)

    print(f"Synthetic graph: {count:,} triples (seed {args.seed}); Python {platform.python_version()}, "
          f"{platform.machine()}, {__import__('os').cpu_count()} cores.\n")
    print("| step | Oxigraph store on disk (s) | Oxigraph in memory (s) | rdflib (s) |\n|---|---:|---:|---:|")
    print(f"| load N-Triples | {ox_load:.1f} | {mem_load:.1f} | {fmt(rdf_load, 0) if rdf_load else '–'} |")
    if first_query is not None:
        print(f"| first query (rdflib parser start-up), `ASK {{?s ?p ?o}}` | – | – | {first_query:.2f} |")
    print("\n| query | rows | Oxigraph store on disk (s) | Oxigraph in memory (s) | rdflib (s) | rdflib rows = Oxigraph rows |"
          "\n|---|---:|---:|---:|---:|:---:|")
    for name, n, ox_s, mem_s, rdf_s, agree in rows_out:
        rdf_text = fmt(rdf_s, args.rdflib_timeout) if rdflib_source is not None else "–"
        print(f"| {name} | {n} | {ox_s:.3f} | {mem_s:.3f} | {rdf_text} | {agree} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
