"""Checks of the arguments a run takes, with the command line's limits (the engine's
constants) and messages that name the argument and the limit."""
import numbers

from . import _engine

# The largest seed: the engine's seeds are unsigned 64-bit integers.
MAX_SEED = 2**64 - 1


def integer(name, value, lo, hi, why=""):
    """`value` when it is an integer in [lo, hi]; else TypeError or ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("%s=%r is not an integer" % (name, value))
    if not lo <= value <= hi:
        raise ValueError("%s=%d is not an integer in [%d, %d]%s" % (name, value, lo, hi, why))
    return int(value)


def dyads(value):
    return integer("dyads", value, 1, _engine.MAX_DYADS_PER_RUN, " (the limit on dyads of one run)")


def seed(value):
    return integer("seed", value, 0, MAX_SEED)


def threads(value):
    """Worker threads: None (or 0) for all cores, at most a few per hardware thread."""
    if value is None:
        return 0
    per, hardware = _engine.THREADS_PER_HARDWARE_THREAD, _engine.hardware_threads()
    return integer("threads", value, 0, per * hardware,
                   " (at most %d x the %d hardware threads of this machine; 0 = all of them)" % (per, hardware))


def text(name, value):
    if not isinstance(value, str):
        raise TypeError("%s=%r is not a string" % (name, value))
    return value
