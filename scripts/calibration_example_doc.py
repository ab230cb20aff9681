"""Rewrites the result block of docs/CALIBRATION.md from a run of the calibration example:
each parameter's true value, posterior median and 95 % interval, and each target's fit."""
import csv
import json
import os
import sys

folder, seconds, cores, doc = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def number(value, form="%.4g"):
    """A figure of calibration.json, which writes null where it has none."""
    return "NA" if value is None else form % value


truth = {"caregiver.repair": 0.35, "caregiver.rejection.mean": 0.15, "caregiver.support": 1.0}
calibration = json.load(open(os.path.join(folder, "calibration.json")))
run = json.load(open(os.path.join(folder, "run.json")))
rows = ["| parameter | true | prior | posterior median | 95 % interval | interval / prior range | true value inside |",
        "|---|---|---|---|---|---|---|"]
for name, marginal in calibration["posterior"].items():
    lo, hi = marginal["interval95"]
    share = marginal["interval_share_of_range"]
    inside = lo is not None and hi is not None and lo <= truth[name] <= hi
    rows.append("| `%s` | %g | %g to %g%s | %s | %s to %s | %s | %s |" % (
        name, truth[name], marginal["prior"][0], marginal["prior"][1],
        " (log)" if marginal["scale"] == "log" else "", number(marginal["median"], "%.3g"), number(lo, "%.3g"),
        number(hi, "%.3g"), "NA" if share is None else "%.0f %%" % (100 * share), "yes" if inside else "**no**"))
fit = ["| target | output | observed (95 % interval) | simulated at the best point (95 % interval) | implausibility |",
       "|---|---|---|---|---|"]
for component in calibration["best"]["fit"]:
    fit.append("| %s | `%s` | %s (%s to %s) | %s (%s to %s) | %s |" % (
        component["target"], component["output"], number(component["observed"]),
        *map(number, component["observed_interval95"]), number(component["simulated"]),
        *map(number, component["simulated_interval95"]), number(component["implausibility"], "%.2f")))
waves = "; ".join("wave %d: %d of %d points not ruled out" % (w["wave"], w["not_ruled_out"], w["points"])
                  for w in calibration["waves"])
generations = "; ".join("generation %d: %d of %d kept, tolerance %s, effective sample size %.0f"
                        % (g["generation"] + 1, g["kept"], g["proposals"], number(g["tolerance"], "%.2f"),
                           g["effective_sample_size"])
                        for g in calibration["generations"])
block = "\n".join(rows) + "\n\n" + "\n".join(fit) + "\n\n" + (
    "History matching: %s. ABC-SMC: %s. The run took %d min %d s on %s cores; the bookkeeping "
    "(designs, emulators, weights, tables) took %.2f s, %.2f %% of the simulation time.\n"
    % (waves, generations, seconds // 60, seconds % 60, cores, run["bookkeeping_seconds"],
       100 * run["bookkeeping_share"]))
text = open(doc).read()
begin, end = "<!-- recovery-result:begin -->\n", "<!-- recovery-result:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(doc, "w").write(head + begin + block + end + tail)
