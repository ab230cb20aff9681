"""Writes the calibration example's file from the synthetic study's summary.json: the class
counts, five metric means with their standard errors (sd / sqrt(n)) and the correlation of
the observed matched share with security, as a researcher would copy them from a paper."""
import json
import math
import sys

summary_path, calibration_path = sys.argv[1], sys.argv[2]
summary = json.load(open(summary_path))
n = summary["n_dyads"]
classes = summary["classification"]
counts = {label: round(classes[label]["proportion"] * classes["n_assessed"]) for label in "ABCD"}
lines = [
    "# Written by scripts/calibration-example.sh from out/recovery_truth/summary.json (the synthetic",
    "# study of scenarios/recovery_truth.yaml): edit the script, not this file. The worked example",
    "# of docs/CALIBRATION.md: three parameters from wide ranges against a study's figures.",
    "name: calibrate_recovery",
    "base: recovery_base.yaml",
    "dyads: 250                 # per simulation",
    "seed: 20261203",
    "parameters:",
    "  caregiver.repair: {min: 0.05, max: 0.95}",
    "  caregiver.rejection.mean: {min: 0.02, max: 0.4}          # the mean of the base's beta",
    "  caregiver.support: {min: 0.05, max: 5, scale: log}",
    "targets:",
    "  - name: classes at 12 months (n = %d)" % classes["n_assessed"],
    "    classes: {A: %d, B: %d, C: %d, D: %d}" % tuple(counts[label] for label in "ABCD"),
]
for metric in ["matched_share", "median_repair_latency_s", "iwm_rejection", "mean_caregiver_stress",
               "ruptures_per_hour"]:
    moments = summary["metrics"][metric]
    lines.append("  - mean: {output: %s_mean, value: %.6g, se: %.4g}"
                 % (metric, moments["mean"], moments["sd"] / math.sqrt(moments["n"])))
correlation = next(v for v in summary["statistics"]["variables"] if v["variable"] == "matched_share")
lines.append("  - name: observed attunement with security")
lines.append("    correlation: {output: r_secure_matched_share, r: %.4f, n: %d}"
             % (correlation["point_biserial_r"], correlation["n_secure"] + correlation["n_insecure"]))
lines += ["history_matching: {waves: 3, points: 30, replicates: 2}",
          "abc: {method: smc, particles: 40, generations: 3, keep: 0.25}", ""]
open(calibration_path, "w").write("\n".join(lines))
