"""Output folders read into pandas: a run's (dyads.csv, development.csv, summary.json) and
a sweep's (cells.csv, failures.csv, indices.csv). Each table is read as written, or
gzip-compressed (name.csv.gz), whichever the folder holds."""
import json
import os

import pandas as pd


def _path(folder, name):
    """folder/name, or folder/name.gz when only that is there."""
    plain = os.path.join(folder, name)
    if not os.path.exists(plain) and os.path.exists(plain + ".gz"):
        return plain + ".gz"
    return plain


def read_table(folder, name):
    """A CSV table of an output folder as a DataFrame ("NA" and empty fields are missing)."""
    return pd.read_csv(_path(folder, name), keep_default_na=False, na_values=["NA", ""])


def read_json(folder, name):
    with open(_path(folder, name), encoding="utf-8") as file:
        return json.load(file)


def optional_table(folder, name):
    return read_table(folder, name) if os.path.exists(_path(folder, name)) else None


class Run:
    """A run's outputs, read from its folder.

    summary       dict: summary.json
    dyads         DataFrame: dyads.csv, one row per dyad
    development   DataFrame: development.csv, one row per month of age
    scenario_yaml str: scenario.resolved.yaml, every setting the run used
    arms          {arm name: Run} of a scenario that compares arms, with comparison the
                  table arms.csv; such a run's summary compares them, and its dyads are
                  each arm's (run.arms["control"].dyads)
    out           the folder, or None when the run went to a temporary folder, now removed
    """

    def __init__(self, folder, out):
        self.out = out
        self.summary = read_json(folder, "summary.json")
        self.arms = {}
        self.comparison = optional_table(folder, "arms.csv")
        arms_folder = os.path.join(folder, "arms")
        if self.comparison is not None:
            for name in self.comparison["arm"].astype(str):
                self.arms[name] = Run(os.path.join(arms_folder, name), out and os.path.join(out, "arms", name))
            self._dyads = self._development = self.scenario_yaml = None
            return
        self._dyads = read_table(folder, "dyads.csv")
        self._development = read_table(folder, "development.csv")
        with open(os.path.join(folder, "scenario.resolved.yaml"), encoding="utf-8") as file:
            self.scenario_yaml = file.read()

    def _population(self, table, name):
        if table is None:
            raise ValueError("this run compared arms (%s): each has its own %s, e.g. run.arms[%r].%s"
                             % (", ".join(self.arms), name, next(iter(self.arms)), name))
        return table

    @property
    def dyads(self):
        return self._population(self._dyads, "dyads")

    @property
    def development(self):
        return self._population(self._development, "development")

    def __repr__(self):
        where = self.out or "a temporary folder"
        if self.arms:
            return "<attune.Run: arms %s, from %s>" % (", ".join(self.arms), where)
        return "<attune.Run: %d dyads, from %s>" % (self.summary.get("n_dyads", 0), where)


class Sweep:
    """A sweep's outputs, read from its folder.

    cells     DataFrame: cells.csv, one row per cell (its values, replicate, seed and summaries)
    failures  DataFrame: failures.csv, the cells that failed and why (empty when none did)
    indices   DataFrame: indices.csv of a saltelli or morris sweep, else None
    design    dict: design.json
    provenance dict: sweep.json (the command line or call, overrides, identity)
    out       the folder, or None when the sweep went to a temporary folder, now removed
    """

    def __init__(self, folder, out):
        self.out = out
        self.cells = read_table(folder, "cells.csv")
        self.failures = read_table(folder, "failures.csv")
        self.indices = optional_table(folder, "indices.csv")
        self.design = read_json(folder, "design.json")
        self.provenance = read_json(folder, "sweep.json")

    def __repr__(self):
        return "<attune.Sweep: %d cells, %d failed, from %s>" % (len(self.cells), len(self.failures),
                                                                 self.out or "a temporary folder")
