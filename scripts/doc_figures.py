"""The figures that docs/MODEL.md and README.md quote from runs, produced by runs.

Each figure sits between `<!-- figures:NAME:begin -->` and `<!-- figures:NAME:end -->`
(on one line for a figure inside a sentence, on lines of their own for a table). This
script runs the shipped scenarios at their own size and seed into a folder, then rewrites
every block from the runs' summary.json and dyads.csv; run by scripts/update-doc-figures.sh.

  doc_figures.py --list-blocks            the block names this script produces, one a line
  doc_figures.py --check ROOT             every block present once in its file (exit 1 if not)
  doc_figures.py --update ROOT ATTUNE WORK   run into WORK with the binary ATTUNE, rewrite the docs

A block in a doc that this script does not produce, or one it produces that a doc lacks,
is an error: a figure cannot be typed into a doc without a run behind it.
"""
import csv
import json
import math
import os
import re
import subprocess
import sys
import time

CLASSES = "ABCD"
MARKER = re.compile(r"<!-- figures:([a-z0-9-]+):(begin|end) -->")


# ---------------------------------------------------------------- formatting

def thousands(n):
    return "{:,}".format(int(n))


def pct(p, digits=1):
    return "%.*f" % (digits, 100 * p)


def pct_ci(p, ci, digits=1):
    return "%s [%s, %s]" % (pct(p, digits), pct(ci[0], digits), pct(ci[1], digits))


def dec(x, digits=2, sign=False):
    text = ("%+.*f" if sign else "%.*f") % (digits, x)
    return text.replace("-", "−") if sign else text


def signed(x, digits=2):
    """+1.50 / −2.09, as the doc writes effect sizes."""
    return dec(x, digits, sign=True)


def plain(x, digits=3):
    """A value as the table writes it, without trailing zeros (0.05, 180)."""
    return ("%.*g" % (digits, x)) if isinstance(x, float) else str(x)


def distribution(value):
    """A scenario's parameter value in words: 0.35, U(0.6, 1), mixture (40 % 0, 60 % U(0.1, 1))."""
    if not isinstance(value, dict):
        return plain(value)
    if "value" in value and "dist" not in value:
        return plain(value["value"])
    kind = value.get("dist")
    if kind == "uniform":
        return "U(%s, %s)" % (plain(value["min"]), plain(value["max"]))
    if kind == "mixture":
        return "mixture (%s)" % ", ".join("%s %% %s" % (plain(100 * c["weight"]), distribution(c))
                                          for c in value["components"])
    fields = ", ".join("%s %s" % (k, plain(v)) for k, v in value.items() if k != "dist")
    return "%s(%s)" % (kind, fields)


# ---------------------------------------------------------------- runs

class Runs:
    """The run folders under WORK, read on demand."""

    def __init__(self, root, work):
        self.root, self.work = root, work
        self._summaries = {}

    def folder(self, name):
        return os.path.join(self.work, name)

    def summary(self, name, arm=None):
        key = (name, arm)
        if key not in self._summaries:
            path = os.path.join(self.folder(name), *(("arms", arm) if arm else ()), "summary.json")
            self._summaries[key] = json.load(open(path))
        return self._summaries[key]

    def classes(self, name):
        """dyad_id -> first Strange Situation class, from dyads.csv."""
        with open(os.path.join(self.folder(name), "dyads.csv"), newline="") as source:
            return {row["dyad_id"]: row["classification"] for row in csv.DictReader(source)}

    def scenario_file(self, name):
        return os.path.join(self.root, "scenarios", name + ".yaml")

    def scenario_yaml(self, name):
        import yaml  # Debian's python3-yaml; only the rewrite needs it, not --check or --list-blocks
        return yaml.safe_load(open(self.scenario_file(name)))


def variant(root, work, source, name, replacements):
    """A scenario written into WORK: SOURCE's text with its `base:` made absolute and each
    (old, new) replaced exactly once (for what a child file cannot change: lists replace
    whole); the file's path."""
    text = open(os.path.join(root, "scenarios", source)).read()
    base = re.search(r"^base: *(\S+)", text, re.M)
    if base:
        text = text.replace(base.group(0), "base: " + os.path.join(root, "scenarios", base.group(1)), 1)
    for old, new in replacements:
        if text.count(old) != 1:
            sys.exit("doc_figures: scenarios/%s holds %r %d times, not once: the variant %s cannot be made"
                     % (source, old, text.count(old), name))
        text = text.replace(old, new)
    path = os.path.join(work, name + ".yaml")
    open(path, "w").write(text)
    return path


def table_default(root, group, name):
    with open(os.path.join(root, "models", "parameters.csv"), newline="") as source:
        for row in csv.DictReader(source):
            if row["group"] == group and row["name"] == name:
                return float(row["default"])
    sys.exit("doc_figures: no row %s.%s in models/parameters.csv" % (group, name))


RISKS = ["risk_depression", "risk_poverty", "risk_violence", "risk_trauma", "risk_substance", "risk_infant_cues",
         "risk_combined"]


def run_all(root, attune, work, threads):
    """Every run the blocks read, each at its file's own dyads and seed. A run whose folder in
    WORK is complete (the .sh gives a fresh WORK; a WORK given again by hand is reused) is kept."""
    root = os.path.abspath(root)
    os.makedirs(work, exist_ok=True)
    poverty_stress = table_default(root, "stressors", "poverty_stress")
    jobs = [("run", name, os.path.join(root, "scenarios", name + ".yaml"))
            for name in ["normative", *RISKS, "still_face", "two_caregivers", "intervention_home_visiting"]]
    child = os.path.join(work, "risk_poverty_table_stress.yaml")
    open(child, "w").write("# doc_figures.py: risk_poverty.yaml with poverty_stress at the table's default\n"
                           "base: %s\npopulation: {stressors: {poverty_stress: %r}}\n"
                           % (os.path.join(root, "scenarios", "risk_poverty.yaml"), poverty_stress))
    jobs.append(("run", "risk_poverty_table_stress", child))
    jobs.append(("run", "two_caregivers_no_resemblance",
                 variant(root, work, "two_caregivers.yaml", "two_caregivers_no_resemblance",
                         replacements=[("resemblance: 0.5", "resemblance: 0.0")])))
    jobs.append(("run", "normative_repeated",
                 variant(root, work, "normative.yaml", "normative_repeated",
                         replacements=[("span_days: 365", "span_days: 610"),
                                       ("ages_months: [12]", "ages_months: [12, 20]")])))
    jobs.append(("sweep", "sweep_sensitivity_repair", os.path.join(root, "scenarios", "sweep_sensitivity_repair.yaml")))
    for command, name, path in jobs:
        out = os.path.join(work, name)
        if os.path.exists(os.path.join(out, "summary.json" if command == "run" else "cells.csv")):
            continue
        args = [attune, command, path, "--out", out] + (["--threads", str(threads)] if threads else [])
        start = time.time()
        result = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            sys.exit("doc_figures: %s failed (exit %d):\n%s" % (" ".join(args), result.returncode, result.stderr))
        print("doc_figures: %-32s %5.1f s" % (name, time.time() - start), file=sys.stderr)


# ---------------------------------------------------------------- blocks

def size_and_seed(summary):
    return "%s dyads, seed %s" % (thousands(summary["n_dyads"]), summary["seed"])


def normative_metrics(runs):
    s = runs.summary("normative")
    m = s["metrics"]
    return ("Result for the normative population (%s): matched share %s, median of the dyads' median repair "
            "latency %s s, %s %% of ruptures repaired." % (
                size_and_seed(s), dec(m["matched_share"]["mean"]),
                plain(m["median_repair_latency_s"]["quantiles"]["p50"]), pct(m["repaired_share"]["mean"], 0)))


def normative_classes(runs):
    s = runs.summary("normative")
    c = s["classification"]
    traits = s.get("traits_classifier") or {}
    text = "Result (%s; Wilson 95 %% intervals): %s." % (
        size_and_seed(s), ", ".join("%s %s %%" % (k, pct_ci(c[k]["proportion"], c[k]["ci95"])) for k in CLASSES))
    if traits.get("kappa") is not None:
        text += (" A depth-3 classification tree on the drawn traits alone predicts the class of held-out dyads "
                 "with Cohen's κ = %s [%s, %s] (`traits_classifier`)." % (
                     dec(traits["kappa"]), dec(traits["kappa_ci95"][0]), dec(traits["kappa_ci95"][1])))
    return text


def security_variable(runs, name):
    s = runs.summary("normative")
    for v in s["statistics"]["variables"]:
        if v["variable"] == name:
            return v
    sys.exit("doc_figures: the normative run's statistics have no %s" % name)


def normative_detection_security(runs):
    v = security_variable(runs, "caregiver.detection")
    return "%s [%s, %s] (%s dyads)" % (dec(v["point_biserial_r"], 3), dec(v["point_biserial_ci95"][0], 3),
                                       dec(v["point_biserial_ci95"][1], 3),
                                       thousands(runs.summary("normative")["classification"]["n_assessed"]))


def normative_other_security(runs):
    r = [dec(security_variable(runs, "caregiver." + n)["point_biserial_r"])
         for n in ("rejection", "inconsistency", "unresolved")]
    return "rejection (%s), inconsistency (%s) and unresolved loss or trauma (%s)" % tuple(r)


def normative_observed_security(runs):
    v = security_variable(runs, "observed_sensitivity")
    return "%s [%s, %s] (%s dyads)" % (dec(v["point_biserial_r"], 3), dec(v["point_biserial_ci95"][0], 3),
                                       dec(v["point_biserial_ci95"][1], 3),
                                       thousands(runs.summary("normative")["classification"]["n_assessed"]))


def normative_stability(runs):
    """Agreement of the classes at 12 and 20 months: Cohen's kappa with its large-sample
    95 % interval (SE sqrt(po (1 - po) / (n (1 - pe)^2)), Cohen 1960)."""
    s = runs.summary("normative_repeated")
    with open(os.path.join(runs.folder("normative_repeated"), "dyads.csv"), newline="") as source:
        pairs = [(r["classification"], r["classification_2"]) for r in csv.DictReader(source)
                 if r["classification"] in CLASSES and r["classification_2"] in CLASSES]
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    chance = sum((sum(a == k for a, _ in pairs) / n) * (sum(b == k for _, b in pairs) / n) for k in CLASSES)
    kappa = (observed - chance) / (1 - chance)
    se = math.sqrt(observed * (1 - observed) / (n * (1 - chance) ** 2))
    d_kept = sum(a == "D" and b == "D" for a, b in pairs)
    d_first = sum(a == "D" for a, _ in pairs)
    return ("%s %% keep their class from 12 to 20 months (κ = %s [%s, %s]; %s dyads, seed %s); of the %d "
            "disorganized at 12 months, %d are at 20" % (pct(observed, 0), dec(kappa), dec(kappa - 1.96 * se),
                                                       dec(kappa + 1.96 * se), thousands(n), s["seed"], d_first,
                                                       d_kept))


def calibration_fit(runs):
    """The fit of scripts' calibration run (ATTUNE_CALIBRATION_DIR, the output folder of
    `attune calibrate scenarios/calibrate_normative.yaml`); None (the block kept as it is)
    when no folder is given: a calibration takes far longer than these runs."""
    folder = os.environ.get("ATTUNE_CALIBRATION_DIR")
    if not folder:
        print("doc_figures: ATTUNE_CALIBRATION_DIR not set: figures:calibration-fit kept as it is", file=sys.stderr)
        return None
    c = json.load(open(os.path.join(folder, "calibration.json")))
    lines = ["Free parameters (posterior median and 95 % interval; the defaults are the best point):", "",
             "| parameter | prior range | posterior median | 95 % interval | best point |", "|---|---|---|---|---|"]
    best = c["best"]["parameters"]
    for name, p in c["posterior"].items():
        lines.append("| `%s` | %s–%s | %s | %s–%s | %s |" % (
            name, plain(p["prior"][0]), plain(p["prior"][1]), plain(p["median"]), plain(p["interval95"][0]),
            plain(p["interval95"][1]), plain(best[name])))
    lines += ["", "Targets at the best point (%s replicates):" % c["best"]["fit"][0].get("replicates", "–"), "",
              "| target | output | observed | simulated | implausibility |", "|---|---|---|---|---|"]
    for row in c["best"]["fit"]:
        lines.append("| %s | %s | %s | %s | %s |" % (row["target"], row["output"], plain(row["observed"]),
                                                    plain(row["simulated"]), dec(row["implausibility"])))
    return "\n".join(lines)


def sweep_detection(runs):
    """B share at each detection value of the detection x repair grid, pooled over repair."""
    with open(os.path.join(runs.folder("sweep_sensitivity_repair"), "cells.csv"), newline="") as source:
        rows = list(csv.DictReader(source))
    pooled = {}
    for row in rows:
        d = float(row["caregiver.detection"])
        secure, assessed = pooled.get(d, (0, 0))
        n = int(float(row["n_assessed"]))
        pooled[d] = (secure + round(float(row["share_B"]) * n), assessed + n)
    levels = sorted(pooled)
    per_cell = int(rows[0]["n_dyads"])
    return "(B %s %% at detection %s, pooled over the grid's %d repair values: %s dyads each)" % (
        ", ".join(pct(pooled[d][0] / pooled[d][1], 0) for d in levels), ", ".join(plain(d) for d in levels),
        len(rows) // len(levels), thousands(per_cell * len(rows) // len(levels)))


def still_face(runs):
    s = runs.summary("still_face")
    sf = s["still_face"]
    measures = ("negative_affect", "positive_affect", "gaze")
    lines = ["Result for `scenarios/still_face.yaml` (%s), share of seconds:" % size_and_seed(s), "",
             "| phase | negative affect | positive affect | gaze |", "|---|---|---|---|"]
    for phase, label in (("play", "play"), ("still_face", "still face"), ("reunion", "reunion")):
        lines.append("| %s | %s |" % (label, " | ".join(dec(sf[phase][m]["mean"], 3) for m in measures)))
    e = sf["effect_sizes"]

    def effects(pair):
        return ", ".join(signed(e[pair][m]["d"]) for m in measures)

    lines += ["", "d_av play → still face (negative affect, positive affect, gaze): %s;" % effects("play_vs_still_face"),
              "still face → reunion: %s; play → reunion: %s;" % (effects("still_face_vs_reunion"),
                                                               effects("play_vs_reunion")),
              "recovery %s." % dec(sf["recovery"]["mean"])]
    return "\n".join(lines)


def comparison_of(runs, arm):
    for c in runs.summary("intervention_home_visiting")["comparisons"]:
        if c["arm"] == arm:
            return c
    sys.exit("doc_figures: intervention_home_visiting has no arm %s" % arm)


def home_visiting(runs):
    s = runs.summary("intervention_home_visiting")
    visits, both = comparison_of(runs, "home_visiting"), comparison_of(runs, "home_visiting_and_services")
    b1, b2 = visits["classification"]["B"], both["classification"]["B"]

    def change(d):
        return "%s points [%s, %s]" % (pct(d["difference"]), pct(d["ci95"][0]), pct(d["ci95"][1]))

    events = [abs(c["metrics"][m]["difference"]) for c in (visits, both)
              for m in ("days_ill", "days_violence", "days_depressed")]
    same = ("differ by exactly 0" if max(events) == 0 else
            "differ by at most %s days on average" % plain(max(events)))
    return ("At %s B changes by %s with visits (%d dyads become secure, %d stop being so; Cohen's h %s) and by %s "
            "with visits and services (h %s), arm minus control with paired intervals; life events are the same in "
            "every arm (the days of illness, violence and depression %s)" % (
                "%s dyads (seed %s)" % (thousands(s["n_dyads"]), s["seed"]), change(b1), b1["arm_only"], b1["control_only"], dec(b1["cohens_h"]), change(b2),
                dec(b2["cohens_h"]), same))


def home_visiting_widths(runs):
    """Half-width of the paired interval of the B difference, and of Newcombe's (1998)
    independent-samples interval (method 10) from the two arms' Wilson intervals."""
    s = runs.summary("intervention_home_visiting")
    paired = comparison_of(runs, "home_visiting")["classification"]["B"]
    arm = runs.summary("intervention_home_visiting", "home_visiting")["classification"]["B"]
    control = runs.summary("intervention_home_visiting", "control")["classification"]["B"]
    p1, (l1, u1) = arm["proportion"], arm["ci95"]
    p2, (l2, u2) = control["proportion"], control["ci95"]
    lo = math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return "at %s dyads is ±%s points, against ±%s" % (
        thousands(s["n_dyads"]), pct((paired["ci95"][1] - paired["ci95"][0]) / 2), pct((lo + hi) / 2))


def risk_table(runs):
    names = ["normative", *RISKS]
    lines = ["Class shares in % with Wilson 95 % intervals, each scenario at its file's own size and seed:", "",
             "| scenario | what changes | dyads | A | B | C | D | matched share |", "|---|---|---|---|---|---|---|---|"]
    for name in names:
        s = runs.summary(name)
        c = s["classification"]
        label = name if name == "normative" else "`%s.yaml`" % name
        changes = "—"
        if name != "normative":
            population = runs.scenario_yaml(name).get("population", {})
            changes = "; ".join("%s %s" % (key, distribution(value)) for group in population.values()
                                for key, value in group.items())
        lines.append("| %s | %s | %s | %s | %s |" % (
            label, changes, thousands(s["n_dyads"]),
            " | ".join(pct_ci(c[k]["proportion"], c[k]["ci95"]) for k in CLASSES),
            dec(s["metrics"]["matched_share"]["mean"], 3)))
    return "\n".join(lines)


def mcnemar(a, b):
    """B in run a against run b over the same dyads: shares and McNemar's z = (n10 - n01)/sqrt(n10 + n01)."""
    pairs = [(a[k] == "B", b[k] == "B") for k in a if k in b and a[k] in CLASSES and b[k] in CLASSES]
    only_a = sum(x and not y for x, y in pairs)
    only_b = sum(y and not x for x, y in pairs)
    z = (only_a - only_b) / math.sqrt(only_a + only_b) if only_a + only_b else 0.0
    return (sum(x for x, _ in pairs) / len(pairs), sum(y for _, y in pairs) / len(pairs), z, len(pairs))


def risk_combined_components(runs):
    combined = runs.classes("risk_combined")
    s = runs.summary("risk_combined")
    parts = []
    for name, label in (("risk_depression", "depression's"), ("risk_poverty", "poverty's"),
                        ("risk_violence", "violence's")):
        mine, theirs, z, n = mcnemar(combined, runs.classes(name))
        parts.append("%s %s %% (z = %s)" % (label, pct(theirs), dec(-z, 1)))
    return ("dyad by dyad (%s; McNemar's z over the %s dyads assessed in both, positive where the combined "
            "profile has fewer secure), B with the combined profile is %s %% against %s" % (size_and_seed(s), thousands(n), pct(mine), ", ".join(parts[:-1]) + " and " +
                                   parts[-1]))


def risk_d_overshoot(runs):
    shares = [runs.summary(n)["classification"]["D"]["proportion"] for n in ("risk_violence", "risk_trauma")]
    return "(%s %% and %s %%)" % (pct(shares[0], 0), pct(shares[1], 0))


def risk_poverty_default(runs):
    default = runs.summary("risk_poverty_table_stress")
    scenario = runs.scenario_yaml("risk_poverty")["population"]["stressors"]["poverty_stress"]
    b = default["classification"]["B"]
    return ("`poverty_stress` at the table's default %s takes B to %s %% (%s dyads); the poverty scenario uses %s "
            "(B %s %%)" % (plain(table_default(runs.root, "stressors", "poverty_stress")),
                           pct_ci(b["proportion"], b["ci95"]), thousands(default["n_dyads"]), distribution(scenario),
                           pct(runs.summary("risk_poverty")["classification"]["B"]["proportion"])))


def kappa_text(k, digits=2):
    lo, hi = k["kappa_ci95"]
    return "κ = %s, 95%% CI %s%s%s" % (dec(k["kappa"], digits).replace("-", "−"), dec(lo, digits).replace("-", "−"),
                                      " to " if lo < 0 else "–", dec(hi, digits).replace("-", "−"))


def family_concordance(runs):
    s = runs.summary("two_caregivers")
    family = s["family"]
    shares = ["%s%s %s %%" % (c["name"], " A/B/C/D" if k == 0 else "",
                               "/".join(pct(c["classification"][x]["proportion"] or 0, 0) for x in CLASSES))
              for k, c in enumerate(family["caregivers"])]
    four, secure = family["concordance"]["four_classes"], family["concordance"]["secure_insecure"]
    return "at %s: %s, agreement %s %% on four classes (%s) and %s %% on secure/insecure (%s)" % (
        size_and_seed(s), ", ".join(shares), pct(four["agreement"], 0), kappa_text(four), pct(secure["agreement"], 0),
        kappa_text(secure))


def family_no_resemblance(runs):
    s = runs.summary("two_caregivers_no_resemblance")
    return "%s on four classes at %s" % (kappa_text(s["family"]["concordance"]["four_classes"]), size_and_seed(s))


# name -> (file, inline, producer). Inline blocks sit inside a sentence, on one line.
BLOCKS = {
    "still-face": ("docs/MODEL.md", False, still_face),
    "home-visiting-interval-width": ("docs/MODEL.md", True, home_visiting_widths),
    "home-visiting": ("docs/MODEL.md", True, home_visiting),
    "risk-table": ("docs/MODEL.md", False, risk_table),
    "risk-combined-components": ("docs/MODEL.md", True, risk_combined_components),
    "risk-d-overshoot": ("docs/MODEL.md", True, risk_d_overshoot),
    "risk-poverty-default": ("docs/MODEL.md", True, risk_poverty_default),
    "family-no-resemblance": ("docs/MODEL.md", True, family_no_resemblance),
    "family-concordance": ("docs/MODEL.md", True, family_concordance),
    "normative-metrics": ("docs/MODEL.md", True, normative_metrics),
    "normative-classes": ("docs/MODEL.md", True, normative_classes),
    "normative-detection-security": ("docs/MODEL.md", True, normative_detection_security),
    "normative-other-security": ("docs/MODEL.md", True, normative_other_security),
    "normative-observed-security": ("docs/MODEL.md", True, normative_observed_security),
    "normative-stability": ("docs/MODEL.md", True, normative_stability),
    "calibration-fit": ("docs/MODEL.md", False, calibration_fit),
    "sweep-detection": ("docs/MODEL.md", True, sweep_detection),
}
DOCS = ["docs/MODEL.md", "README.md"]


# ---------------------------------------------------------------- markers

def blocks_in(text, path):
    """name -> (start of content, end of content); exits on a malformed or repeated marker."""
    found, open_name, open_at = {}, None, None
    for m in MARKER.finditer(text):
        name, kind = m.group(1), m.group(2)
        if kind == "begin":
            if open_name:
                sys.exit("doc_figures: %s: figures:%s begins inside figures:%s" % (path, name, open_name))
            if name in found:
                sys.exit("doc_figures: %s: figures:%s appears twice" % (path, name))
            open_name, open_at = name, m.end()
        else:
            if name != open_name:
                sys.exit("doc_figures: %s: figures:%s ends where %s" % (
                    path, name, "figures:%s is open" % open_name if open_name else "none began"))
            found[name] = (open_at, m.start())
            open_name = None
    if open_name:
        sys.exit("doc_figures: %s: figures:%s has no end marker" % (path, open_name))
    if "<!-- figures:" in MARKER.sub("", text):
        sys.exit("doc_figures: %s: a figures marker is malformed (<!-- figures:NAME:begin --> or :end -->)" % path)
    return found


def check(root):
    """Every block of BLOCKS once in its file, no other block in any doc; exits 1 otherwise."""
    problems = []
    for doc in DOCS:
        found = blocks_in(open(os.path.join(root, doc)).read(), doc)
        for name in found:
            if name not in BLOCKS:
                problems.append("%s: figures:%s is not produced by scripts/doc_figures.py" % (doc, name))
            elif BLOCKS[name][0] != doc:
                problems.append("%s: figures:%s belongs in %s" % (doc, name, BLOCKS[name][0]))
        for name, (file, inline, _) in BLOCKS.items():
            if file == doc and name not in found:
                problems.append("%s: the marker of figures:%s is missing" % (doc, name))
            elif file == doc:
                content = open(os.path.join(root, doc)).read()[found[name][0]:found[name][1]]
                if inline and "\n" in content:
                    problems.append("%s: figures:%s is an inline block: begin and end on one line" % (doc, name))
                if not inline and not (content.startswith("\n") and content.endswith("\n")):
                    problems.append("%s: figures:%s is a block: its markers on lines of their own" % (doc, name))
    if problems:
        sys.exit("doc_figures: " + "\n".join(problems))


def update(root, attune, work, threads):
    check(root)  # before a minute of runs, not after
    run_all(root, attune, work, threads)
    runs = Runs(root, work)
    for doc in DOCS:
        path = os.path.join(root, doc)
        text = open(path).read()
        found = blocks_in(text, doc)
        # From the last block back, so the earlier offsets stay valid.
        for name, (start, end) in sorted(found.items(), key=lambda item: -item[1][0]):
            _, inline, produce = BLOCKS[name]
            content = produce(runs)
            if content is None:
                continue
            if "\n" in content and inline:
                sys.exit("doc_figures: figures:%s produced more than one line for an inline block" % name)
            text = text[:start] + (content if inline else "\n" + content + "\n") + text[end:]
        if text != open(path).read():
            temporary = path + ".tmp"
            open(temporary, "w").write(text)
            os.replace(temporary, path)
            print("doc_figures: rewrote %s" % doc, file=sys.stderr)
        else:
            print("doc_figures: %s unchanged" % doc, file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] == ["--list-blocks"]:
        print("\n".join(sorted(BLOCKS)))
    elif len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    elif len(sys.argv) in (5, 6) and sys.argv[1] == "--update":
        update(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) == 6 else 0)
    else:
        sys.exit(__doc__)
