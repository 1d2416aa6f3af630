"""Extraction on a Dask cluster (``plankg build --dask ADDRESS``) gives the same graph as a local build."""
import shutil
from pathlib import Path

import pytest

from graph.pipeline import BuildOptions, build_corpus

distributed = pytest.importorskip("distributed", reason="the 'dask' extra is not installed")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_dask_build_is_byte_identical_to_a_local_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(CORPUS.glob("*.txt")):
        shutil.copy(f, corpus / f.name)
    (corpus / "empty.txt").write_bytes(b"")
    local = build_corpus(corpus, tmp_path / "local", BuildOptions(jobs=1, use_cache=False, validate=False, store=False))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = build_corpus(corpus, tmp_path / "dask", BuildOptions(use_cache=False, validate=False, store=False,
                                                                       dask_address=cluster.scheduler_address))
    assert remote.extracted == local.extracted == 6
    assert [p.doc for p in remote.problems] == [p.doc for p in local.problems] == ["empty.txt"]
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()
