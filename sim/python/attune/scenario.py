"""A scenario loaded from its YAML file, with overrides: what `attune run` would read."""
import math
import numbers
import os

from . import _engine
from .arguments import text


def _override_value(key, value):
    """A scalar override's value as the YAML text the loader reads."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        if not math.isfinite(value):
            raise ValueError("overrides[%r]=%r is not a finite number" % (key, value))
        return repr(float(value))  # the shortest text that reads back to the same double
    if isinstance(value, str):
        return value
    raise TypeError("overrides[%r]=%r: a value is a number, a bool or a string" % (key, value))


class Scenario:
    """A scenario file with its overrides, loaded and checked by the engine.

    name, description, file, seed, dyads, span_days and arms are the scenario's;
    overrides what was given to load(); resolved_yaml() every setting in force."""

    def __init__(self, path, overrides, native):
        self.path = path
        self.overrides = dict(overrides)
        self._native = native

    name = property(lambda self: self._native.name)
    description = property(lambda self: self._native.description)
    file = property(lambda self: self._native.file)
    sha256 = property(lambda self: self._native.sha256)
    seed = property(lambda self: self._native.seed)
    dyads = property(lambda self: self._native.dyads)
    span_days = property(lambda self: self._native.span_days)
    arms = property(lambda self: list(self._native.arms))

    def resolved_yaml(self):
        """The scenario with every setting in force, as an output's scenario.resolved.yaml."""
        return self._native.resolved_yaml()

    def __repr__(self):
        given = ", overrides=%r" % self.overrides if self.overrides else ""
        return "attune.load(%r%s)" % (self.path, given)


def load(path, overrides=None):
    """The scenario at `path` (a YAML file; `base:` chains are followed), with `overrides`,
    a dict such as {"caregiver.repair": 0.7} (the parameter fixed for every dyad) or
    {"caregiver.repair.mean": 0.5} (one field of its distribution), applied before the
    loader's checks. Raises ScenarioError (a ValueError) listing every issue as
    file:line:column: key: message, an overridden key's issue located at the override."""
    path = text("path", os.fspath(path))
    texts = override_texts(overrides)
    return Scenario(path, overrides or {}, _engine.load(path, texts))


def override_texts(overrides):
    """{"group.name": value} as the engine's "group.name=value" texts, in order."""
    overrides = {} if overrides is None else overrides
    if not isinstance(overrides, dict):
        raise TypeError("overrides=%r is not a dict of 'group.name': value" % (overrides,))
    return ["%s=%s" % (text("an overrides key", key), _override_value(key, value))
            for key, value in overrides.items()]
