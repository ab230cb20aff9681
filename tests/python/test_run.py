"""attune.run and attune.load: the command line's outputs, read into pandas."""
import json

import pytest

import attune
from conftest import NORMATIVE, ROOT

DYADS, SEED = 40, 7


@pytest.fixture(scope="module")
def folders(tmp_path_factory, cli):
    """The same scenario, dyads and seed run by the command line (2 threads) and by
    Python (1 thread) into folders of their own."""
    root = tmp_path_factory.mktemp("run")
    cli("run", NORMATIVE, "--dyads", DYADS, "--seed", SEED, "--threads", 2, "--out", root / "cli")
    run = attune.run(attune.load(NORMATIVE), dyads=DYADS, seed=SEED, threads=1, out=root / "python",
                     progress=False)
    return root, run


def test_a_run_writes_the_command_lines_files_byte_for_byte(folders):
    root, _ = folders
    for name in ("dyads.csv", "development.csv", "scenario.resolved.yaml"):
        assert (root / "cli" / name).read_bytes() == (root / "python" / name).read_bytes(), name
    by = {where: json.loads((root / where / "summary.json").read_text()) for where in ("cli", "python")}
    for made_by in ("command_line", "threads", "wall_seconds", "dyads_per_second", "dyad_seconds_per_second"):
        by["cli"].pop(made_by), by["python"].pop(made_by)
    assert by["cli"] == by["python"]


def test_a_run_reads_its_tables_typed(folders):
    root, run = folders
    assert run.out == str(root / "python")
    dyads = run.dyads
    assert list(dyads["dyad_id"]) == list(range(DYADS))
    assert str(dyads["dyad_id"].dtype) == "int64"
    assert str(dyads["matched_share"].dtype) == "float64"
    assert set(dyads["classification"]) <= set("ABCD")
    header = (root / "python" / "dyads.csv").read_text().splitlines()[0].split(",")
    assert list(dyads.columns) == header
    assert run.summary["n_dyads"] == DYADS and run.summary["seed"] == SEED
    assert "attune.run(" in run.summary["command_line"]
    assert list(run.development["month"]) == list(range(1, 13))
    assert (run.development["n_dyads"] == DYADS).all()
    assert run.arms == {} and run.comparison is None


def test_overrides_fix_a_parameter_and_are_recorded(folders, capfd):
    _, plain = folders
    assert plain.dyads["caregiver.repair"].nunique() > 1  # drawn without the override
    scenario = attune.load(NORMATIVE, overrides={"caregiver.repair": 0.7, "caregiver.detection.mean": 0.5})
    assert "repair: 0.7" in scenario.resolved_yaml()
    run = attune.run(scenario, dyads=DYADS, seed=SEED, threads=2, progress=True)
    assert run.out is None
    assert (run.dyads["caregiver.repair"] == 0.7).all()
    assert "overrides={'caregiver.repair': 0.7" in run.summary["command_line"]
    assert run.summary["overrides"] == ["caregiver.repair=0.7", "caregiver.detection.mean=0.5"]  # as --set's
    assert "# Override: caregiver.repair=0.7" in run.scenario_yaml
    assert "/%d" % DYADS in capfd.readouterr().err  # the bar asked for
    attune.run(scenario, dyads=DYADS, seed=SEED, threads=2, progress=False)
    assert capfd.readouterr().err == ""


def test_a_compressed_run_reads_the_same(folders):
    root, plain = folders
    run = attune.run(NORMATIVE, dyads=DYADS, seed=SEED, threads=2, out=root / "compressed", compress=True,
                     progress=False)
    assert (root / "compressed" / "dyads.csv.gz").exists() and not (root / "compressed" / "dyads.csv").exists()
    assert run.dyads.equals(plain.dyads)


def test_a_scenarios_issues_arrive_as_scenario_error_with_file_line_and_key(tmp_path):
    with pytest.raises(attune.ScenarioError) as raised:
        attune.load(NORMATIVE, overrides={"caregiver.repair": 1.7})
    assert isinstance(raised.value, ValueError)
    assert any(issue.startswith("overrides caregiver.repair=1.7") and "caregiver.repair" in issue
               for issue in raised.value.issues), raised.value.issues
    broken = tmp_path / "broken.yaml"
    broken.write_text("base: %s\nname: broken\ndyads: 10\npopulation:\n  caregiver:\n    repiar: 0.5\n"
                      % NORMATIVE)
    with pytest.raises(attune.ScenarioError) as raised:
        attune.load(broken)
    assert any(issue.startswith("%s:6:" % broken) and "repiar" in issue for issue in raised.value.issues), \
        raised.value.issues
    assert str(broken) in str(raised.value)


@pytest.mark.parametrize("arguments, error, message", [
    ({"dyads": 0}, ValueError, "dyads=0 is not an integer in [1, 100000000]"),
    ({"dyads": 100000001}, ValueError, "the limit on dyads of one run"),
    ({"dyads": 2.5}, TypeError, "dyads=2.5 is not an integer"),
    ({"seed": -1}, ValueError, "seed=-1 is not an integer in [0, 18446744073709551615]"),
    ({"threads": attune._engine.THREADS_PER_HARDWARE_THREAD * attune._engine.hardware_threads() + 1}, ValueError,
     "hardware threads of this machine"),
    ({"threads": True}, TypeError, "threads=True is not an integer"),
])
def test_bad_arguments_are_refused_before_anything_runs(arguments, error, message, tmp_path):
    with pytest.raises(error) as raised:
        attune.run(NORMATIVE, out=tmp_path / "out", **arguments)
    assert message in str(raised.value)
    assert not (tmp_path / "out").exists()


def test_bad_overrides_and_folders_are_value_errors(tmp_path):
    with pytest.raises(ValueError, match="is not a parameter key"):
        attune.load(NORMATIVE, overrides={"repair": 0.5})
    with pytest.raises(ValueError, match="nonsense"):
        attune.load(NORMATIVE, overrides={"caregiver.nonsense": 0.5})
    with pytest.raises(TypeError, match="a number, a bool or a string"):
        attune.load(NORMATIVE, overrides={"caregiver.repair": [0.5]})
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("not a run's")
    with pytest.raises(ValueError, match="notes"):
        attune.run(NORMATIVE, dyads=1, out=tmp_path / "notes", progress=False)
    assert (tmp_path / "notes" / "mine.txt").read_text() == "not a run's"


def test_a_scenario_with_arms_runs_each_arm():
    scenario = attune.load(ROOT / "scenarios" / "intervention_home_visiting.yaml")
    assert scenario.arms[0] == "control" and len(scenario.arms) > 1
    run = attune.run(scenario, dyads=12, threads=2, progress=False)
    assert list(run.arms) == scenario.arms
    assert list(run.comparison["arm"]) == scenario.arms
    for arm in run.arms.values():
        assert list(arm.dyads["dyad_id"]) == list(range(12))
    assert not run.arms["control"].dyads.equals(run.arms[scenario.arms[1]].dyads)
    assert "comparisons" in run.summary
    with pytest.raises(ValueError, match=r"compared arms \(control, .*run.arms\['control'\].dyads"):
        run.dyads
