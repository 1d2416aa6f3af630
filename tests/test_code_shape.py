"""Code shape: no function in graph/ longer than 60 lines or with more than 8 parameters.

Functions decorated as click commands (``@cli.command()``, ``@click.command()``, ``@group.command(...)``)
are exempt from the parameter limit: click passes them one parameter per CLI option by design. They
still count for the line limit.
"""
from __future__ import annotations

import ast
from pathlib import Path

GRAPH = Path(__file__).resolve().parent.parent / "graph"
MAX_LINES = 60
MAX_PARAMS = 8


def _is_click_command(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a decorator makes the function a click command (``….command(…)``)."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr == "command":
            return True
    return False


def _params(args: ast.arguments) -> int:
    """Parameters of a function, ``self``/``cls``, ``*args`` and ``**kwargs`` included."""
    return (len(args.posonlyargs) + len(args.args) + len(args.kwonlyargs) + (args.vararg is not None)
            + (args.kwarg is not None))


def offenders() -> list[str]:
    """``path:line name (lines, params)`` of every function over a limit."""
    found = []
    for path in sorted(GRAPH.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            lines = node.end_lineno - node.lineno + 1
            params = _params(node.args)
            too_many = params > MAX_PARAMS and not _is_click_command(node)
            if lines > MAX_LINES or too_many:
                found.append(f"{path.relative_to(GRAPH.parent).as_posix()}:{node.lineno} {node.name} "
                             f"({lines} lines, {params} parameters)")
    return found


def test_no_function_above_60_lines_or_8_parameters():
    found = offenders()
    assert not found, (f"functions above {MAX_LINES} lines or {MAX_PARAMS} parameters (split them into named "
                       "steps, or group parameters that travel together into a frozen dataclass):\n"
                       + "\n".join(found))


def test_the_check_sees_long_functions_and_exempts_click_commands():
    source = ("import click\n\n@click.command()\ndef command(a, b, c, d, e, f, g, h, i):\n    pass\n\n"
              "def plain(a, b, c, d, e, f, g, h, i):\n    pass\n\n"
              "def long():\n" + "    x = 1\n" * 60)
    tree = ast.parse(source)
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert _is_click_command(functions["command"]) and not _is_click_command(functions["plain"])
    assert _params(functions["plain"].args) == 9
    assert functions["long"].end_lineno - functions["long"].lineno + 1 == 61


EXTRACTION_STAGES = ("ingest", "structure", "units.py", "agencies.py", "indicators.py", "measures.py",
                     "regions.py", "records.py")


def modules_importing(package: str, under: tuple[str, ...]) -> list[str]:
    """The modules of ``graph/`` under ``under`` (folders or files) that import ``package``."""
    found = []
    for name in under:
        target = GRAPH / name
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(n == package or n.startswith(package + ".") for n in names):
                    found.append(path.relative_to(GRAPH.parent).as_posix())
                    break
    return found


def test_the_extraction_stages_know_no_rdf_terms():
    """Only ``model`` (and the stages after it, and ``skos``, the reader of the ontology's schemes) hold
    rdflib terms: ingest, structure, units, agencies and indicators pass plain strings and records."""
    assert modules_importing("rdflib", EXTRACTION_STAGES) == []
    assert modules_importing("rdflib", ("model.py", "skos.py")) == ["graph/model.py", "graph/skos.py"]
