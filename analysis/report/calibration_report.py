"""The report of a calibration folder (attune calibrate): the posterior's marginals, the
history-matching points pair by pair with the particles over them, each target against
the best point, and the tables of the waves, the ABC generations and the posterior.

It is compiled into the binary after report.py and uses its helpers (Report, fmt,
interval, html_table, number, open_table, read_table, table_path, write_atomically, STYLE); report_main.py calls
main_calibration(DIR). It reads DIR/calibration.json, DIR/posterior.csv and, where present,
DIR/waves/implausibility.csv, DIR/nroy.csv and DIR/run.json.
"""

HISTOGRAM_BINS = 30
POSTERIOR_COLOUR = "#c44e52"
OBSERVED_COLOUR = "#222222"
RULED_OUT_COLOUR = "#c8c8c8"
# One colour a wave, none of them the particles' red or the ruled-out grey.
WAVE_COLOURS = ("#4c72b0", "#55a868", "#dd8452", "#8172b3", "#937860", "#da8bc3", "#64b5cd", "#ccb974")
FITS_COLOUR = "#55a868"
UNASSESSED_COLOUR = "#888888"


def read_columns(path):
    """A CSV's header and its columns as float arrays (NaN for NA)."""
    with open_table(path) as source:
        reader = csv.reader(source)
        header = next(reader, [])
        rows = list(reader)
    # number(None) is NaN: a short row's missing cells.
    return header, {name: np.array([number(r[k] if k < len(r) else None) for r in rows], dtype=float)
                    for k, name in enumerate(header)}


def posterior_parameters(header):
    """The free parameters in the calibration file's order: posterior.csv's columns between
    `particle` and `weight` (calibration.json's posterior is keyed in name order)."""
    return header[1:header.index("weight")] if "particle" in header[:1] and "weight" in header else []


def prior_of(calibration, name):
    """(min, max, log scale) of a parameter, or None when calibration.json has no posterior
    summary to take them from (history matching ruled out every point)."""
    summary = calibration.get("posterior", {}).get(name)
    if not summary or not summary.get("prior"):
        return None
    return summary["prior"][0], summary["prior"][1], summary.get("scale") == "log"


def set_parameter_axis(ax, prior, axis="x"):
    """Limits at the prior range, and a log axis for a parameter searched on the log scale."""
    if prior is None:
        return
    low, high, log = prior
    if log:
        (ax.set_xscale if axis == "x" else ax.set_yscale)("log")
    (ax.set_xlim if axis == "x" else ax.set_ylim)(low, high)


def grid(count, cols):
    """A figure of `count` panels, `cols` wide; the unused panels are hidden."""
    cols = min(cols, count)
    lines = (count + cols - 1) // cols
    figure, axes = plt.subplots(lines, cols, figsize=(3.6 * cols, 2.9 * lines), squeeze=False)
    for ax in axes.flat[count:]:
        ax.axis("off")
    return figure, axes.flat[:count]


def marginals(report, calibration, parameters, posterior):
    """Per parameter, the weighted histogram of the particles over its prior range, with
    the median and the 95 % interval of calibration.json."""
    weights = posterior.get("weight", np.array([]))
    if weights.size == 0 or not np.isfinite(weights).any():
        report.notes.append("posterior.csv holds no particle: no marginal posteriors.")
        return
    figure, axes = grid(len(parameters), 3)
    for ax, name in zip(axes, parameters):
        values = posterior[name]
        kept = np.isfinite(values) & np.isfinite(weights)
        prior = prior_of(calibration, name)
        ax.set_title(name, fontsize=9)
        if not kept.any() or (prior is None and np.ptp(values[kept]) == 0):
            ax.text(0.5, 0.5, "no spread to draw", transform=ax.transAxes, ha="center", fontsize=8)
            continue
        low, high = (prior[0], prior[1]) if prior else (np.nanmin(values[kept]), np.nanmax(values[kept]))
        log = bool(prior and prior[2])
        edges = np.geomspace(low, high, HISTOGRAM_BINS + 1) if log else np.linspace(low, high, HISTOGRAM_BINS + 1)
        share = weights[kept] / weights[kept].sum()
        ax.hist(values[kept], bins=edges, weights=share, color="#4c72b0", alpha=0.8)
        summary = calibration.get("posterior", {}).get(name, {})
        lo, hi = (summary.get("interval95") or [None, None])[:2]
        if lo is not None and hi is not None:
            ax.axvspan(lo, hi, color=POSTERIOR_COLOUR, alpha=0.12, label="95% interval")
        if summary.get("median") is not None:
            ax.axvline(summary["median"], color=POSTERIOR_COLOUR, linewidth=1.2, label="median")
        set_parameter_axis(ax, prior)
        ax.tick_params(labelsize=8)
    axes[0].set_ylabel("posterior weight per bin", fontsize=8)
    handles, labels = axes[0].get_legend_handles_labels()
    figure.tight_layout()
    if handles:
        figure.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8,
                      frameon=False)
    report.save(figure, "calibration_marginals.png",
                "Marginal posterior of each free parameter: the ABC particles' weights (posterior.csv) in %d bins "
                "over the prior range (a log axis for a parameter searched on the log scale), with the median and "
                "the shaded 95%% interval of calibration.json." % HISTOGRAM_BINS)


def pair_plots(report, calibration, parameters, points, posterior, cutoff):
    """Each pair of parameters: the history-matching points by wave, those ruled out grey,
    the posterior particles over them sized by weight."""
    pairs = [(i, j) for j in range(len(parameters)) for i in range(j)]
    side = len(parameters) - 1
    panel = min(3.0, 18.0 / side)
    figure, axes = plt.subplots(side, side, figsize=(panel * side + 1.0, panel * side), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    waves = points["wave"]
    wave_numbers = sorted({int(w) for w in waves[np.isfinite(waves)]})
    implausibility = points["max_implausibility"]
    # NA counts as ruled out, as in nroy.csv: nothing supports the point.
    plausible = np.isfinite(implausibility) & (implausibility <= cutoff)
    weights = posterior.get("weight", np.array([]))
    particles = weights.size > 0 and np.isfinite(weights).any()
    for i, j in pairs:
        ax = axes[j - 1][i]
        ax.axis("on")
        x, y = points[parameters[i]], points[parameters[j]]
        ax.scatter(x[~plausible], y[~plausible], s=6, color=RULED_OUT_COLOUR, linewidths=0, label="ruled out")
        for k, wave in enumerate(wave_numbers):
            chosen = plausible & (waves == wave)
            ax.scatter(x[chosen], y[chosen], s=9, linewidths=0,
                       color=WAVE_COLOURS[k % len(WAVE_COLOURS)], label="wave %d, not ruled out" % wave)
        if particles:
            ax.scatter(posterior[parameters[i]], posterior[parameters[j]], s=8 + 120 * weights / np.nanmax(weights),
                       facecolors="none", edgecolors=POSTERIOR_COLOUR, linewidths=0.7,
                       label="posterior particle (size: weight)")
        set_parameter_axis(ax, prior_of(calibration, parameters[i]), "x")
        set_parameter_axis(ax, prior_of(calibration, parameters[j]), "y")
        ax.tick_params(labelsize=7)
        if j == side:
            ax.set_xlabel(parameters[i], fontsize=8)
        if i == 0:
            ax.set_ylabel(parameters[j], fontsize=8)
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.tight_layout()
    figure.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(4, len(handles)),
                  fontsize=8, frameon=False, markerscale=1.5)
    report.save(figure, "calibration_pairs.png",
                "Every history-matching point (waves/implausibility.csv) for each pair of free parameters: coloured "
                "by wave where its largest implausibility is at most the cutoff %s, grey where it was ruled out (or "
                "not assessed); the ABC particles (posterior.csv) drawn over them, sized by weight." % fmt(cutoff))


def component_label(row):
    """"classes: share_B", or the target alone where it names its output ("mean matched_share_mean")."""
    target, output = row.get("target") or "", row.get("output") or ""
    return target if target.endswith(output) else "%s: %s" % (target, output)


def whisker(ax, value, pair, y, colour):
    """A dot with its 95 % interval; a value without an interval is a dot alone."""
    if value is None:
        return
    lo, hi = (pair or [None, None])[:2]
    error = [[value - lo], [hi - value]] if lo is not None and hi is not None else None
    ax.errorbar([value], [y], xerr=error, fmt="o", color=colour, capsize=3, markersize=5)


def target_fit(report, calibration, cutoff):
    """Each target component: observed with its 95 % interval against the best point's
    replicates (their mean and 95 % interval), its implausibility beside."""
    fit = calibration.get("best", {}).get("fit", [])
    if not fit:
        report.notes.append("calibration.json holds no fit of the best point: no target figure.")
        return
    figure, axes = plt.subplots(len(fit), 1, figsize=(7.5, 0.5 + 0.75 * len(fit)), squeeze=False)
    kinds = {"observed (95% interval)": OBSERVED_COLOUR}
    for ax, row in zip(axes.flat, fit):
        whisker(ax, row.get("observed"), row.get("observed_interval95"), 0.18, OBSERVED_COLOUR)
        implausibility = row.get("implausibility")
        if implausibility is None:
            kind, colour = "best point, I not assessed", UNASSESSED_COLOUR
        elif implausibility <= cutoff:
            kind, colour = "best point, I \u2264 %s" % fmt(cutoff), FITS_COLOUR
        else:
            kind, colour = "best point, I > %s" % fmt(cutoff), POSTERIOR_COLOUR
        kinds[kind] = colour
        whisker(ax, row.get("simulated"), row.get("simulated_interval95"), -0.18, colour)
        ax.set_ylim(-0.6, 0.6)
        ax.set_yticks([0])
        ax.set_yticklabels([component_label(row)], fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.text(1.02, 0.5, "I = %s" % fmt(implausibility), transform=ax.transAxes, va="center", fontsize=8)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colour) for colour in kinds.values()]
    figure.tight_layout(h_pad=0.4)
    figure.legend(handles, list(kinds), loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(kinds), fontsize=8,
                  frameon=False)
    report.save(figure, "calibration_targets.png",
                "Each target component, observed with its 95%% interval (dark) against the best point (%s) with the "
                "95%% interval of its replicates' mean, one row and x scale each; I beside is its implausibility "
                "(ruled out above %s)." % (calibration.get("best", {}).get("from", "best point"), fmt(cutoff)))


def calibration_tables(folder, calibration, parameters):
    """The waves (and the size of nroy.csv), the ABC generations, the posterior and the
    target fit as tables."""
    nroy_path = os.path.join(folder, "nroy.csv")
    nroy = ("<p>The last wave's %d points not ruled out are listed in nroy.csv.</p>" % len(read_table(nroy_path))
            if os.path.exists(table_path(nroy_path)) else "")
    parts = ["<h2>History-matching waves</h2>" + html_table(
        ["wave", "points", "not ruled out", "smallest max I", "candidates screened", "candidates plausible"],
        [[fmt(w.get("wave")), fmt(w.get("points")), fmt(w.get("not_ruled_out")),
          fmt(w.get("smallest_max_implausibility")), fmt(w.get("candidates_screened")),
          fmt(w.get("candidates_plausible"))] for w in calibration.get("waves", [])]) + nroy]
    parts.append("<h2>ABC generations</h2>" + html_table(
        ["generation", "kept / proposals", "tolerance", "effective sample size"],
        [[fmt(g.get("generation")), "%s / %s" % (fmt(g.get("kept")), fmt(g.get("proposals"))), fmt(g.get("tolerance")),
          fmt(g.get("effective_sample_size"))] for g in calibration.get("generations", [])]))
    best = calibration.get("best", {}).get("parameters", {})
    rows = []
    for name in parameters:
        summary = calibration.get("posterior", {}).get(name, {})
        rows.append([html.escape(name), fmt(summary.get("median")), fmt(summary.get("mean")),
                     interval(summary.get("interval95")), interval(summary.get("prior")),
                     html.escape(summary.get("scale", "–")), fmt(summary.get("interval_share_of_range")),
                     fmt(best.get(name))])
    parts.append("<h2>Posterior</h2>" + html_table(
        ["parameter", "median", "mean", "95% interval", "prior range", "scale", "interval share of range",
         "best point"], rows))
    parts.append("<h2>Targets at the best point</h2>" + html_table(
        ["target", "output", "scale", "observed", "95% interval", "simulated", "95% interval", "replicates",
         "discrepancy variance", "implausibility"],
        [[html.escape(str(r.get("target"))), html.escape(str(r.get("output"))), html.escape(str(r.get("scale"))),
          fmt(r.get("observed")), interval(r.get("observed_interval95")), fmt(r.get("simulated")),
          interval(r.get("simulated_interval95")), fmt(r.get("replicates")), fmt(r.get("discrepancy_variance")),
          fmt(r.get("implausibility"))] for r in calibration.get("best", {}).get("fit", [])]))
    return "".join(parts)


def run_line(folder):
    """run.json's times: how much the calibration's own bookkeeping added to the simulations."""
    path = os.path.join(folder, "run.json")
    if not os.path.exists(path):
        return "<p>No run.json: the run's times are unknown.</p>"
    record = json.load(open(path))
    share = record.get("bookkeeping_share")
    return ("<p>Wall time %s s: simulation %s s, bookkeeping (emulators, screening, ABC weights, files) %s s, "
            "%s%% of the simulation time. Command line: <code>%s</code>.</p>" % (
                fmt(record.get("wall_seconds")), fmt(record.get("simulation_seconds")),
                fmt(record.get("bookkeeping_seconds")), fmt(100 * share if share is not None else None),
                html.escape(str(record.get("command_line", "")))))


def method_line(calibration):
    matching = calibration.get("method", {}).get("history_matching", {})
    abc = calibration.get("method", {}).get("abc", {})
    return ("<p>History matching: %s waves of %s points, %s replicates each, cutoff %s, %s candidates screened a wave; "
            "ABC (%s): %s particles, %s generations, keeping %s of the proposals.</p>" % (
                fmt(matching.get("waves")), fmt(matching.get("points")), fmt(matching.get("replicates")),
                fmt(matching.get("cutoff")), fmt(matching.get("candidates")), fmt(abc.get("method")),
                fmt(abc.get("particles")), fmt(abc.get("generations")), fmt(abc.get("keep"))))


def main_calibration(folder):
    """The report of a calibration folder: calibration.json, posterior.csv and, where
    present, waves/implausibility.csv, nroy.csv and run.json."""
    calibration = json.load(open(os.path.join(folder, "calibration.json")))
    header, posterior = read_columns(os.path.join(folder, "posterior.csv"))
    parameters = posterior_parameters(header)
    if not parameters:
        sys.stderr.write("attune report: %s has no particle,<parameters>,weight columns\n"
                         % os.path.join(folder, "posterior.csv"))
        sys.exit(1)
    cutoff = calibration.get("method", {}).get("history_matching", {}).get("cutoff", 3.0)
    report = Report(folder)
    if not calibration.get("found_plausible_region", False):
        report.notes.append("History matching ruled out every point: there is no posterior, and the best point is "
                            "the least implausible one simulated.")
    marginals(report, calibration, parameters, posterior)
    points_path = os.path.join(folder, "waves", "implausibility.csv")
    if len(parameters) < 2:
        report.notes.append("One free parameter: no pair plots.")
    elif not os.path.exists(table_path(points_path)):
        report.notes.append("No waves/implausibility.csv: no pair plots.")
    else:
        pair_plots(report, calibration, parameters, read_columns(points_path)[1], posterior, cutoff)
    target_fit(report, calibration, cutoff)

    title = "attune calibration report: %s" % calibration.get("name", os.path.basename(os.path.normpath(folder)))
    page = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s</title><style>%s</style></head><body>
<h1>%s</h1>
<p>Calibration file %s (sha256 %s), seed %s; attune %s (git %s).</p>
%s%s%s%s%s
</body></html>
""" % (html.escape(title), STYLE, html.escape(title), html.escape(str(calibration.get("calibration_file"))),
       html.escape(str(calibration.get("calibration_sha256"))), fmt(calibration.get("seed")),
       html.escape(str(calibration.get("attune_version"))), html.escape(str(calibration.get("git_revision"))),
       method_line(calibration), run_line(folder), report.notes_html(), report.figures_html(),
       calibration_tables(folder, calibration, parameters))
    write_atomically(os.path.join(report.folder, "index.html"), page.encode("utf-8"))
