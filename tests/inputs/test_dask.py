"""``annotate --dask ADDRESS``: the batch as a map on a Dask cluster (a LocalCluster on 127.0.0.1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.inputs.conftest import FIXTURES

distributed = pytest.importorskip("distributed")
SEED = REPO / "seeds" / "nato-no-fly-zone.txt"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


def annotate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", "annotate", *args], cwd=REPO, capture_output=True, text=True)


def test_the_cluster_gives_the_records_the_local_batch_gives(cluster, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "page.html").write_bytes((FIXTURES / "news_page.html").read_bytes())
    (tmp_path / "empty.md").write_text("\n")
    inputs = (str(tmp_path), str(FIXTURES / "wire.rss"))
    on_dask = annotate(*inputs, "--format", "jsonl", "--dask", cluster.scheduler_address)
    local = annotate(*inputs, "--format", "jsonl", "--jobs", "1")
    assert on_dask.returncode == local.returncode == 1  # the empty file fails, the others go on
    assert on_dask.stdout == local.stdout
    assert [json.loads(line)["path"] for line in on_dask.stdout.splitlines()] == [
        str(tmp_path / "page.html"), str(tmp_path / "sub" / "seed.txt"), f"{FIXTURES / 'wire.rss'}#1",
        f"{FIXTURES / 'wire.rss'}#2"]
    assert on_dask.stderr == local.stderr  # the failures listed, and nothing from Dask itself
    assert f"{tmp_path / 'empty.md'}: empty" in on_dask.stderr


def test_out_works_on_the_cluster(cluster, tmp_path):
    out = tmp_path / "out"
    assert annotate(str(SEED), "--out", str(out), "--dask", cluster.scheduler_address).returncode == 0
    assert json.loads((out / "nato-no-fly-zone.json").read_text(encoding="utf-8"))["statements"]


def test_files_are_shipped_so_workers_need_not_see_them(cluster, tmp_path):
    """The workers run in another folder: a relative path given to the client is read by the client."""
    (tmp_path / "page.html").write_bytes((FIXTURES / "news_page.html").read_bytes())
    result = subprocess.run([sys.executable, "-m", "tui", "annotate", "page.html", "--format", "json", "--dask",
                             cluster.scheduler_address], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["path"] == "page.html" and record["meta"]["author"] == "Maria Okafor"


def test_an_unreachable_scheduler_is_one_line():
    result = annotate(str(SEED), "--dask", "tcp://127.0.0.1:9", "--timeout", "1", "--format", "json")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
