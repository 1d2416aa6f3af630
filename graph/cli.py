"""The ``plankg`` command line: one verb per job (build, query, analyze, views …)."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click


wait_option = click.option("--wait", is_flag=True,
                           help="When another build, analyze or views is writing to --out, wait for it to "
                                "finish instead of exiting with status 2.")


@contextmanager
def locked(out_dir: Path, command: str, wait: bool) -> Iterator[None]:
    """Hold the lock of the output folder, or exit 2 naming the process that holds it."""
    from graph.lock import FolderBusy, folder_lock

    try:
        with folder_lock(out_dir, command, wait):
            yield
    except FolderBusy as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def existing_folder(out_dir: Path) -> None:
    """Stop (exit 1) when the output folder to work on does not exist."""
    if not out_dir.is_dir():
        raise click.ClickException(f"output folder '{out_dir}' does not exist (so no graph.ttl to work on): "
                                   f"run `plankg build --out {out_dir}` first")


def published_paths(message: str, generation: Path | None, out_dir: Path) -> str:
    """A message about files of a generation being written, naming them by their published paths."""
    return message.replace(str(generation), str(out_dir)) if generation is not None else message


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plankg")
def cli() -> None:
    """plankg: plans, tasks, indicators and units as an RDF knowledge graph."""


@cli.command()
@click.argument("corpus", default="corpus", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Folder to write graph.ttl, the report and the other outputs to.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes for extraction, analysis and views (default: the machine's cores). "
                   "Output does not depend on it.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["nt", "nq"]),
              help="Also write graph.nt / graph.nq (one named graph per document) for bulk loading.")
@click.option("--no-cache", is_flag=True, help="Re-extract every document (ignore DIR/.cache).")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--no-analysis", is_flag=True, help="Build only the graph, the report and the store.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run extraction on an existing Dask cluster (needs the 'dask' extra).")
@click.option("--strict", is_flag=True, help="Fail (exit 2, previous outputs kept) on any problem with an input file.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--dry-run", is_flag=True, help="Say what the build would re-extract, drop and re-analyse; write nothing.")
@wait_option
def build(corpus: Path, out_dir: Path, jobs: int | None, formats: tuple[str, ...], no_cache: bool,
          no_validate: bool, no_analysis: bool, dask_address: str | None, strict: bool, quiet: bool,
          dry_run: bool, wait: bool) -> None:
    """Extract every plan in CORPUS and write the graph, report, store, analysis and views to --out.

    The outputs of a build are published all at once; one build, analyze or views at a time
    writes to a folder. Exit status: 0 all good, 1 built with problems, 2 nothing usable, bad
    usage, or the folder busy.
    """
    from graph.pipeline import CACHE, BuildOptions, Cache, build_signature, corpus_files, extractor_version, \
        previous_result, sweep, up_to_date

    if not corpus.exists():
        raise click.UsageError(f"corpus folder '{corpus}' does not exist")
    if dry_run:
        from graph.pipeline import plan_build

        click.echo("\n".join(plan_build(corpus, out_dir, formats).lines()))
        return
    with locked(out_dir, "build", wait):
        sweep(out_dir)  # what an interrupted build may have left
        signature = ""
        if not no_cache:
            options = {"formats": sorted(formats), "validate": not no_validate, "analysis": not no_analysis,
                       "strict": strict}
            signature = build_signature(corpus_files(corpus), Cache(out_dir / CACHE, extractor_version()), options)
            if up_to_date(out_dir, signature):
                result = previous_result(out_dir)
                if not quiet:
                    click.echo(f"up to date: {len(result.documents)} document(s), nothing changed since the last "
                               f"build (outputs in {out_dir}/)")
                sys.exit(1 if result.problems else 0)
        build_options = BuildOptions(jobs=jobs, use_cache=not no_cache, formats=formats, validate=not no_validate,
                                     dask_address=dask_address, strict=strict)
        result = _build_generation(corpus, out_dir, signature, build_options, analysis=not no_analysis, quiet=quiet)
    if not quiet:
        click.echo(result.summary())
    sys.exit(1 if result.problems else 0)


def _build_generation(corpus: Path, out_dir: Path, signature: str, options, *, analysis: bool, quiet: bool):
    """Build into a new generation of ``out_dir`` with ``options`` (a ``BuildOptions``) and publish it
    (exit 2, previous outputs kept, when nothing usable was built or --strict found problems)."""
    from graph.generations import current_generation, new_generation, publish_generation, sweep_generations
    from graph.pipeline import build_corpus, record_signature

    stage = new_generation(out_dir)
    try:
        with click.progressbar(length=1, label="extracting", file=sys.stderr) \
                if not quiet and sys.stderr.isatty() else _NoBar() as bar:
            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(1)

            result = build_corpus(corpus, out_dir, options, progress=progress, stage=stage)
        for problem in result.problems:
            click.echo(f"warning: {problem.doc}: {problem.problem}", err=True)
        if not result.documents:
            click.echo("error: no document could be built", err=True)
            sys.exit(2)
        if options.strict and result.problems:
            click.echo("error: --strict: problems found, previous outputs left in place", err=True)
            sys.exit(2)
        if analysis:
            try:
                _analysis_and_views(stage, result, options.jobs, previous=current_generation(out_dir))
            except Exception as exc:  # the graph and report still land; say what failed
                click.echo(f"warning: analysis or views failed ({type(exc).__name__}: {exc}); "
                           f"the graph, report and store were written", err=True)
        if signature:
            record_signature(stage, signature)
        publish_generation(stage, out_dir)
    finally:
        sweep_generations(out_dir)  # the new generation, when it was not published
    return result


@cli.command()
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Folder holding the built graph.ttl.")
@click.option("--shapes", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="SHACL shapes file (default: ontology/shapes.ttl).")
def validate(out_dir: Path, shapes: Path | None) -> None:
    """Check DIR/graph.ttl against the SHACL shapes; exit 1 when it does not conform."""
    from rdflib import Graph

    from graph.validate import SHAPES_PATH, validate_graph

    path = out_dir / "graph.ttl"
    if not path.is_file():
        raise click.UsageError(f"no graph at '{path}': run `plankg build` first")
    report = validate_graph(Graph().parse(path, format="turtle"), shapes or SHAPES_PATH)
    for message in report["messages"]:
        click.echo(message)
    click.echo("conforms" if report["conforms"] else f"{report['violations']} violation(s)")
    sys.exit(0 if report["conforms"] else 1)


class _NoBar:
    """Stands in for a progress bar when none is shown."""

    length = 0

    def __enter__(self) -> "_NoBar":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None


def _analysis_and_views(out_dir: Path, result, jobs: int | None, previous: Path | None = None) -> None:
    """Run the analysis and the views on a fresh build (``plankg build`` gives everything), in
    ``jobs`` processes (None: the machine's cores); scopes and pages unchanged since the
    ``previous`` generation are taken from it."""
    import time

    from graph.analysis import AnalysisSettings, CentralityOptions, run_analysis
    from graph.store import analysis_into_store
    from graph.views import build_views

    t = time.perf_counter()
    analysed = run_analysis(out_dir, settings=AnalysisSettings(centrality=CentralityOptions(workers=jobs or 0)),
                            previous=previous / "analysis" if previous else None)
    result.timings["analysis"] = round(time.perf_counter() - t, 3)
    result.written += ["analysis/", "analysis.ttl"]
    t = time.perf_counter()
    with analysis_into_store(out_dir, analysed.replaced):   # the store takes the analysis while the views are drawn
        build_views(out_dir, jobs=jobs, previous=previous / "views" if previous else None)
    result.timings["views"] = round(time.perf_counter() - t, 3)
    result.written += ["views/", "index.html"]


@cli.command()
@click.argument("query", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME[:TYPE]=VALUE",
              help="Bind ?NAME to VALUE (a string literal; TYPE int, decimal, double, bool, date, year "
                   "or iri makes it typed). Repeatable.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--graph", "graph_files", multiple=True, type=click.Path(path_type=Path),
              help="Query these RDF files with rdflib instead of the store (repeatable).")
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Build folder whose Oxigraph store (DIR/store) is queried by default.")
@click.option("--endpoint", metavar="URL", help="Query a remote SPARQL 1.1 endpoint instead.")
@click.option("--graph-iri", metavar="IRI", help="With --endpoint: the named graph to query as default graph.")
@click.option("--excel", is_flag=True,
              help="With --format csv or tsv: start with a UTF-8 byte-order mark, so Excel opens the Chinese as is.")
@click.option("--list", "list_only", is_flag=True, help="List the query library with descriptions.")
def query(query: str | None, params: tuple[str, ...], fmt: str, graph_files: tuple[Path, ...], out_dir: Path,
          endpoint: str | None, graph_iri: str | None, excel: bool, list_only: bool) -> None:
    """Run QUERY (a library query name, or a .rq file) and print its rows.

    Exit status 2 when a required parameter is missing or a region, unit, metric or plan given
    matches nothing in the graph (the message names the closest known values).
    """
    from graph import store
    from graph.generations import reading_dir
    from graph.params import ParameterError, check_required, check_values, params_of

    if list_only:
        for item in store.list_queries():
            click.echo(item.name)
            for line in item.description:
                click.echo(f"    {line}".rstrip())
        return
    if not query:
        raise click.UsageError("give a query name or .rq file (plankg query --list shows the library)")
    if endpoint and graph_files:
        raise click.UsageError("--graph and --endpoint are two different sources: give one of them")
    if graph_iri and not endpoint:
        raise click.UsageError("--graph-iri names a graph of a remote store: use it with --endpoint")
    if excel and fmt not in ("csv", "tsv"):
        raise click.UsageError("--excel writes a spreadsheet file: use it with --format csv or --format tsv")
    try:
        path = store.resolve_query(query)
        text = store.read_query(path)
        bindings = [store.parse_param(p) for p in params]
        declared = params_of(text)
        check_required(path.stem, declared, bindings)
        if endpoint:
            source = store.RemoteSource(endpoint, default_graph=graph_iri)
        elif graph_files:
            source = store.RdflibSource.from_files(graph_files)
        else:
            folder = reading_dir(out_dir)
            store.check_store(folder)
            source = store.OxigraphSource.open(folder / "store")
        if declared:
            check_values(source, bindings)
        results = source.run(text, bindings)
    except (ParameterError, store.UnknownQuery) as exc:
        raise click.UsageError(str(exc)) from exc
    except store.QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    output = store.format_results(results, fmt)
    if excel:
        output = "\ufeff" + output
    click.echo(output.encode("utf-8"), nl=False)


@cli.command()
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Build folder whose Oxigraph store (DIR/store) is served.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--memory", "in_memory", is_flag=True,
              help="Copy the store into memory first: faster queries, the whole graph held in RAM "
                   "(once per query process).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run (waiting for a free query process included); a query over "
                   "it is stopped and answered 503.")
@click.option("--workers", default=0, type=click.IntRange(min=0),
              help="Query processes, each running one query at a time (default: one per core, at least 4, at most 8).")
@click.option("--allow-service", is_flag=True,
              help="Allow SERVICE (federated queries): the server then fetches any address a query names.")
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Also answer requests addressed to NAME (Host header); loopback names and --host are "
                   "always accepted. Repeatable.")
def serve(out_dir: Path, host: str, port: int, in_memory: bool, timeout: float, workers: int, allow_service: bool,
          allowed_hosts: tuple[str, ...]) -> None:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint with a query page."""
    from graph import store
    from graph.generations import reading_dir
    from graph.serve import ServeOptions, SparqlEndpoint

    options = ServeOptions(timeout=timeout, workers=workers, allow_service=allow_service,
                           allowed_hosts=allowed_hosts)
    try:
        folder = reading_dir(out_dir)
        store.check_store(folder)
        server = SparqlEndpoint(folder / "store", host, port, in_memory, options)
    except store.QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can query this graph", err=True)
    click.echo(f"SPARQL endpoint (read-only): {server.url}/query — query page: {server.url}/ — "
               f"queries stop after {timeout:g} s — Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL 1.1 Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://localhost:3030/ds/data (Fuseki), http://localhost:8890/sparql-graph-crud (Virtuoso).")
@click.option("--graph-iri", default="https://w3id.org/plankg/id/graph", show_default=True, metavar="IRI",
              help="Named graph to replace with the built graph.")
@click.option("--graph-param", default="graph", show_default=True,
              help="Query parameter naming the graph (Virtuoso's sparql-graph-crud: graph-uri).")
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Build folder whose graph (DIR/store) is pushed.")
def push(endpoint: str, graph_iri: str, graph_param: str, out_dir: Path) -> None:
    """Upload the built graph into a named graph of a remote triple store (HTTP PUT)."""
    import tempfile

    from graph import store
    from graph.generations import reading_dir

    try:
        folder = reading_dir(out_dir)
        store.check_store(folder)
        with tempfile.TemporaryDirectory(prefix="plankg-push-") as tmp:
            dump = Path(tmp) / "graph.nt"
            store.dump_store(folder / "store", dump)
            triples = sum(1 for line in dump.open("rb") if line.strip())
            status = store.push_graph(endpoint, dump, graph_iri, graph_param)
    except store.QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"pushed {triples} triples into <{graph_iri}> at {endpoint} (HTTP {status})")


@cli.command()
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Build folder holding graph.ttl (or store/); analysis/ and analysis.ttl are written there.")
@click.option("--scope", type=click.Choice(["plan", "region", "all", "all-scopes"]), default="all-scopes",
              show_default=True, help="Scopes shown in the table: each plan, each region, all regions, or every kind. "
                                        "The files in DIR/analysis/ always hold every scope.")
@click.option("--lead-policy", type=click.Choice(["strict", "first-listed"]), default="strict", show_default=True,
              help="strict: only leads the documents mark; first-listed: also the first unit of an unmarked "
                   "list (marked inferred).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1),
              help="Leads listed per scope in the table and in overload.md.")
@click.option("--z-threshold", default=3.5, show_default=True, type=float,
              help="Flag a unit whose robust z-score of tasks led (median, scaled MAD) reaches this.")
@click.option("--share-threshold", default=0.25, show_default=True, type=click.FloatRange(0, 1),
              help="Flag a unit that leads at least this share of the scope's tasks with a lead.")
@click.option("--min-lead", default=3, show_default=True, type=click.IntRange(min=1),
              help="Never flag a unit that leads fewer tasks than this.")
@click.option("--min-share", default=0.15, show_default=True, type=click.FloatRange(0, 1),
              help="Never flag a unit that leads less than this share of the scope's tasks with a lead.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes (default: the machine's cores). Output does not depend on it.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@wait_option
def analyze(out_dir: Path, scope: str, lead_policy: str, top: int, z_threshold: float, share_threshold: float,
            min_lead: int, min_share: float, jobs: int | None, quiet: bool, wait: bool) -> None:
    """Measure unit workload, centrality and overloaded leads of the graph in --out."""
    from graph import store
    from graph.analysis import AnalysisInputError, AnalysisSettings, CentralityOptions, OverloadOptions, run_analysis
    from graph.analysis.report import terminal_table
    from graph.generations import next_generation

    options = OverloadOptions(z_threshold=z_threshold, share_threshold=share_threshold, min_lead=min_lead,
                              min_share=min_share)
    existing_folder(out_dir)
    with locked(out_dir, "analyze", wait):
        generation = None
        try:
            with next_generation(out_dir, keep=lambda name: name not in ("analysis", "analysis.ttl")) as generation:
                settings = AnalysisSettings(lead_policy=lead_policy, top=top, overload=options,
                                            centrality=CentralityOptions(workers=jobs or 0))
                result = run_analysis(generation, scope=scope, settings=settings)
                if (generation / "graph.ttl").is_file():  # the store holds the new analysis, not the old
                    store.build_store(generation)
        except (AnalysisInputError, store.QueryError) as exc:
            raise click.ClickException(published_paths(str(exc), generation, out_dir)) from exc
    if not quiet:
        click.echo(terminal_table(result, top=top))
        click.echo(f"{len(result.overloaded())} overloaded (unit, scope) pairs; wrote {out_dir / 'analysis'} "
                   f"and {out_dir / 'analysis.ttl'}")


@cli.command()
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Output folder holding report.json and analysis/; views/ and index.html are written there.")
@click.option("--max-nodes", default=250, show_default=True, type=click.IntRange(min=1),
              help="Most units a view draws (the heaviest leads); the page says what it leaves out.")
@click.option("--max-links", default=1500, show_default=True, type=click.IntRange(min=1),
              help="Most links a view draws (the strongest among the units drawn).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes (default: up to 4 of the machine's cores). Output does not depend on it.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@wait_option
def views(out_dir: Path, max_nodes: int, max_links: int, jobs: int | None, quiet: bool, wait: bool) -> None:
    """Write interactive HTML views (views/) and the dashboard (index.html) from the analysis in --out."""
    import dataclasses

    from graph.generations import next_generation
    from graph.views import ViewsInputError, build_views

    existing_folder(out_dir)
    with locked(out_dir, "views", wait):
        generation = None
        try:
            with next_generation(out_dir, keep=lambda name: name not in ("views", "index.html")) as generation:
                result = build_views(generation, max_nodes=max_nodes, max_links=max_links, jobs=jobs)
        except ViewsInputError as exc:
            raise click.ClickException(published_paths(str(exc), generation, out_dir)) from exc
    result = dataclasses.replace(result, out_dir=out_dir, index=out_dir / "index.html")  # the published paths
    if not quiet:
        click.echo(result.summary())


@cli.command()
@click.option("--xlsx", "xlsx_path", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Excel workbook to write: sheets assignments, indicators and units (with their loads).")
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Build folder whose store (DIR/store) is exported.")
def export(xlsx_path: Path, out_dir: Path) -> None:
    """Write the built graph's assignments, indicators and units with loads to one Excel workbook."""
    from graph import store
    from graph.generations import reading_dir
    from graph.spreadsheet import write_workbook

    try:
        folder = reading_dir(out_dir)
        store.check_store(folder)
        counts = write_workbook(store.OxigraphSource.open(folder / "store"), xlsx_path)
    except store.QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {xlsx_path}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {xlsx_path}: " + ", ".join(f"{name} {rows} rows" for name, rows in counts.items()))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``plankg`` console script."""
    try:
        cli.main(args=argv, prog_name="plankg", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
