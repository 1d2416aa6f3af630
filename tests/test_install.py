"""The package installs whole from a wheel: a venv holding only that wheel (its dependencies borrowed
from this interpreter) lists the query library and builds the shipped corpus."""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(args: list, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"   # a copy, so that building leaves nothing in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "graph", "ontology", "queries"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name, **({"ignore": shutil.ignore_patterns("__pycache__")}
                                             if (ROOT / name).is_dir() else {}))
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", source], cwd=tmp)
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here (no build backend reachable): {built.stderr[-500:]}")
    wheel = next((tmp / "dist").glob("plankg-*.whl"))
    venv = tmp / "venv"
    assert run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp).returncode == 0
    target = Path(run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                      cwd=tmp).stdout.strip())
    installed = run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, wheel], cwd=tmp)
    assert installed.returncode == 0, installed.stderr
    # the dependencies come from this interpreter's site-packages, listed after the venv's own
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
    (target / "zz_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    script = venv / "bin" / "plankg"
    script.write_text(f"#!{venv / 'bin' / 'python'}\nimport sys\nfrom graph.cli import main\n"
                      "if __name__ == '__main__':\n    sys.exit(main())\n", encoding="utf-8")   # as pip writes it
    script.chmod(0o755)
    return venv


def test_the_wheel_holds_the_package_and_its_data(wheel_venv: Path, tmp_path: Path):
    where = run([wheel_venv / "bin" / "python", "-c", "import graph, graph.files as f; print(graph.__file__); "
                 "print(f.data_dir('ontology')); print(f.data_dir('queries'))"], cwd=tmp_path)
    package, ontology, queries = where.stdout.split()
    assert str(wheel_venv) in package and not package.startswith(str(ROOT))
    assert Path(ontology) == Path(package).parent / "data" / "ontology"
    assert (Path(ontology) / "unit_shapes.json").is_file() and (Path(queries) / "lead-load.rq").is_file()


def test_plankg_from_the_wheel_lists_queries_and_builds_the_corpus(wheel_venv: Path, tmp_path: Path):
    plankg = wheel_venv / "bin" / "plankg"
    listed = run([plankg, "query", "--list"], cwd=tmp_path)
    assert listed.returncode == 0 and "lead-load" in listed.stdout and "compare-indicator" in listed.stdout
    built = run([plankg, "build", ROOT / "corpus", "--out", tmp_path / "out", "-q"], cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    for name in ("graph.ttl", "report.json", "analysis/units.csv", "index.html"):
        assert (tmp_path / "out" / name).is_file(), name
    asked = run([plankg, "query", "lead-load", "--param", "region=嘉善县", "-f", "csv", "--out", tmp_path / "out"],
                cwd=tmp_path)
    assert asked.returncode == 0 and "县农业农村局" in asked.stdout
