"""attune.trace: one dyad's day in memory, the rows `attune run --trace` writes."""
import pandas as pd
import pytest

import attune
from conftest import NORMATIVE, ROOT


def test_a_trace_is_the_command_lines_trace_of_that_dyad(tmp_path, cli):
    scenario = attune.load(NORMATIVE)
    for form in ("wide", "long"):
        cli("run", NORMATIVE, "--dyads", 2, "--seed", 11, "--threads", 1, "--trace", 2, "--trace-day", 40,
            "--trace-format", form, "--out", tmp_path / form)
        written = pd.read_csv(tmp_path / form / "traces.csv")
        expected = written[written["dyad_id"] == 1].reset_index(drop=True)
        trace = attune.trace(scenario, dyad=1, day=40, seed=11, format=form)
        if form == "wide":
            assert str(trace["matched"].dtype) == "bool" and str(trace["arousal"].dtype) == "float64"
            expected = expected.astype({flag: bool for flag in ("matched", "caregiver_engaged", "signalling",
                                                                "rupture", "repair")})
        else:
            assert {"infant", "caregiver", "dyad"} == set(trace["person"])
        pd.testing.assert_frame_equal(trace, expected)
    one, other = (attune.trace(scenario, dyad=dyad, day=40, seed=11) for dyad in (1, 0))
    assert not other["arousal"].equals(one["arousal"])  # each dyad its own life


def test_a_trace_refuses_a_day_outside_the_span_and_asks_for_an_arm():
    with pytest.raises(ValueError, match=r"day=365 is not an integer in \[0, 364\]"):
        attune.trace(NORMATIVE, day=365)
    assert (attune.trace(NORMATIVE, dyad=3)["day"] == 182).all()  # --trace-day's default
    with pytest.raises(ValueError, match="format='tall'"):
        attune.trace(NORMATIVE, format="tall")
    arms = attune.load(ROOT / "scenarios" / "intervention_home_visiting.yaml")
    with pytest.raises(ValueError, match="compares arms.*arm="):
        attune.trace(arms, day=10)
    with pytest.raises(ValueError, match="'placebo' is not an arm"):
        attune.trace(arms, day=10, arm="placebo")
    treated = attune.trace(arms, dyad=0, day=250, arm="home_visiting")
    control = attune.trace(arms, dyad=0, day=250, arm="control")
    assert len(treated) == len(control) and not treated.equals(control)  # the visits from month 6 tell
