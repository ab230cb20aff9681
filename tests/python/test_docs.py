"""docs/PYTHON.md's code runs as written (with fewer dyads) and draws its figure."""
import importlib.util

import matplotlib.pyplot as plt

import attune
from conftest import ROOT


def load_runner():
    spec = importlib.util.spec_from_file_location("python_doc", ROOT / "scripts" / "python_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_python_docs_blocks_run_and_draw_share_b_against_repair(tmp_path, monkeypatch):
    runs, sweeps = [], []
    real_run, real_sweep = attune.run, attune.sweep

    def small_run(scenario, dyads=None, **given):
        runs.append(dyads)
        return real_run(scenario, dyads=24, **given)

    def small_sweep(path, **given):
        sweeps.append(path)
        return real_sweep(path, dyads=4, **dict(given, threads=2))

    monkeypatch.setattr(attune, "run", small_run)
    monkeypatch.setattr(attune, "sweep", small_sweep)
    monkeypatch.chdir(ROOT)
    plt.close("all")
    runner = load_runner()
    assert len(runner.blocks((ROOT / "docs" / "PYTHON.md").read_text())) >= 4
    namespace = runner.run(str(ROOT / "docs" / "PYTHON.md"), str(tmp_path / "figure.png"))
    assert runs == [2000] and sweeps == ["scenarios/sweep_sensitivity_repair.yaml"]
    assert namespace["run"].summary["n_dyads"] == 24
    assert (tmp_path / "figure.png").stat().st_size > 10000
    cells = namespace["cells"]
    lines = plt.gcf().axes[0].get_lines()
    assert len(lines) == cells["caregiver.detection"].nunique() == 3
    assert list(lines[0].get_xdata()) == sorted(cells["caregiver.repair"].unique())
    assert list(lines[0].get_ydata()) == list(cells[cells["caregiver.detection"] == 0.25]
                                              .sort_values("caregiver.repair")["share_B"])
    plt.close("all")
    assert (ROOT / "docs" / "python_share_b.png").exists()  # the figure the doc shows
