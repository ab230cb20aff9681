"""Runs, sweeps and traces: the engine's, into an output folder (the one given as `out`,
or a temporary one removed once read), read back with pandas (outputs.py)."""
import io
import os
import shutil
import tempfile
import warnings

import pandas as pd

from . import _engine, arguments
from .outputs import Run, Sweep
from .progress import Progress
from .scenario import Scenario, load, override_texts


def _scenario(scenario):
    """A Scenario, loaded from a path when given one."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, (str, os.PathLike)):
        return load(scenario)
    raise TypeError("scenario=%r is neither an attune.Scenario nor a path" % (scenario,))


def _call(function, given):
    """How the outputs record what made them: the call, as Python would write it."""
    arguments_given = ("%s=%r" % (name, value) for name, value in given.items() if value is not None)
    return "python: attune.%s(%s)" % (function, ", ".join(arguments_given))


def _folder(out):
    return None if out is None else arguments.text("out", os.fspath(out))


def _output(out, make, read):
    """make(folder), then read(folder, out): into `out`, or into a temporary folder that
    is removed afterwards, whatever happens (read is then told out=None)."""
    if out is not None:
        make(out)
        return read(out, out)
    temporary = tempfile.mkdtemp(prefix="attune-")
    try:
        folder = os.path.join(temporary, "out")
        make(folder)
        return read(folder, None)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def run(scenario, dyads=None, seed=None, threads=None, out=None, compress=False, progress=None):
    """Simulates the scenario's population, as `attune run` does, and returns its Run.

    scenario  an attune.Scenario (attune.load) or a scenario file's path
    dyads     dyads to simulate (default: the scenario's), at most MAX_DYADS_PER_RUN
    seed      the master seed (default: the scenario's)
    threads   worker threads (default: all cores); results do not depend on it
    out       the output folder, written whole or not at all; default: a temporary
              folder removed once read (run.out is then None)
    compress  write dyads.csv gzip-compressed (dyads.csv.gz), as --compress
    progress  True, False, or None: a bar in a notebook or on a terminal

    A scenario that compares arms runs each (run.arms). Raises ValueError for a bad
    argument or an output folder that may not be replaced, OSError when outputs cannot
    be written, KeyboardInterrupt (leaving no folder) when interrupted."""
    scenario = _scenario(scenario)
    dyads = arguments.dyads(scenario.dyads if dyads is None else dyads)
    seed = arguments.seed(scenario.seed if seed is None else seed)
    threads = arguments.threads(threads)
    out = _folder(out)
    command = _call("run", {"scenario": scenario, "dyads": dyads, "seed": seed, "threads": threads or None,
                            "out": out, "compress": compress or None})

    def make(folder):
        with Progress(dyads * max(1, len(scenario.arms)), "dyads", scenario.name, progress) as shown:
            _engine.run(scenario._native, dyads, seed, threads, folder, bool(compress), command, shown.callback())

    return _output(out, make, Run)


def sweep(path, overrides=None, dyads=None, threads=None, out=None, resume=False, keep_dyads=False,
          compress=False, progress=None):
    """Runs a sweep file, as `attune sweep` does, and returns its Sweep (sweep.cells).

    overrides   {"group.name": value} set on the base scenario of every cell (as --set);
                one that sets a sweep axis is refused
    dyads       dyads per cell (default: the sweep file's)
    out         the output folder (default: a temporary one removed once read);
                resume=True finishes a stopped sweep there
    keep_dyads  keep each cell's dyads.csv (large; only with out), gzip-compressed with compress

    Cells that fail are listed in sweep.failures (and warned of) rather than raised.
    Ctrl-C stops the sweep within a block of dyads: the cells finished stay in `out`
    for a resume, the one under way is discarded."""
    path = arguments.text("path", os.fspath(path))
    texts = override_texts(overrides)
    dyads = 0 if dyads is None else arguments.dyads(dyads)
    threads = arguments.threads(threads)
    out = _folder(out)
    if out is None and (resume or keep_dyads):
        raise ValueError("resume and keep_dyads need a folder that stays: give out=")
    command = _call("sweep", {"path": path, "overrides": overrides or None, "dyads": dyads or None,
                              "threads": threads or None, "out": out, "resume": resume or None,
                              "keep_dyads": keep_dyads or None, "compress": compress or None})

    def make(folder):
        with Progress(1, "cells", os.path.basename(path), progress) as shown:
            total, failed = _engine.sweep(path, texts, dyads, threads, folder, bool(resume), bool(keep_dyads),
                                          bool(compress), command, shown.callback())
        if failed:
            warnings.warn("%d of %d cells of %s failed (sweep.failures says why)" % (failed, total, path),
                          RuntimeWarning, stacklevel=4)

    return _output(out, make, Sweep)


# The wide trace's 0/1 series, read as booleans.
_FLAGS = ["matched", "caregiver_engaged", "signalling", "rupture", "repair"]


def trace(scenario, dyad=0, day=None, seed=None, arm=None, format="wide"):
    """Day `day` of dyad `dyad`'s life, second by second, as a DataFrame of the rows
    `attune run --trace` writes for it (traces.csv): the same life as that dyad's in a run
    with `seed` (default: the scenario's). `day` defaults as --trace-day does: 182 (six
    months), or the span's last day when it is shorter. format="long" gives the rows of
    --trace-format long (dyad_id, second, person, variable, value; the caregiver's series
    too). A scenario that compares arms needs `arm`, the arm's name."""
    scenario = _scenario(scenario)
    if day is None:
        day = min(182, scenario.span_days - 1)
    dyad = arguments.integer("dyad", dyad, 0, _engine.MAX_DYADS_PER_RUN - 1, " (a dyad id of a run)")
    day = arguments.integer("day", day, 0, scenario.span_days - 1,
                            " (a day of life; span_days %d of %s)" % (scenario.span_days, scenario.file))
    seed = arguments.seed(scenario.seed if seed is None else seed)
    if arm is not None:
        arguments.text("arm", arm)
    if format not in ("wide", "long"):
        raise ValueError("format=%r is neither 'wide' nor 'long'" % (format,))
    rows = pd.read_csv(io.StringIO(_engine.trace(scenario._native, seed, dyad, day, arm, format == "long")))
    return rows.astype({flag: bool for flag in _FLAGS}) if format == "wide" else rows
