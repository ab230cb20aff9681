"""attune.sweep: the command line's sweep, stopped and resumed."""
import pytest

import attune
from conftest import NORMATIVE

SWEEP = """name: small
base: %s
dyads: 10
seed: 5
design: grid
axes:
  caregiver.repair: {min: 0.2, max: 0.7, steps: 6}
"""


class Stop(Exception):
    pass


def test_a_sweep_stopped_and_resumed_writes_the_command_lines_cells(tmp_path, cli):
    path = tmp_path / "small.yaml"
    path.write_text(SWEEP % NORMATIVE)
    cli("sweep", path, "--threads", 1, "--out", tmp_path / "cli")
    out = tmp_path / "python"

    def stop(done, total):
        raise Stop()  # as Ctrl-C would, at the watch's first look

    with pytest.raises(Stop):
        attune._engine.sweep(str(path), [], 0, 1, str(out), False, False, False, "test", stop)
    finished = sorted((out / "cells").iterdir())
    assert 0 < len(finished) < 6 and all(cell.name.isdigit() for cell in finished)  # no staging folder left
    assert not (out / "COMPLETE").exists() and not (out / "cells.csv").exists()
    sweep = attune.sweep(path, threads=1, out=out, resume=True, progress=False)
    assert (out / "cells.csv").read_bytes() == (tmp_path / "cli" / "cells.csv").read_bytes()
    assert list(sweep.cells["caregiver.repair"]) == pytest.approx([0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    assert (sweep.cells["n_dyads"] == 10).all() and len(sweep.failures) == 0
    assert sweep.indices is None and sweep.out == str(out)


def test_a_sweep_into_a_temporary_folder_and_its_refusals(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text((SWEEP % NORMATIVE).replace("steps: 6", "steps: 2"))
    sweep = attune.sweep(path, overrides={"caregiver.detection": 0.3}, dyads=4, threads=2)
    assert sweep.out is None and list(sweep.cells["n_dyads"]) == [4, 4]
    assert sweep.provenance["overrides"] == ["caregiver.detection=0.3"]
    with pytest.raises(attune.ScenarioError, match="overrides caregiver.repair=0.5.*axis"):
        attune.sweep(path, overrides={"caregiver.repair": 0.5})
    with pytest.raises(ValueError, match="give out="):
        attune.sweep(path, resume=True)
    with pytest.raises(ValueError, match="only keep_dyads=True keeps"):  # as the command line refuses it
        attune.sweep(path, compress=True)
    path.write_text("name: small\nbase: %s\naxes:\n  caregiver.repiar: {values: [1]}\n" % NORMATIVE)
    with pytest.raises(attune.ScenarioError, match="repiar"):
        attune.sweep(path)
