"""The ``plankg`` command line: one verb per job (build, query, analyze, views …)."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plankg")
def cli() -> None:
    """plankg: plans, tasks, indicators and units as an RDF knowledge graph."""


@cli.command()
@click.argument("corpus", default="corpus", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="output", type=click.Path(path_type=Path), show_default=True,
              help="Folder to write graph.ttl, the report and the other outputs to.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on any problem with an input file.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def build(corpus: Path, out_dir: Path, strict: bool, quiet: bool) -> None:
    """Extract every plan in CORPUS and write the graph and report to --out."""
    from graph.pipeline import build_corpus

    if not corpus.exists():
        raise click.UsageError(f"corpus folder '{corpus}' does not exist")
    result = build_corpus(corpus, out_dir)
    for problem in result.problems:
        click.echo(f"warning: {problem.doc}: {problem.problem}", err=True)
    if not quiet:
        click.echo(result.summary())
    if not result.documents:
        sys.exit(2)
    if result.problems:
        sys.exit(1)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``plankg`` console script."""
    try:
        cli.main(args=argv, prog_name="plankg", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
