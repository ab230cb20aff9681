#!/usr/bin/python3
"""Regenerates docs/PERFORMANCE.md from one `attune bench --json` file and the NumPy
reference's JSON (bench/numpy_step.py --json). Every figure in the document comes from
those two files; the prose around them is here.

Usage:
  /usr/bin/python3 scripts/performance_doc.py BENCH.json NUMPY.json [NUMPY.json...] [--out docs/PERFORMANCE.md]
                                              [--conditions TEXT]

--conditions: one sentence on the circumstances of the run (load, shared machine), which
the JSON cannot know; it is printed as given. The one command that runs everything:
bench/regenerate.sh.
"""
import argparse
import json
import os
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DAY_SECONDS = 6 * 300  # LifePlan's defaults: 6 bouts of 300 s a day
YEAR_DAYS = 365


def g(value, digits=3):
    """A figure with `digits` significant digits, thousands separated, no exponent below 10^9."""
    if value is None:
        return "n/a"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        exponent = int(exponent)
        if 0 < exponent < 9:
            return f"{value:,.0f}"
        return f"{mantissa} x 10^{exponent}"
    whole, _, fraction = text.partition(".")
    whole = f"{int(whole):,}" if whole.lstrip("-").isdigit() else whole
    return whole + ("." + fraction if fraction else "")


def pct(value, digits=0):
    return f"{100.0 * value:.{digits}f} %"


def figures_table(b):
    ins = b["instructions_per_dyad_second"]
    counted = ins["model"] is not None

    def instructions(key):
        return g(ins[key], 4) if ins[key] is not None else "not available on this machine"

    rows = [
        ("scalar floor", f"{b['floor_ns_per_dyad_second']:.2f}", instructions("scalar_floor")),
        (f"SIMD floor ({b['simd_target']}, {b['simd_lanes']} dyads per vector)",
         f"{b['simd_floor_ns_per_dyad_second']:.2f}", instructions("simd_floor")),
        ("model, 1 core", f"{b['model_ns_per_dyad_second']:.2f}", instructions("model")),
    ]
    out = ["| per dyad-second (one core, CPU time) | ns | instructions (user space) |", "|---|---|---|"]
    out += [f"| {name} | {ns} | {n} |" for name, ns, n in rows]
    out.append("")
    goal = "within" if b["model_over_simd_floor"] <= 1.5 else "not within"
    out.append(f"- **model / SIMD floor: {b['model_over_simd_floor']:.2f}** (goal: at most 1.5; {goal} it)")
    out.append(f"- model / scalar floor: {b['model_over_floor']:.2f}")
    out.append(f"- SIMD floor / scalar floor: {b['simd_floor_ns_per_dyad_second'] / b['floor_ns_per_dyad_second']:.2f}")
    out.append(f"- model on one core: {g(b['dyad_seconds_per_cpu_second_one_core'])} dyad-seconds per CPU second")
    out.append(f"- peak resident memory of the bench: {b['peak_rss_mib']:.1f} MiB")
    if not counted:
        out.append("")
        out.append(f"Instructions: {ins['note']}. No count is given rather than a guess; on a machine "
                   "with a hardware counter the bench fills these cells itself.")
    return "\n".join(out)


def scaling_table(b):
    out = ["| threads | dyad-seconds per wall second | speed-up | parallel efficiency | |", "|---|---|---|---|---|"]
    for row in b["scaling"]:
        mark = "oversubscribed: more threads than the machine's cores, not a scaling figure" if row["oversubscribed"] else ""
        out.append(f"| {row['threads']} | {g(row['dyad_seconds_per_wall_second'])} | {row['speedup']:.2f} | "
                   f"{pct(row['parallel_efficiency'])} | {mark} |")
    return "\n".join(out)


def sixteen_core_statement(b):
    measured = [r for r in b["scaling"] if r["threads"] == 16 and not r["oversubscribed"]]
    if measured:
        return (f"Parallel efficiency at 16 threads on this {b['cores']}-core machine: "
                f"**{pct(measured[0]['parallel_efficiency'])}** (goal: at least 90 %).")
    return (f"**No 16-core machine was available for these figures.** The scaling figures above are from "
            f"this {b['cores']}-core machine; rows above {b['cores']} threads are oversubscribed and say nothing "
            f"about scaling. The 90 % goal at 16 cores is therefore not measured. To measure it, on an otherwise "
            f"idle machine with at least 16 cores, run `bench/regenerate.sh` (its bench command is "
            f"`build/attune bench --threads 1,2,4,8,16 --json ...`); the 16-thread row's efficiency is the figure.")


def projection_text(b):
    p = b["projection"]
    model_ns = b["model_ns_per_dyad_second"]
    draw_us = b["parameter_draws"]["us_per_dyad"]
    dyad_seconds = YEAR_DAYS * DAY_SECONDS
    core_seconds = p["dyads"] * (dyad_seconds * model_ns * 1e-9 + draw_us * 1e-6)
    goal = "under" if p["minutes"] < 5 else "over"
    lines = [
        f"10^6 dyads x 12 months = {g(p['dyads'] * dyad_seconds)} dyad-seconds. At {model_ns:.2f} ns per dyad-second "
        f"on one core plus {g(draw_us)} µs of parameter draws per dyad, that is {g(core_seconds)} core-seconds; "
        f"on {p['cores']} cores at a parallel efficiency of {pct(p['parallel_efficiency'])}:",
        "",
        f"**{p['minutes']:.1f} minutes** ({g(p['seconds'])} s; goal: under 5 minutes, {goal} it). "
        f"At full efficiency, the least the job could take at this model speed: "
        f"{p['seconds_full_efficiency'] / 60.0:.1f} minutes.",
        "",
        f"Basis of the efficiency: {p['basis']}.",
    ]
    if not p["efficiency_measured_at_cores"]:
        lines.append("")
        lines.append("This projection is therefore an **assumption**, not a measurement of 16 cores: it holds only "
                     "if the efficiency measured here carries over, which is what the 16-core measurement is for. "
                     "It also assumes the bench's dyads (default parameters) cost what a scenario's drawn dyads "
                     "cost, and leaves out writing the outputs.")
    return "\n".join(lines)


def numpy_text(b, runs):
    n = runs[0]
    lines = [
        f"`bench/numpy_step.py` is the step as a researcher would write it in NumPy: one array per state "
        f"variable, one element per dyad, a Python loop over the seconds, the same {n['variates_per_dyad_second']} "
        f"variates per dyad-second (an event uniform and a caregiver uniform against cumulative thresholds, a "
        f"normal), default parameters; NumPy {n['numpy_version']}, Python {n['python_version']}, best of "
        f"{n['repeats']} (CPU time, one core):",
        "",
        "| | dyads per array | days | ns per dyad-second | / attune's model |",
        "|---|---|---|---|---|",
    ]
    for run in runs:
        same = run["dyads"] == b["dyads"] and run["days"] == b["days"]
        what = "NumPy, the bench's work" if same else "NumPy, other work"
        lines.append(f"| {what} | {g(run['dyads'])} | {run['days']} | {run['numpy_ns_per_dyad_second']:.1f} | "
                     f"{run['numpy_ns_per_dyad_second'] / b['model_ns_per_dyad_second']:.1f} |")
    lines.append(f"| attune, model | {g(b['dyads'])} | {b['days']} | {b['model_ns_per_dyad_second']:.2f} | 1 |")
    lines += [
        "",
        "NumPy pays a call's overhead for every array operation of every second, whatever the number of "
        "dyads, so with few dyads per array it is mostly overhead, and it gains with more dyads per array "
        "(a researcher would put a whole population in one); attune's cost per dyad-second does not depend on "
        "how many dyads run together, and it keeps a dyad's state in registers where NumPy reads and writes "
        "whole arrays for each of the step's dozens of operations.",
    ]
    return "\n".join(lines)


def document(b, n, conditions):
    ins_counted = b["instructions_per_dyad_second"]["model"] is not None
    instructions_method = (
        "The instruction counts are the measuring thread's, in user space, from the CPU's counter "
        "(`perf_event_open`, as `perf stat -e instructions:u`), best of the repeats."
        if ins_counted else
        "Instructions per dyad-second come from the CPU's instruction counter (`perf_event_open` on the measuring "
        "thread, user space, as `perf stat -e instructions:u`). This machine exposes no hardware counter "
        "(`perf stat -e instructions true` reports it as not supported), so the bench reports none; it never "
        "estimates one.")
    command = b.get("command", "attune bench")
    return f"""# Performance of the hot loop

<!-- Generated by scripts/performance_doc.py from `attune bench --json` and
bench/numpy_step.py --json: do not edit by hand; run bench/regenerate.sh. -->

The hot loop is the 1-second step of the micro-model (`models/interaction.hpp`), fed by the
xoshiro256++ engine (`sim/random/rng.hpp`) and the uniform and ziggurat-normal conversions
(`sim/random/random_variates.hpp`; across SIMD lanes `sim/random/random_lanes-inl.h`). One
simulated second of one dyad is a *dyad-second*; 12 months of one dyad are 365 days x 6 bouts x
300 s = {g(YEAR_DAYS * DAY_SECONDS)} dyad-seconds.

**Figures below:** produced by `{command}` at git revision `{b['git_revision']}` (attune
{b['attune_version']}) on {b['cpu']}, {b['cores']} hardware threads, SIMD target {b['simd_target']}, load average {b['load_average']:.1f}
as the bench ended (other processes' load slows the wall-clock figures most). {conditions}

## How to measure

```
build/attune bench [--dyads N] [--days D] [--threads T[,T...]] [--json FILE]
bench/regenerate.sh            # the bench, the NumPy reference and this document, in one command
```

In one run the bench measures, each timing the best of {b['repeats']} repeats (load from other
processes only ever slows a repeat down):

1. **the model on 1 core**: `N` dyads (default 256) of `D` days (default 60) with the default
   parameters, 6 bouts of 300 s a day, in groups of up to 8 consecutive dyads through
   `simulate_dyads` (as the driver runs them), on a 1-worker TBB arena; CPU time of the
   working thread;
2. **the model on each thread count of `--threads`** (a list, e.g. `1,2,4,8,16`; default 1 and
   all cores; 1 is always measured, as the baseline), wall time: the speed-up over 1 thread and
   the parallel efficiency (speed-up / threads). A count above the machine's cores is still run,
   but marked *oversubscribed*: its efficiency is not a scaling figure;
3. **the scalar floor and the SIMD floor** (below), each over as many dyad-seconds as the model
   simulated: the same dyads, each for its simulated seconds;
4. **parameter draws**: drawing a dyad's parameters as the driver does (its population stream,
   `PopulationSampler` on the compiled-in `normative` scenario), in µs per dyad, and their share
   of a 12-month dyad (draw / (draw + 365 x 1,800 dyad-seconds x the model's ns));
5. **the projection** of 10^6 dyads x 12 months on 16 cores (below).

`--json FILE` writes every figure, the CPU, core count, git revision, SIMD target, command line
and one row per thread count to FILE (atomically). No test asserts a timing;
`tests/sim/cli/bench_test.cpp` checks that the JSON has every field, that its ratios agree with
its rates, and that the thread list is parsed (and bad lists refused, exit 2).

Wall-clock figures depend on the machine and its load: compare ratios from one run. The one-core
figures are the CPU time of the thread that does the work, so time slices given to other
processes do not inflate them, but a busy machine still slows them (shared caches, frequency).
{instructions_method} For exactly repeatable counts on any machine, `valgrind --tool=callgrind
--toggle-collect='attune::simulate_dyad*'` counts instructions inside the dyad's life (build
with `-g` in a separate folder for line-level annotation; `-g` does not change the code).

## The floors: what a dyad-second cannot do without

The step draws a fixed number of variates per dyad-second: **2 uniforms and 1 normal** (an
event uniform deciding distress onset, fright or a change of state against cumulative
thresholds; a caregiver uniform deciding the whole response chain the same way; a normal for the
arousal innovation). The floors draw exactly these, from each dyad's own life stream, with the
same `uniform01` and ziggurat `standard_normal` (so the normal's slow path is taken as often),
and do the minimal arithmetic of a dyad-second: the arousal update (relaxation at a rate that
depends on the match, a distress jump, the innovation) and the four per-second tallies (seconds,
matched seconds, seconds at crying arousal, arousal sum), branch-free
(`sim/run/bench_floor.cpp`). What they leave out is what makes the model a model: the caregiver's
state, the cue's salience, the frustration of an unrepaired rupture, the episode bookkeeping, the
learning.

- **The scalar floor** steps one dyad at a time.
- **The SIMD floor** (`sim/run/bench_floor_simd.cpp`) steps the same dyads across the lanes of
  a vector, one dyad's xoshiro256++ stream per lane: {b['simd_lanes']} dyads per vector on this
  CPU ({b['simd_target']}). It uses Google Highway (Debian's `libhwy-dev`), compiled for each
  instruction set (AVX-512, AVX2, SSE4 and a scalar fallback) and dispatched at run time to the
  best the CPU has. It gives every dyad bitwise the scalar floor's tallies, on every compiled
  target the CPU runs (`tests/sim/run/bench_floor_simd_test.cpp`): the same numbers drawn, the
  same arithmetic in the same order, no fused multiply-adds (`-ffp-contract=off`).

Both floors are compiled in `sim/run` with the model's optimization (`-O3`); the command line's
own sources are compiled at `-O1`, which would make a floor there dishonestly slow. The SIMD
floor is the honest limit: the issue's goal is the model within 1.5 times of it.

## Figures

{b['dyads']} dyads x {b['days']} days = {g(b['dyad_seconds_per_measurement'])} dyad-seconds per
measurement, best of {b['repeats']}.

{figures_table(b)}

## Parameter draws

Drawing one dyad's parameters from the `normative` scenario ({b['parameter_draws']['dyads']}
dyads): **{g(b['parameter_draws']['us_per_dyad'])} µs per dyad**, {pct(b['parameter_draws']['share_of_12_month_dyad'], 2)}
of a 12-month dyad's time at the model's {b['model_ns_per_dyad_second']:.2f} ns per dyad-second.

## Scaling over threads

Wall time, the model, the same dyads at each count:

{scaling_table(b)}

{sixteen_core_statement(b)}

The design favours scaling: each dyad is independent (its own random streams, no shared mutable
state), a worker's working set is a group's records and the ziggurat tables, and the loop makes
no allocation or system call. The bench leaves out `attune run`'s hand-over of records to the
summaries (`sim/run/driver.cpp`).

## Projection: 10^6 dyads x 12 months on 16 cores

{projection_text(b)}

## Against NumPy

{numpy_text(b, n)}

## Earlier measurements

The profile of the earlier step (variable draws, branches on each draw), the changes that
made it faster and the memory measurements of `attune run` are kept, with their figures as
measured then, in `bench/HISTORY.md`; they are not regenerated.
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description="Regenerate docs/PERFORMANCE.md from bench JSON files.")
    parser.add_argument("bench", help="attune bench --json output")
    parser.add_argument("numpy", nargs="+", help="bench/numpy_step.py --json outputs (the first on the bench's work)")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "PERFORMANCE.md"))
    parser.add_argument("--conditions", default="", help="the circumstances of the run, in one sentence")
    args = parser.parse_args(argv)
    try:
        with open(args.bench) as f:
            bench = json.load(f)
        numpy_figures = []
        for path in args.numpy:
            with open(path) as f:
                numpy_figures.append(json.load(f))
        text = document(bench, numpy_figures, args.conditions.strip())
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"performance_doc.py: cannot read the figures: {e!r}", file=sys.stderr)
        return 1
    folder = os.path.dirname(os.path.abspath(args.out))
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".tmp") as f:
        f.write(text)
    os.replace(f.name, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
