#!/usr/bin/python3
"""The per-second step of attune's micro-model, vectorized across dyads with NumPy.

This is the reference a researcher would otherwise write: one array per state variable,
one element per dyad, a Python loop over the seconds. It has the shape of attune's step
(models/interaction.hpp) with a fixed number of variates per dyad-second:

  * an event uniform, against cumulative thresholds: distress onset (split into "with a
    rupture" and "without", the onset's size read from the position within its band),
    a frightening event, an untracked change of infant state;
  * a caregiver uniform, against cumulative thresholds: detection (and whether the
    response will be contingent) for a caregiver not yet engaged; for an engaged one the
    whole response chain (promptness, timing, reading, rejection, fit, disruption, and
    after a failure, repair or disengagement);
  * one normal, the arousal innovation (Euler-Maruyama, dt = 1 s).

Then the tallies and the distress signal episode's bookkeeping. It leaves out what a
first vectorized draft would: the caregiver's day-to-day variation, stressors, the
internal working model's learning (episodes are counted, not learned from). The numbers
are not attune's (other random streams, a simpler model around the step); the work per
dyad-second is the step's, which is what is timed.

Usage: /usr/bin/python3 bench/numpy_step.py [--dyads N] [--days D] [--repeats R] [--json FILE]
"""
import argparse
import csv
import json
import os
import platform
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PARAMETERS_CSV = os.path.join(HERE, "..", "models", "parameters.csv")
BOUTS_PER_DAY = 6
BOUT_SECONDS = 300
DAYS_PER_MONTH = 30.4375


def default_parameters(path=PARAMETERS_CSV):
    """The parameter table's defaults, by name (models/parameters.csv)."""
    with open(path, newline="") as f:
        return {row["name"]: float(row["default"]) for row in csv.DictReader(f)}


def per_second(rate):
    """A rate per second as the chance of at least one event in that second."""
    return 1.0 - np.exp(-rate)


def bout_context(p, age_months):
    """The per-second chances and rates of a day's bouts (models/bout_context.cpp, defaults)."""
    matured = 1.0 - np.exp(-age_months / p["maturation_months"])
    return {
        "self_regulation": p["self_regulation_birth"]
        + (p["self_regulation_mature"] - p["self_regulation_birth"]) * matured,
        "coregulation": p["coregulation"] * p["soothability"],
        "noise": p["arousal_noise"] * p["reactivity"],
        "onset": per_second(p["distress_onset_rate"] / 3600.0),
        "size": p["distress_onset_size"] * p["reactivity"],
        "width": p["distress_onset_width"],
        "threshold": p["cue_threshold"],
        "hysteresis": p["signal_hysteresis"],
        "cue_gain": p["cue_gain"] * p["cue_clarity"],
        "cue_base": min(1.0, p["cue_base"] * p["cue_clarity"]),
        "shift": per_second(p["affect_shift_rate"]),
        "mismatch_drive": p["mismatch_arousal"] * p["reactivity"],
        "mismatch_tolerance": p["mismatch_tolerance"],
        "crying": p["crying_arousal"],
        "detection": p["detection"],
        "reading": p["reading"] * p["cue_clarity"],
        "promptness": p["promptness"],
        "fit": p["fit"],
        "tracking": p["tracking"],
        "repair": p["repair"],
        "rejection": p["rejection"],
        "frightening": per_second(p["frightening_rate"] / 3600.0),
        "fright_in_distress": p["unresolved"] * p["unresolved_fright"],
        "disruption": p["disruption"],
        "contingency": p["contingency"],
        "window": round(p["contingency_window"]),
        "intrusion": p["intrusion_arousal"],
        "fright_arousal": p["fright_arousal"],
    }


def run_bout(c, n, rng, tally):
    """One bout of `n` dyads, second by second; adds to `tally` (a dict of arrays)."""
    arousal = np.zeros(n)
    matched = np.zeros(n, bool)
    engaged = np.zeros(n, bool)
    contingent = np.ones(n, bool)
    waited = np.zeros(n, np.int64)
    mismatch = np.zeros(n, np.int64)
    signalling = np.zeros(n, bool)
    relief = np.zeros(n, np.int64)
    tally["ruptures"] += 1  # a bout opens mismatched
    onset, tracking = c["onset"], c["tracking"]
    for _ in range(BOUT_SECONDS):
        u = rng.random((2, n))  # the event and the caregiver uniform
        event, care = u[0], u[1]

        # Stage 1, infant events: cumulative thresholds on the event uniform.
        fright_p = c["frightening"] + np.where(signalling & (relief == 0), c["fright_in_distress"], 0.0)
        onset_rupture = onset * (1.0 - tracking)  # an onset that breaks a match
        is_onset = event < onset
        position = np.where(event < onset_rupture, event / onset_rupture, (event - onset_rupture) / (onset - onset_rupture))
        arousal += np.where(is_onset, c["size"] * (1.0 - c["width"]) + c["size"] * 2.0 * c["width"] * position, 0.0)
        fright = ~is_onset & (event < onset + fright_p)
        arousal += np.where(fright, c["fright_arousal"], 0.0)
        shift = ~is_onset & ~fright & (event < onset + fright_p + c["shift"] * (1.0 - tracking))
        rupture = matched & ((event < onset_rupture) | fright | shift)
        tally["ruptures"] += rupture
        matched &= ~rupture
        engaged &= ~rupture
        mismatch[rupture] = 0

        # Stage 2, the caregiver: one uniform against cumulative thresholds.
        acting = ~matched & ~fright
        distress = arousal >= c["threshold"]
        salience = np.minimum(1.0, c["cue_base"] + np.where(distress, c["cue_gain"] * (arousal - c["threshold"]), 0.0))
        detect = c["detection"] * salience
        noticing = acting & ~engaged & (care < detect)
        contingent = np.where(noticing, care < detect * c["contingency"], contingent)
        answering = acting & engaged  # engaged before this second: a caregiver who just noticed answers later
        waited = np.where(noticing, 0, waited + answering)
        engaged |= noticing
        responds = answering & (care < c["promptness"])
        w = care / c["promptness"]  # position within the responding band
        in_time = contingent & (waited <= c["window"])
        read = c["reading"]
        rejected_p = np.where(distress, c["rejection"], 0.0)
        # Bands of w for a timely response: misread, rebuffed, intrusive, disrupted, fitting.
        misread_hi = 1.0 - read
        rebuffed_hi = misread_hi + read * rejected_p
        intrusive_hi = rebuffed_hi + read * (1.0 - rejected_p) * (1.0 - c["fit"])
        disrupted_hi = intrusive_hi + read * (1.0 - rejected_p) * c["fit"] * c["disruption"]
        lo = np.select([~in_time, w < misread_hi, w < rebuffed_hi, w < intrusive_hi, w < disrupted_hi],
                       [0.0, 0.0, misread_hi, rebuffed_hi, intrusive_hi], disrupted_hi)
        hi = np.select([~in_time, w < misread_hi, w < rebuffed_hi, w < intrusive_hi, w < disrupted_hi],
                       [1.0, misread_hi, rebuffed_hi, intrusive_hi, disrupted_hi], 1.0)
        fits = responds & in_time & (w >= disrupted_hi)
        fails = responds & ~fits
        over_aroused = responds & in_time & (w >= rebuffed_hi) & (w < disrupted_hi)
        arousal += np.where(over_aroused, c["intrusion"], 0.0)
        # After a failure the caregiver re-attunes at once (repair) or disengages: the
        # position within the failure's band decides.
        repaired = (w - lo) < c["repair"] * (hi - lo)
        engaged = np.where(fails, repaired, engaged & ~fits)
        waited = np.where(fails, 0, waited)
        tally["repairs"] += fits
        matched |= fits

        # Stage 3, regulation.
        rate = c["self_regulation"] + np.where(matched, c["coregulation"], 0.0)
        frustration = np.where(matched, 0.0, c["mismatch_drive"] * np.minimum(1.0, mismatch / c["mismatch_tolerance"]))
        arousal += frustration - rate * arousal + c["noise"] * rng.standard_normal(n)

        # Stage 4, tallies and the signal episode.
        tally["seconds"] += 1
        tally["matched_seconds"] += matched
        tally["high_seconds"] += arousal >= c["crying"]
        tally["arousal_sum"] += arousal
        mismatch += ~matched
        relief += signalling
        begins = ~signalling & (arousal >= c["threshold"])
        ends = signalling & (arousal < c["hysteresis"] * c["threshold"])
        tally["episodes"] += ends
        relief[begins] = 0
        signalling = (signalling | begins) & ~ends


def simulate(dyads, days, seed):
    """`dyads` dyads for `days` days of 6 bouts of 300 s; returns the tallies."""
    p = default_parameters()
    rng = np.random.default_rng(seed)
    tally = {k: np.zeros(dyads, np.int64) for k in ("seconds", "matched_seconds", "high_seconds", "ruptures",
                                                     "repairs", "episodes")}
    tally["arousal_sum"] = np.zeros(dyads)
    for day in range(days):
        c = bout_context(p, day / DAYS_PER_MONTH)
        for _ in range(BOUTS_PER_DAY):
            run_bout(c, dyads, rng, tally)
    return tally


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dyads", type=int, default=256, help="dyads (default 256, as attune bench)")
    parser.add_argument("--days", type=int, default=60, help="days of 6 bouts of 300 s (default 60, as attune bench)")
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats; the fastest counts (default 3)")
    parser.add_argument("--json", help="also write the figures to this file as JSON")
    args = parser.parse_args(argv)
    for name in ("dyads", "days", "repeats"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")

    dyad_seconds = args.dyads * args.days * BOUTS_PER_DAY * BOUT_SECONDS
    best = None
    for repeat in range(args.repeats):
        start = time.process_time()  # CPU time, as attune bench's one-core figures
        tally = simulate(args.dyads, args.days, seed=repeat + 1)
        elapsed = time.process_time() - start
        assert int(tally["seconds"].sum()) == dyad_seconds
        best = elapsed if best is None else min(best, elapsed)
    ns = 1e9 * best / dyad_seconds
    matched_share = float(tally["matched_seconds"].sum()) / dyad_seconds
    print(f"{args.dyads} dyads x {args.days} days: {dyad_seconds:.4g} dyad-seconds, best of {args.repeats}")
    print(f"NumPy step: {ns:.1f} ns per dyad-second (CPU time); matched share {matched_share:.3f}")
    if args.json:
        figures = {
            "numpy_ns_per_dyad_second": ns,
            "dyads": args.dyads,
            "days": args.days,
            "dyad_seconds": dyad_seconds,
            "repeats": args.repeats,
            "best_cpu_seconds": best,
            "matched_share": matched_share,
            "variates_per_dyad_second": 3,
            "numpy_version": np.__version__,
            "python_version": platform.python_version(),
            "cpu": cpu_model(),
            "command": " ".join([os.path.relpath(sys.argv[0])] + (sys.argv[1:] if argv is None else argv)),
        }
        folder = os.path.dirname(os.path.abspath(args.json))
        with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".tmp") as f:
            json.dump(figures, f, indent=2, sort_keys=True)
            f.write("\n")
        os.replace(f.name, args.json)  # atomically: a reader never sees half a file


if __name__ == "__main__":
    main()
