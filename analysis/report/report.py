"""The report of one attune run: PNG figures (matplotlib) and a self-contained index.html.

`attune report DIR` compiles this text in, followed by calibration_report.py and
report_main.py (CMakeLists.txt joins them into one script), and runs it as
    /usr/bin/python3 -c SCRIPT DIR TRACES_CSV DATA_FOLDER    (a run or a comparison)
    /usr/bin/python3 -c SCRIPT --sweep DIR                   (a sweep folder)
    /usr/bin/python3 -c SCRIPT --calibration DIR             (a calibration folder)
with MPLBACKEND=Agg (by hand: cat report.py calibration_report.py report_main.py |
python3 - ARGS). It reads DATA_FOLDER/summary.json, DATA_FOLDER/dyads.csv, TRACES_CSV
and, where present, DIR/arms.csv and DIR/summary.json's comparisons (any table may be
gzip-compressed, NAME.csv.gz, as attune --compress writes dyads.csv and traces.csv); or a sweep's
cells.csv, failures.csv, sweep.json and, where present, indices.csv (the sensitivity
indices of attune analyze); or a calibration's files (calibration_report.py); and writes
DIR/report/*.png and DIR/report/index.html (every PNG embedded as a data URI: it opens
offline). Every file is written to a temporary name and renamed into place.
"""
import array
import base64
import csv
import gzip
import html
import io
import json
import math
import os
import sys
import tempfile
import zlib

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
except ImportError as error:
    sys.stderr.write("attune report: matplotlib is not installed for %s (%s); on Debian: "
                     "apt-get install python3-matplotlib (scripts/install-deps.sh)\n" % (sys.executable, error))
    sys.exit(1)

DPI = 150  # print resolution for papers
CLASSES = "ABCD"
CLASS_COLOURS = {"A": "#4c72b0", "B": "#55a868", "C": "#dd8452", "D": "#c44e52"}
INTERACTION_METRICS = [
    ("matched_share", "share of seconds matched"),
    ("ruptures_per_hour", "ruptures per hour"),
    ("repaired_share", "share of ruptures repaired"),
    ("median_repair_latency_s", "median repair latency (s)"),
]
TRACED_DYADS = 3


def write_atomically(path, data):
    """Writes bytes to a temporary file beside `path`, then renames it into place."""
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix="." + os.path.basename(path) + ".")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def table_path(path):
    """A table as it was written: `path`, or `path`.gz when only that exists (--compress)."""
    return path + ".gz" if not os.path.exists(path) and os.path.exists(path + ".gz") else path


class DamagedTable(Exception):
    """A table that cannot be read to its end (a cut-short or corrupt .gz, bytes that are
    not UTF-8); the message names the file."""


class Table:
    """A CSV table opened for the csv module, plain or gzip-compressed, iterated line by
    line; a failure while reading is raised as DamagedTable naming the file."""

    def __init__(self, path):
        self.path = table_path(path)
        # A UTF-8 byte-order mark (a spreadsheet's) is dropped; newline="" lets csv take CRLF.
        if self.path.endswith(".gz"):
            self.stream = gzip.open(self.path, "rt", newline="", encoding="utf-8-sig")
        else:
            self.stream = open(self.path, newline="", encoding="utf-8-sig")

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stream.close()

    def __iter__(self):
        try:
            yield from self.stream
        except (EOFError, OSError, zlib.error, UnicodeDecodeError) as error:
            raise DamagedTable("%s cannot be read to its end: %s" % (self.path, error)) from error


def open_table(path):
    """A CSV table opened for the csv module (see Table)."""
    return Table(path)


def number(text):
    """A CSV cell as a float; NA (not assessed) and empty cells are NaN."""
    try:
        return float(text)
    except (TypeError, ValueError):  # TypeError: a short CSV row's missing cell (None)
        return math.nan


def read_dyads(path):
    """dyads.csv's header, its classification column and, as float arrays (8 bytes a
    dyad), the columns the figures need, streamed row by row."""
    with open_table(path) as source:
        reader = csv.reader(source)
        header = next(reader)
        wanted = ["dyad_id"] + [name for name, _ in INTERACTION_METRICS] + [h for h in header if h.startswith("iwm_")]
        index = {name: header.index(name) for name in wanted if name in header}
        columns = {name: array.array("d") for name in index}
        labels = []
        label_index = header.index("classification") if "classification" in header else None
        for row in reader:
            for name, k in index.items():
                columns[name].append(number(row[k]))
            if label_index is not None:
                labels.append(row[label_index])
    return header, columns, labels


def read_table(path):
    with open_table(path) as source:
        return list(csv.DictReader(source))


def fmt(value, digits=3):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "%.*g" % (digits, value) if abs(value) >= 1e-3 or value == 0 else "%.2e" % value
    return html.escape(str(value))


def interval(pair, digits=3):
    if not pair or pair[0] is None:
        return "–"
    return "[%s, %s]" % (fmt(pair[0], digits), fmt(pair[1], digits))


def html_table(header, rows):
    out = ["<table><thead><tr>"] + ["<th>%s</th>" % html.escape(h) for h in header] + ["</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join("<td>%s</td>" % cell for cell in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


class Report:
    def __init__(self, folder):
        self.folder = os.path.join(folder, "report")
        self.figures = []  # (file name, caption, png bytes)
        self.notes = []  # why a figure is absent
        os.makedirs(self.folder, exist_ok=True)
        # Figures of an earlier report (say, a comparison whose arms.csv is gone) would sit
        # beside a page that no longer shows them.
        for name in os.listdir(self.folder):
            if name.endswith(".png"):
                os.unlink(os.path.join(self.folder, name))

    def figures_html(self, start=0, stop=None):
        """The figures (all, or those from `start` to `stop`) embedded as data URIs, each
        with its caption and a link to its PNG."""
        return "".join(
            '<figure><img alt="%s" src="data:image/png;base64,%s"><figcaption>%s (<a href="%s">%s</a>)</figcaption>'
            '</figure>' % (html.escape(name), base64.b64encode(data).decode("ascii"), html.escape(caption), name, name)
            for name, caption, data in self.figures[start:stop])

    def notes_html(self):
        return "".join("<p>%s</p>" % html.escape(note) for note in self.notes)

    def save(self, figure, name, caption):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
        plt.close(figure)
        data = buffer.getvalue()
        write_atomically(os.path.join(self.folder, name), data)
        self.figures.append((name, caption, data))


def class_distribution(report, summary):
    """The run's A/B/C/D shares with Wilson 95% intervals beside the published shares and bands."""
    rows = summary.get("literature", [])
    if not rows or not summary["classification"]["n_assessed"]:
        report.notes.append("No dyad was assessed in a Strange Situation: no class distribution or IWM-by-class figure.")
        return
    x = np.arange(len(rows))
    run = [r["proportion"] if r["proportion"] is not None else math.nan for r in rows]
    run_err = [[max(0.0, p - (r["ci95"][0] or 0)) for p, r in zip(run, rows)],
               [max(0.0, (r["ci95"][1] or 0) - p) for p, r in zip(run, rows)]]
    published = [r["published"] for r in rows]
    band = [[p - r["published_range"][0] for p, r in zip(published, rows)],
            [r["published_range"][1] - p for p, r in zip(published, rows)]]
    figure, axes = plt.subplots(figsize=(6.5, 4))
    axes.bar(x - 0.2, run, 0.4, yerr=run_err, capsize=4, color=[CLASS_COLOURS[r["classification"]] for r in rows],
             label="this run (Wilson 95% CI)")
    axes.bar(x + 0.2, published, 0.4, yerr=band, capsize=4, color="#bbbbbb", edgecolor="#555555",
             label="published (calibration band)")
    axes.set_xticks(x)
    axes.set_xticklabels([r["classification"] for r in rows])
    axes.set_ylabel("share of assessed dyads")
    axes.set_title("Attachment classification, n = %d assessed" % summary["classification"]["n_assessed"])
    axes.legend(frameon=False)
    report.save(figure, "class_distribution.png",
                "Class distribution of this run (Wilson 95%% intervals) beside the published shares "
                "(%s; error bars: calibration band)." % rows[0]["source"])


def iwm_by_class(report, header, columns, labels):
    """Violins of the end-of-span working model by classification."""
    names = [h for h in header if h.startswith("iwm_")]
    if not names or not any(label in CLASSES for label in labels):
        return
    panels = len(names)
    cols = 4
    figure, axes = plt.subplots((panels + cols - 1) // cols, cols, figsize=(13, 3.2 * ((panels + cols - 1) // cols)),
                                squeeze=False)
    for ax in axes.flat[panels:]:
        ax.axis("off")
    label_array = np.array(labels)
    counts = {c: int(np.sum(label_array == c)) for c in CLASSES}
    for ax, name in zip(axes.flat, names):
        values = np.frombuffer(columns[name], dtype=float)
        for k, c in enumerate(CLASSES):
            group = values[label_array == c]
            group = group[~np.isnan(group)]
            if group.size >= 2 and np.ptp(group) > 0:
                parts = ax.violinplot(group, positions=[k], widths=0.8, showmedians=True)
                for body in parts["bodies"]:
                    body.set_facecolor(CLASS_COLOURS[c])
                    body.set_alpha(0.7)
                for line in ("cbars", "cmins", "cmaxes", "cmedians"):
                    parts[line].set_color(CLASS_COLOURS[c])
            elif group.size:
                ax.plot([k] * group.size, group, "o", color=CLASS_COLOURS[c], markersize=3)
        ax.set_xticks(range(len(CLASSES)))
        ax.set_xticklabels(["%s (n=%d)" % (c, counts[c]) for c in CLASSES], fontsize=8)
        ax.set_title(name.replace("iwm_", "IWM "), fontsize=10)
        ax.set_ylim(-0.02, 1.02)
    figure.tight_layout()
    report.save(figure, "iwm_by_class.png",
                "Internal working model at the end of the span (iwm_* of dyads.csv) by attachment classification "
                "(violins with median and range; dots where a class's values are constant or single).")


def interaction_metrics(report, columns):
    present = [(name, label) for name, label in INTERACTION_METRICS if name in columns]
    if not present:
        return
    figure, axes = plt.subplots(1, len(present), figsize=(3.4 * len(present), 3.2), squeeze=False)
    for ax, (name, label) in zip(axes.flat, present):
        values = np.frombuffer(columns[name], dtype=float)
        values = values[~np.isnan(values)]
        if values.size:
            ax.hist(values, bins=min(40, max(5, values.size // 10)), color="#4c72b0", alpha=0.8)
            median = float(np.median(values))
            ax.axvline(median, color="black", linestyle="--", linewidth=1)
            ax.set_title("%s\nmedian %.3g, n = %d" % (label, median, values.size), fontsize=9)
        ax.set_xlabel(name, fontsize=8)
    axes.flat[0].set_ylabel("dyads")
    figure.tight_layout()
    report.save(figure, "interaction_metrics.png",
                "Interaction metrics over the span, one value per dyad (dashed: median).")


def observed_sensitivity(report, summary):
    """The observed sensitivity ratings at each age, and the share secure by band of the mean rating."""
    observed = summary.get("sensitivity_observation")
    if not observed:
        return
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6))
    steps = [1.0 + 0.5 * k for k in range(17)]
    width = 0.4 / max(1, len(observed["observations"]))
    for i, row in enumerate(observed["observations"]):
        counts = [row["rating_counts"].get("%.1f" % step, 0) for step in steps]
        left.bar([step - 0.2 + width * (i + 0.5) for step in steps], counts, width,
                 label="%s months (n = %d)" % (fmt(row["age_months"]), row["n"]))
    left.set_xticks(range(1, 10))
    left.set_xlabel("rating (1 highly insensitive ... 9 highly sensitive)")
    left.set_ylabel("dyads")
    left.set_title("Observed sensitivity (Ainsworth 1974), %d min each" % observed["minutes"], fontsize=10)
    left.legend(frameon=False, fontsize=8)
    bands = [b for b in observed["by_band"] if b["n"]]
    if bands:
        x = np.arange(len(bands))
        share = [b["share_secure"] for b in bands]
        errors = [[s - b["ci95"][0] for s, b in zip(share, bands)], [b["ci95"][1] - s for s, b in zip(share, bands)]]
        right.bar(x, share, 0.6, yerr=errors, capsize=4, color=CLASS_COLOURS["B"])
        right.set_xticks(x)
        right.set_xticklabels(["%s\nn = %d" % (b["band"].replace(" (", "\n("), b["n"]) for b in bands], fontsize=7)
        right.set_ylim(0, 1)
        right.set_ylabel("share secure (B)")
        right.set_title("Security by mean observed rating, r = %s" % fmt(observed["literature"]["r"]), fontsize=10)
    else:
        right.axis("off")
    figure.tight_layout()
    report.save(figure, "observed_sensitivity.png",
                "Observed caregiver sensitivity: the ratings at each age (left) and the share secure in the "
                "Strange Situation by band of a dyad's mean rating (right; Wilson 95% intervals).")


def observed_sensitivity_html(observed):
    overall = observed["observed_sensitivity"]
    literature = observed["literature"]
    text = ("<h2>Observed caregiver sensitivity</h2><p>At %s months, %s minutes of the caregiver's interaction "
            "with the infant were coded from what an observer sees (the infant's distress signals, whether the "
            "pair is matched, and what the caregiver visibly does) onto Ainsworth's (1974) 9-point sensitivity "
            "scale: did she notice the infant's signals and bids, answer within 5 s, read them right and answer "
            "appropriately (docs/MODEL.md, 7e). The caregiver's drawn traits are latent; the mean of a dyad's "
            "ratings (<code>observed_sensitivity</code>) is the measure studies correlate with security. Mean %s "
            "(SD %s, n = %s). Its point-biserial correlation with security is r = %s (95%% CI %s, n = %s "
            "classified); the meta-analytic figure is r = %s (band %s; %s): %s.</p>" % (
                html.escape(", ".join(fmt(a) for a in observed["ages_months"])), fmt(observed["minutes"]),
                fmt(overall["mean"]), fmt(overall["sd"]), fmt(overall["n"]), fmt(literature["r"]),
                interval(literature["ci95"]), fmt(overall["n_classified"]), fmt(literature["published"]),
                interval(literature["published_range"]), html.escape(literature["source"]),
                "inside the band" if literature["inside_published_range"] else
                "outside the band, its interval overlapping it" if literature["ci95_overlaps_published_range"] else
                "outside the band"))
    text += html_table(["age (months)", "n", "mean rating", "SD"],
                       [[fmt(r["age_months"]), fmt(r["n"]), fmt(r["mean"]), fmt(r["sd"])]
                        for r in observed["observations"]])
    text += html_table(["mean rating", "n classified", "secure", "share secure", "Wilson 95% CI"],
                       [[html.escape(b["band"]), fmt(b["n"]), fmt(b["secure"]), fmt(b["share_secure"]),
                         interval(b["ci95"])] for b in observed["by_band"]])
    return text


# The long form's (person, variable) for each column of the wide form (run --trace-format long).
LONG_TRACE_SERIES = {("infant", "arousal"): "arousal", ("infant", "signalling"): "signalling",
                     ("caregiver", "engaged"): "caregiver_engaged", ("dyad", "matched"): "matched",
                     ("dyad", "rupture"): "rupture", ("dyad", "repair"): "repair"}


def wide_trace_rows(reader, bout_seconds):
    """traces.csv's rows in the wide form (a dict a second), from either form: the long
    form's rows (dyad_id, second, person, variable, value) are gathered second by second,
    its seconds of the day split into bouts of `bout_seconds` (it names no day)."""
    if "variable" not in (reader.fieldnames or []):
        yield from reader
        return
    row, at = None, None
    for long_row in reader:
        key = (long_row["dyad_id"], long_row["second"])
        if key != at:
            if row is not None:
                yield row
            row, at = {"dyad_id": key[0], "bout": int(key[1]) // bout_seconds}, key
        column = LONG_TRACE_SERIES.get((long_row["person"], long_row["variable"]))
        if column:
            row[column] = long_row["value"]
    if row is not None:
        yield row


def arousal_traces(report, traces_path, classification_of, bout_seconds):
    """A few dyads' traced day: arousal, cues, responses, ruptures and repairs."""
    if not os.path.exists(table_path(traces_path)):
        return
    dyads = {}
    with open_table(traces_path) as source:
        for row in wide_trace_rows(csv.DictReader(source), bout_seconds):
            dyad = int(row["dyad_id"])
            if dyad not in dyads and len(dyads) == TRACED_DYADS:
                continue
            dyads.setdefault(dyad, []).append(row)
    if not dyads:
        return
    figure, axes = plt.subplots(len(dyads), 1, figsize=(13, 2.6 * len(dyads)), squeeze=False)
    for ax, (dyad, rows) in zip(axes.flat, sorted(dyads.items())):
        t = np.arange(len(rows)) / 60.0  # minutes of interaction that day, bout after bout
        arousal = np.array([number(r["arousal"]) for r in rows])
        cue = np.array([r["signalling"] == "1" for r in rows])
        engaged = np.array([r["caregiver_engaged"] == "1" for r in rows])
        rupture = np.array([r["rupture"] == "1" for r in rows])
        repair = np.array([r["repair"] == "1" for r in rows])
        top = max(1.0, float(np.nanmax(arousal)) * 1.1)
        bottom = min(0.0, float(np.nanmin(arousal))) - 0.25 * top
        ax.fill_between(t, bottom, bottom + 0.1 * top, where=cue, step="post", color="#dd8452", alpha=0.8,
                        linewidth=0, label="infant signalling (cue)")
        ax.fill_between(t, bottom + 0.12 * top, bottom + 0.22 * top, where=engaged, step="post", color="#55a868",
                        alpha=0.8, linewidth=0, label="caregiver engaged (response)")
        ax.plot(t, arousal, color="black", linewidth=0.7, label="arousal")
        ax.plot(t[rupture], arousal[rupture], "v", color="#c44e52", markersize=4, label="rupture")
        ax.plot(t[repair], arousal[repair], "^", color="#4c72b0", markersize=4, label="repair")
        bouts = [i for i in range(1, len(rows)) if rows[i]["bout"] != rows[i - 1]["bout"]]
        for i in bouts:
            ax.axvline(t[i], color="#888888", linestyle=":", linewidth=0.8)
        ax.set_ylim(bottom, top)
        ax.set_ylabel("arousal")
        day = ", day %s" % rows[0]["day"] if "day" in rows[0] else ""
        ax.set_title("dyad %d%s (classification %s)" % (dyad, day, classification_of.get(dyad, "NA")), fontsize=10)
    axes.flat[-1].set_xlabel("minutes of interaction (dotted lines: bout boundaries)")
    figure.tight_layout()
    handles, labels = axes.flat[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=5, fontsize=8, frameon=False)
    report.save(figure, "arousal_traces.png",
                "Second-by-second arousal of %d dyads over one day's bouts, with the infant's cues, the caregiver's "
                "engagement, ruptures and repairs marked." % len(dyads))


def short(text):
    """A CSV field for a tick label: numbers to three significant digits."""
    try:
        return "%.3g" % float(text)
    except ValueError:
        return text


def comparison(report, folder):
    """Class shares with Wilson intervals per arm (arms.csv) or per sweep cell (cells.csv)."""
    for name, key in (("arms.csv", "arm"), ("cells.csv", "cell")):
        path = os.path.join(folder, name)
        if os.path.exists(table_path(path)):
            break
    else:
        return None
    rows = read_table(path)
    if not rows:
        return None
    fields = list(rows[0].keys())
    # The swept values sit between the key and n_dyads; treated_share (arms), replicate
    # and seed (cells) are not.
    swept = [f for f in (fields[1:fields.index("n_dyads")] if "n_dyads" in fields else [])
             if f not in ("treated_share", "replicate", "seed")]
    labels = [r[key] + "".join("\n%s=%s" % (s, short(r[s])) for s in swept) for r in rows]
    table = html_table(fields, [[fmt(number(r[f])) if f not in (key, *swept) else html.escape(r[f]) for f in fields]
                                for r in rows])
    heading = "<h2>%s</h2>" % ("Arms" if key == "arm" else "Sweep cells")
    if all(math.isnan(number(r["share_B"])) for r in rows):
        return heading + "<p>No Strange Situation in the span: no class shares to compare.</p>" + table
    if len(rows) > 24:  # a bar group per row would be unreadable; the table stays
        return heading + table
    x = np.arange(len(rows))
    width = 0.8 / len(CLASSES)
    figure, axes = plt.subplots(figsize=(max(6.5, 1.6 * len(rows)), 4))
    for k, c in enumerate(CLASSES):
        share = np.array([number(r["share_%s" % c]) for r in rows])
        lo = np.array([number(r["share_%s_ci_lo" % c]) for r in rows])
        hi = np.array([number(r["share_%s_ci_hi" % c]) for r in rows])
        axes.bar(x + (k - 1.5) * width, share, width, yerr=[np.maximum(share - lo, 0), np.maximum(hi - share, 0)],
                 capsize=3, color=CLASS_COLOURS[c], label=c)
    axes.set_xticks(x)
    axes.set_xticklabels(labels, fontsize=8)
    axes.set_ylabel("share of assessed dyads")
    axes.legend(title="class", frameon=False)
    axes.set_title("Class distribution by %s (Wilson 95%% CI)" % key)
    figure.tight_layout()
    report.save(figure, "comparison.png", "Class shares with Wilson 95%% intervals for each %s of %s." % (key, name))
    return heading + table


COMPARED_METRICS = ("iwm_availability", "iwm_efficacy", "iwm_rejection", "iwm_inconsistency", "iwm_fear",
                    "matched_share", "repaired_share", "mean_arousal", "mean_caregiver_stress")


def arm_differences(report, folder):
    """Each arm against control dyad by dyad (summary.json's comparisons): a forest plot of
    the class-share differences and tables of the shares' and the means' differences."""
    path = os.path.join(folder, "summary.json")
    comparisons = json.load(open(path)).get("comparisons") if os.path.exists(path) else None
    if not comparisons:
        return ""
    parts = ["<h2>Arms against control, dyad by dyad</h2><p>Every arm holds the same dyads; differences are "
             "arm minus control with paired 95%% intervals (class shares: Newcombe's paired score interval and "
             "Cohen's h; means: the per-dyad differences and the within-dyad d_av; docs/MODEL.md 7b).</p>"]
    assessed = [c for c in comparisons if c["classification"]]
    if assessed:
        figure, axes = plt.subplots(figsize=(6.5, 0.5 + 0.9 * len(assessed) * len(CLASSES) / 2))
        y, ticks, positions = 0.0, [], []
        for comparison in assessed:
            for c in CLASSES:
                d = comparison["classification"][c]
                axes.errorbar(100 * d["difference"], y, xerr=[[100 * (d["difference"] - d["ci95"][0])],
                                                              [100 * (d["ci95"][1] - d["difference"])]],
                              fmt="o", color=CLASS_COLOURS[c], capsize=3)
                ticks.append("%s  %s" % (comparison["arm"], c))
                positions.append(y)
                y -= 1
            y -= 0.5  # a gap between arms
        axes.set_yticks(positions)
        axes.set_yticklabels(ticks, fontsize=8)
        axes.axvline(0, color="#888", linewidth=0.8)
        axes.set_xlabel("class share minus control, percentage points (paired 95% CI)")
        figure.tight_layout()
        report.save(figure, "arm_differences.png",
                    "Each arm's class shares minus control's, dyad by dyad, with Newcombe's paired 95% intervals.")
        parts.append(html_table(
            ["arm", "class", "arm share", "control share", "difference", "paired 95% CI", "Cohen's h", "95% CI",
             "arm only", "control only"],
            [[html.escape(comparison["arm"]), c, fmt(d["arm"]), fmt(d["control"]), fmt(d["difference"]),
              interval(d["ci95"]), fmt(d["cohens_h"]), interval(d["cohens_h_ci95"]), fmt(d["arm_only"]),
              fmt(d["control_only"])]
             for comparison in assessed for c, d in ((c, comparison["classification"][c]) for c in CLASSES)]))
    parts.append(html_table(
        ["arm", "metric", "arm mean", "control mean", "difference", "paired 95% CI", "d_av", "95% CI"],
        [[html.escape(comparison["arm"]), html.escape(name), fmt(m["arm"]), fmt(m["control"]), fmt(m["difference"]),
          interval(m["ci95"]), fmt(m["cohens_d"]), interval(m["cohens_d_ci95"])]
         for comparison in comparisons for name, m in ((n, comparison["metrics"].get(n)) for n in COMPARED_METRICS)
         if m]))
    return "".join(parts)


def tables(summary):
    parts = []
    classification = summary.get("classification", {})
    parts.append("<h2>Class shares</h2>" + html_table(
        ["class", "count", "share", "Wilson 95% CI"],
        [[c, fmt(classification[c]["count"]), fmt(classification[c]["proportion"]), interval(classification[c]["ci95"])]
         for c in CLASSES if c in classification]) +
        "<p>n assessed = %s of %s dyads.</p>" % (fmt(classification.get("n_assessed")), fmt(summary.get("n_dyads"))))
    literature = summary.get("literature", [])
    if literature:
        parts.append("<h2>Comparison with the literature</h2>" + html_table(
            ["class", "this run", "95% CI", "published", "published range", "difference", "inside range",
             "CI overlaps range", "source"],
            [[r["classification"], fmt(r["proportion"]), interval(r["ci95"]), fmt(r["published"]),
              interval(r["published_range"]), fmt(r["difference"]), fmt(r["inside_published_range"]),
              fmt(r.get("ci95_overlaps_published_range")), html.escape(r["source"])] for r in literature]))
    checks = summary.get("literature_cross_checks", {})
    if checks.get("forced_classification") or checks.get("interaction"):
        parts.append("<h3>Cross-checks</h3>" + html_table(
            ["figure", "this run", "95% CI", "published", "published range", "inside range", "source"],
            [["forced " + r["classification"], fmt(r["proportion"]), interval(r["ci95"]), fmt(r["published"]), "",
              "", html.escape(r["source"])] for r in checks.get("forced_classification", [])] +
            [[html.escape("%s (%s)" % (r["metric"], r["statistic"])), fmt(r["value"]), "", "",
              interval(r["published_range"]), fmt(r["inside_published_range"]), html.escape(r["source"])]
             for r in checks.get("interaction", [])]))
    if summary.get("sensitivity_observation"):
        parts.append(observed_sensitivity_html(summary["sensitivity_observation"]))
    statistics = summary.get("statistics")
    if statistics:
        parts.append("<h2>Security and the drawn parameters</h2><p>%s; n = %s.</p>" % (
            html.escape(statistics["outcome"]), fmt(statistics["n_assessed"])) + html_table(
            ["variable", "mean secure", "mean insecure", "point-biserial r", "95% CI (Fisher z)", "Cohen's d",
             "95% CI (Hedges & Olkin)"],
            [[html.escape(v["variable"]), fmt(v["mean_secure"]), fmt(v["mean_insecure"]), fmt(v["point_biserial_r"]),
              interval(v["point_biserial_ci95"]), fmt(v["cohens_d"]), interval(v["cohens_d_ci95"])]
             for v in statistics["variables"]]))
        fit = statistics["logistic_regression"]
        text = "<h3>Logistic regression of security on the standardized drawn parameters</h3>"
        text += "<p>Sample: %s; n = %s (%s secure); converged: %s.</p>" % (
            html.escape(fit["sample"]), fmt(fit["n"]), fmt(fit.get("n_secure")), fmt(fit["converged"]))
        if not fit["converged"]:
            text += "<p><strong>The fit did not converge (%s): its coefficients are not estimates.</strong></p>" % (
                html.escape(fit.get("reason", "separation or a singular information matrix")))
        if "coefficients" in fit:
            terms = [fit["intercept"]] + fit["coefficients"]
            text += html_table(["term", "log-odds per SD", "SE", "95% CI", "odds ratio", "95% CI"],
                               [[html.escape(t["variable"]), fmt(t["coefficient"]), fmt(t["se"]), interval(t["ci95"]),
                                 fmt(t["odds_ratio"]), interval(t["odds_ratio_ci95"])] for t in terms])
        if fit.get("left_out_constant"):
            text += "<p>Left out (constant): %s.</p>" % html.escape(", ".join(fit["left_out_constant"]))
        if fit.get("left_out_separating"):
            text += ("<p>Left out (their secure and insecure values do not overlap, so the maximum-likelihood "
                     "estimate does not exist; read their correlations above): %s.</p>"
                     % html.escape(", ".join(fit["left_out_separating"])))
        parts.append(text)
    traits = summary.get("traits_classifier")
    if traits and traits.get("kappa") is not None:
        parts.append("<h3>How much the drawn traits decide the class</h3><p>A classification tree of depth 3 on "
                     "the drawn parameters alone, fitted on half the assessed dyads, predicts the four-way class "
                     "of the other half (n = %s) with Cohen's kappa %s (95%% CI %s). A class that emerges from "
                     "the history of attunement, rupture and repair leaves such a tree little to read: near 0 it "
                     "emerges, near 1 a trait restates it (the project's aim for the normative population: at "
                     "most 0.5).</p>" % (fmt(traits["n_scored"]), fmt(traits["kappa"]), interval(traits["kappa_ci95"])))
    metrics = summary.get("metrics", {})
    if metrics:
        parts.append("<h2>Metrics</h2>" + html_table(
            ["metric", "n", "mean", "SD", "95% CI of the mean", "median"],
            [[html.escape(name), fmt(m.get("n")), fmt(m.get("mean")), fmt(m.get("sd")), interval(m.get("ci95")),
              fmt(m.get("quantiles", {}).get("p50"))] for name, m in metrics.items()]))
    return "".join(parts)


STYLE = """body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:0.2em 0.6em;text-align:right}
th{background:#f0f0f0}td:first-child{text-align:left}figure{margin:1.5em 0}img{max-width:100%}
figcaption{font-size:0.9em;color:#444}"""


def main(folder, traces_path, data_folder):
    # A comparison's folder keeps arms.csv on top and each arm's run below it; the
    # per-dyad figures show the control arm's run (data_folder).
    summary = json.load(open(os.path.join(data_folder, "summary.json")))
    report = Report(folder)
    header, columns, labels = read_dyads(os.path.join(data_folder, "dyads.csv"))
    # Traced dyads are the first ids, and dyads.csv is in id order.
    classification_of = {int(d): c for d, c in zip(columns["dyad_id"][:TRACED_DYADS], labels)}

    class_distribution(report, summary)
    iwm_by_class(report, header, columns, labels)
    interaction_metrics(report, columns)
    observed_sensitivity(report, summary)
    arousal_traces(report, traces_path, classification_of, int(summary["bout_seconds"]))
    arms = (comparison(report, folder) or "") + arm_differences(report, folder)

    title = "attune report: %s" % summary.get("scenario", "")
    page = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head><body>
<h1>%s</h1>
<p>%s dyads, seed %s, %s days of life, %s bouts a day of %s s; attune %s (git %s); scenario file %s
(sha256 %s).</p>
%s%s%s%s
</body></html>
""" % (html.escape(title), STYLE, html.escape(title), fmt(summary.get("n_dyads")), fmt(summary.get("seed")),
       fmt(summary.get("span_days")), fmt(summary.get("bouts_per_day")), fmt(summary.get("bout_seconds")),
       fmt(summary.get("attune_version")), fmt(summary.get("git_revision")), fmt(summary.get("scenario_file")),
       fmt(summary.get("scenario_sha256")), tables(summary), arms or "", report.notes_html(), report.figures_html())
    write_atomically(os.path.join(report.folder, "index.html"), page.encode("utf-8"))


def sweep_axes(rows):
    """The swept parameters of cells.csv: the columns between `cell` and `replicate`."""
    fields = list(rows[0].keys())
    return fields[1:fields.index("replicate")]


def sweep_response(report, rows, axes):
    """Each class share against each swept value, every cell a point with its Wilson interval."""
    figure, panels = plt.subplots(1, len(axes), figsize=(4.2 * len(axes), 3.6), squeeze=False, sharey=True)
    for axis, panel in zip(axes, panels[0]):
        x = np.array([number(r[axis]) for r in rows])
        spread = (np.nanmax(x) - np.nanmin(x)) or 1.0
        for k, c in enumerate(CLASSES):
            share = np.array([number(r["share_%s" % c]) for r in rows])
            lo = np.array([number(r["share_%s_ci_lo" % c]) for r in rows])
            hi = np.array([number(r["share_%s_ci_hi" % c]) for r in rows])
            # A small offset per class keeps cells of the same value apart.
            panel.errorbar(x + (k - 1.5) * 0.012 * spread, share,
                           yerr=[np.maximum(share - lo, 0), np.maximum(hi - share, 0)],
                           fmt="o", markersize=3, capsize=2, color=CLASS_COLOURS[c], label=c, linewidth=0.8)
        panel.set_xlabel(axis)
    panels[0][0].set_ylabel("share of assessed dyads")
    panels[0][-1].legend(title="class", frameon=False, fontsize=8)
    figure.suptitle("Class shares across the sweep's cells (Wilson 95% CI)")
    figure.tight_layout()
    report.save(figure, "sweep_classes.png",
                "Each cell's class shares against each swept parameter, with Wilson 95% intervals.")


def sweep_secure_map(report, rows, axes):
    """With two swept parameters, the secure share over their plane (the mean over replicates)."""
    if len(axes) != 2:
        return
    xs = sorted({number(r[axes[0]]) for r in rows})
    ys = sorted({number(r[axes[1]]) for r in rows})
    figure, panel = plt.subplots(figsize=(5.6, 4.4))
    if len(xs) * len(ys) <= len(rows):  # a grid: a heat map of the cell means
        grid = np.full((len(ys), len(xs)), np.nan)
        for i, y in enumerate(ys):
            for j, x in enumerate(xs):
                values = [number(r["share_B"]) for r in rows if number(r[axes[0]]) == x and number(r[axes[1]]) == y]
                if values:
                    grid[i, j] = np.nanmean(values)
        image = panel.imshow(grid, origin="lower", aspect="auto", cmap="viridis",
                             extent=(-0.5, len(xs) - 0.5, -0.5, len(ys) - 0.5))
        panel.set_xticks(range(len(xs)))
        panel.set_xticklabels(["%.3g" % x for x in xs])
        panel.set_yticks(range(len(ys)))
        panel.set_yticklabels(["%.3g" % y for y in ys])
        for i in range(len(ys)):
            for j in range(len(xs)):
                if not math.isnan(grid[i, j]):
                    bright = grid[i, j] > np.nanmin(grid) + 0.6 * (np.nanmax(grid) - np.nanmin(grid))
                    panel.text(j, i, "%.2f" % grid[i, j], ha="center", va="center",
                               color="black" if bright else "white", fontsize=8)
    else:  # scattered points (Latin hypercube, Sobol, a design file)
        image = panel.scatter([number(r[axes[0]]) for r in rows], [number(r[axes[1]]) for r in rows],
                              c=[number(r["share_B"]) for r in rows], cmap="viridis")
    figure.colorbar(image, ax=panel, label="share B (secure)")
    panel.set_xlabel(axes[0])
    panel.set_ylabel(axes[1])
    panel.set_title("Secure share over the two swept parameters")
    figure.tight_layout()
    report.save(figure, "sweep_secure.png", "The secure (B) share over the two swept parameters (mean over replicates).")


SENSITIVITY_PANELS = 12  # outputs drawn (class shares first); the tables list every output
INDEX_COLUMNS = ("output", "parameter", "index", "estimate", "ci_lo", "ci_hi", "n")
SALTELLI_INDICES = ("S1", "ST", "S2")
MORRIS_INDICES = ("mu_star", "mu", "sigma")
INDEX_STYLE = {"S1": ("#4c72b0", "S1, first order"), "ST": ("#dd8452", "ST, total"),
               "mu_star": ("#55a868", "\u03bc*, mean absolute elementary effect")}
CLASS_NAMES = {"A": "avoidant", "B": "secure", "C": "resistant", "D": "disorganized"}


def read_indices(path):
    """indices.csv (attune analyze, tidy long): a dict per row with the numbers as floats
    (NaN for NA); raises ValueError when a column is missing."""
    with open_table(path) as source:
        reader = csv.DictReader(source)
        missing = [c for c in INDEX_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError("its header lacks %s" % ", ".join(missing))
        return [{"output": row["output"] or "", "parameter": row["parameter"] or "", "index": row["index"] or "",
                 "estimate": number(row["estimate"]), "ci_lo": number(row["ci_lo"]), "ci_hi": number(row["ci_hi"]),
                 "n": (row["n"] or "").strip()}
                for row in reader]


def in_order(values):
    """The distinct values in order of first appearance."""
    return list(dict.fromkeys(values))


def output_rank(name):
    """Class shares first (A to D), then the IWM means, then the other metrics."""
    if len(name) == 7 and name.startswith("share_") and name[6] in CLASSES:
        return 0, CLASSES.index(name[6])
    return (1, 0) if name.startswith("iwm_") else (2, 0)


def output_label(name):
    if len(name) == 7 and name.startswith("share_") and name[6] in CLASSES:
        return "share %s (%s)" % (name[6], CLASS_NAMES[name[6]])
    return name


def index_cell(row):
    return fmt(row["estimate"]) if row else "–"


def index_interval(row):
    if not row or math.isnan(row["ci_lo"]) or math.isnan(row["ci_hi"]):
        return "–"
    return interval((row["ci_lo"], row["ci_hi"]))


def sample_size(rows):
    sizes = in_order(r["n"] for r in rows if r and r["n"] not in ("", "NA"))
    return sizes[0] if len(sizes) == 1 else None


def index_panels(report, rows, drawn, parameters, indices, name, caption):
    """One panel per output: a horizontal bar per parameter and index, with its CI."""
    cell = {(r["output"], r["parameter"], r["index"]): r for r in rows}
    cols = min(3, len(drawn))
    lines = (len(drawn) + cols - 1) // cols
    height = 0.9 + (0.42 if len(indices) > 1 else 0.28) * len(parameters)
    # Sobol indices are shares of variance, comparable across outputs: one x scale for all.
    figure, axes = plt.subplots(lines, cols, figsize=(1.6 + 3.9 * cols, height * lines), squeeze=False, sharey=True,
                                sharex="mu_star" not in indices)
    for ax in axes.flat[len(drawn):]:
        ax.axis("off")
    y = np.arange(len(parameters))[::-1]  # the first parameter on top
    bar = 0.8 / len(indices)
    for ax, output in zip(axes.flat, drawn):
        for k, index in enumerate(indices):
            colour, label = INDEX_STYLE[index]
            found = [cell.get((output, p, index)) for p in parameters]
            estimate = np.array([r["estimate"] if r else math.nan for r in found])
            lo = np.array([r["ci_lo"] if r else math.nan for r in found])
            hi = np.array([r["ci_hi"] if r else math.nan for r in found])
            at = y + (len(indices) - 1 - 2 * k) * bar / 2
            shown = ~np.isnan(estimate)
            ax.barh(at[shown], estimate[shown], bar, color=colour, label=label)
            ranged = shown & ~np.isnan(lo) & ~np.isnan(hi)
            if ranged.any():
                ax.errorbar(estimate[ranged], at[ranged],
                            xerr=[np.maximum(estimate[ranged] - lo[ranged], 0),
                                  np.maximum(hi[ranged] - estimate[ranged], 0)],
                            fmt="none", ecolor="#222222", elinewidth=0.9, capsize=2)
            for position in at[~shown]:
                ax.text(0, position, " NA", va="center", fontsize=7, color="#888888")
        ax.axvline(0, color="#888888", linewidth=0.8)
        n = sample_size([cell.get((output, p, i)) for p in parameters for i in indices])
        ax.set_title(output_label(output) + (", n = %s" % n if n else ""), fontsize=10)
        ax.set_yticks(y)
        ax.set_yticklabels(parameters, fontsize=8)
        ax.tick_params(axis="x", labelsize=8, labelbottom=True)
        ax.set_ylim(-0.6, len(parameters) - 0.4)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    figure.tight_layout()
    figure.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(indices), fontsize=9,
                  frameon=False)
    report.save(figure, name, caption)


def morris_scatter(report, rows, drawn, parameters):
    """The usual Morris plot: sigma against mu* per output, a marker per parameter."""
    cell = {(r["output"], r["parameter"], r["index"]): r["estimate"] for r in rows}
    cols = min(3, len(drawn))
    lines = (len(drawn) + cols - 1) // cols
    figure, axes = plt.subplots(lines, cols, figsize=(3.9 * cols, 3.4 * lines), squeeze=False)
    for ax in axes.flat[len(drawn):]:
        ax.axis("off")
    colours = plt.get_cmap("tab10" if len(parameters) <= 10 else "tab20")
    markers = "osD^vP*Xh<>p"
    for ax, output in zip(axes.flat, drawn):
        top = 0.0
        for k, parameter in enumerate(parameters):
            mu_star = cell.get((output, parameter, "mu_star"), math.nan)
            sigma = cell.get((output, parameter, "sigma"), math.nan)
            if math.isnan(mu_star) or math.isnan(sigma):
                continue
            ax.plot(mu_star, sigma, markers[k % len(markers)], color=colours(k % colours.N), label=parameter,
                    markersize=6, clip_on=False)
            top = max(top, mu_star, sigma)
        top = top * 1.1 or 1.0
        ax.plot([0, top], [0, top], linestyle="--", color="#888888", linewidth=0.8)
        ax.set_xlim(0, top)
        ax.set_ylim(0, top)
        ax.set_title(output_label(output), fontsize=10)
        ax.set_xlabel("\u03bc*", fontsize=9)
        ax.set_ylabel("\u03c3", fontsize=9)
        ax.tick_params(labelsize=8)
    figure.tight_layout()
    handles = [plt.Line2D([], [], linestyle="", marker=markers[k % len(markers)], color=colours(k % colours.N))
               for k in range(len(parameters))]
    figure.legend(handles, parameters, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  ncol=min(5, len(parameters)), fontsize=8, frameon=False)
    report.save(figure, "sensitivity_morris_sigma.png",
                "Morris screening: \u03c3 (spread of the elementary effects) against \u03bc* for each parameter, one "
                "panel per output; above the dashed line \u03c3 > \u03bc*, a non-linear or interacting effect.")


def sensitivity_method(report, rows, method):
    """Figures, notes and tables of one method's rows (Saltelli's or Morris's)."""
    if method == "saltelli":
        drawn_indices, title = ("S1", "ST"), "Sobol indices (Saltelli)"
    else:
        drawn_indices, title = ("mu_star",), "Elementary effects (Morris)"
    main = [r for r in rows if r["index"] in drawn_indices]
    outputs = sorted(in_order(r["output"] for r in rows), key=output_rank)
    parameters = in_order(r["parameter"] for r in main)
    notes = []
    drawable = [o for o in outputs if any(r["output"] == o and not math.isnan(r["estimate"]) for r in main)]
    constant = [o for o in outputs if o not in drawable]
    drawn = drawable[:SENSITIVITY_PANELS]
    if constant:
        notes.append("Not drawn, no estimate (an output constant over the design): %s." % ", ".join(constant))
    if drawable[SENSITIVITY_PANELS:]:
        notes.append("Not drawn, beyond the %d panels (the table lists them): %s." % (
            SENSITIVITY_PANELS, ", ".join(drawable[SENSITIVITY_PANELS:])))
    start = len(report.figures)
    if drawn and method == "saltelli":
        index_panels(report, rows, drawn, parameters, drawn_indices, "sensitivity_sobol.png",
                     "Sobol indices of each parameter, one panel per output: first order (S1, the share of the "
                     "output's variance due to the parameter alone) and total (ST, with all its interactions), "
                     "with their confidence intervals from indices.csv.")
    elif drawn:
        index_panels(report, rows, drawn, parameters, drawn_indices, "sensitivity_morris.png",
                     "Morris screening: \u03bc*, the mean absolute elementary effect of each parameter, one panel "
                     "per output, with its confidence interval from indices.csv.")
        if any(r["index"] == "sigma" and not math.isnan(r["estimate"]) for r in rows):
            morris_scatter(report, rows, drawn, parameters)
    html_parts = ["<h3>%s</h3>" % title] + ["<p>%s</p>" % html.escape(note) for note in notes]
    html_parts.append(report.figures_html(start))
    cell = {(r["output"], r["parameter"], r["index"]): r for r in rows}
    if method == "saltelli":
        html_parts.append(html_table(
            ["output", "parameter", "S1", "S1 CI", "ST", "ST CI", "n"],
            [[html.escape(o), html.escape(p), index_cell(cell.get((o, p, "S1"))), index_interval(cell.get((o, p, "S1"))),
              index_cell(cell.get((o, p, "ST"))), index_interval(cell.get((o, p, "ST"))),
              fmt(sample_size([cell.get((o, p, "S1")), cell.get((o, p, "ST"))]))]
             for o in outputs for p in parameters if (o, p, "S1") in cell or (o, p, "ST") in cell]))
        pairs = [r for r in rows if r["index"] == "S2"]
        if pairs:
            pairs.sort(key=lambda r: output_rank(r["output"]) + (outputs.index(r["output"]),))
            html_parts.append("<h4>Second-order indices (S2)</h4>" + html_table(
                ["output", "parameters", "S2", "S2 CI", "n"],
                [[html.escape(r["output"]), html.escape(r["parameter"].replace(":", " \u00d7 ")), index_cell(r),
                  index_interval(r), fmt(r["n"] if r["n"] not in ("", "NA") else None)] for r in pairs]))
    else:
        html_parts.append(html_table(
            ["output", "parameter", "\u03bc*", "\u03bc* CI", "\u03bc", "\u03c3", "n"],
            [[html.escape(o), html.escape(p), index_cell(cell.get((o, p, "mu_star"))),
              index_interval(cell.get((o, p, "mu_star"))), index_cell(cell.get((o, p, "mu"))),
              index_cell(cell.get((o, p, "sigma"))),
              fmt(sample_size([cell.get((o, p, i)) for i in MORRIS_INDICES]))]
             for o in outputs for p in parameters
             if any((o, p, i) in cell for i in MORRIS_INDICES)]))
    return "".join(html_parts)


def sensitivity(report, folder):
    """The section of indices.csv, when the sweep folder holds one: bars with CIs, one
    panel per output, and tables. Whatever goes wrong here, the rest of the page renders."""
    path = os.path.join(folder, "indices.csv")
    if not os.path.exists(table_path(path)):
        return ""
    heading = "<h2>Sensitivity indices</h2>"
    try:
        rows = read_indices(path)
        methods = [m for m, names in (("saltelli", SALTELLI_INDICES), ("morris", MORRIS_INDICES))
                   if any(r["index"] in names for r in rows)]
        if not methods:
            return heading + "<p>indices.csv holds no S1, ST, S2, mu_star, mu or sigma row: nothing to draw.</p>"
        parts = [heading, "<p>From indices.csv (attune analyze) over the sweep's outputs: the class shares first, "
                          "then the metric and IWM means; at most %d panels a figure.</p>" % SENSITIVITY_PANELS]
        unknown = in_order(r["index"] for r in rows if r["index"] not in SALTELLI_INDICES + MORRIS_INDICES)
        if unknown:
            parts.append("<p>Rows of an unknown index left out: %s.</p>" % html.escape(", ".join(unknown)))
        for method in methods:
            names = SALTELLI_INDICES if method == "saltelli" else MORRIS_INDICES
            parts.append(sensitivity_method(report, [r for r in rows if r["index"] in names], method))
        return "".join(parts)
    except Exception as error:  # a malformed file: say so on the page, draw the rest
        plt.close("all")
        sys.stderr.write("attune report: %s: %s\n" % (path, error))
        return heading + "<p>indices.csv could not be read (%s): no sensitivity figures.</p>" % html.escape(
            "%s: %s" % (type(error).__name__, error))


def main_sweep(folder):
    """The report of a sweep folder: cells.csv, failures.csv and sweep.json."""
    provenance = json.load(open(os.path.join(folder, "sweep.json")))
    report = Report(folder)
    rows = read_table(os.path.join(folder, "cells.csv"))
    failures = read_table(os.path.join(folder, "failures.csv")) if os.path.exists(
        table_path(os.path.join(folder, "failures.csv"))) else []
    parts = []
    if rows and "share_B" in rows[0]:
        axes = sweep_axes(rows)
        if all(math.isnan(number(r["share_B"])) for r in rows):
            report.notes.append("No cell ran a Strange Situation: no class-share figures.")
        else:
            sweep_response(report, rows, axes)
            sweep_secure_map(report, rows, axes)
        comparison_html = comparison(report, folder)
        parts.append(comparison_html or "")
    else:
        report.notes.append("No cell finished: nothing to plot.")
    # The indices summarize the sweep: they come before the cells' table.
    sweep_figures = len(report.figures)
    parts.insert(0, sensitivity(report, folder))
    if failures:
        fields = list(failures[0].keys())
        parts.append("<h2>Failed cells</h2>" + html_table(fields, [[html.escape(r[f]) for f in fields]
                                                                  for r in failures]))
    title = "attune sweep report: %s" % os.path.basename(os.path.normpath(folder))
    page = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head><body>
<h1>%s</h1>
<p>%s cells finished, %s failed; sweep file %s (sweep_sha256 %s), seed %s, shard %s; attune %s (git %s).</p>
%s%s%s
</body></html>
""" % (html.escape(title), STYLE, html.escape(title), len(rows), len(failures),
       html.escape(str(provenance.get("sweep_file"))), html.escape(str(provenance.get("sweep_sha256"))),
       fmt(provenance.get("seed")), html.escape(str(provenance.get("shard"))),
       html.escape(str(provenance.get("attune_version"))), html.escape(str(provenance.get("git_revision"))),
       report.notes_html(), report.figures_html(0, sweep_figures), "".join(parts))
    write_atomically(os.path.join(report.folder, "index.html"), page.encode("utf-8"))

