"""The progress of a run or sweep: a tqdm bar (a widget in a notebook) when tqdm is
installed (Debian's python3-tqdm), else a plain line on a terminal's standard error."""
import os
import sys
import time


def _interactive():
    """True in a Jupyter kernel, or when standard error is a terminal and CI is not set
    (as the command line decides)."""
    if "ipykernel" in sys.modules:
        return True
    try:
        return sys.stderr.isatty() and not os.environ.get("CI")
    except (AttributeError, ValueError):  # a replaced or closed stderr
        return False


class _Line:
    """done/total, rate and time left, redrawn on one line of standard error."""

    def __init__(self, total, unit):
        self.total, self.unit, self.start = total, unit, time.monotonic()

    def update(self, done, total):
        self.total = total
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = done / elapsed
        left = " ETA %.0f s" % ((total - done) / rate) if 0 < done < total else ""
        sys.stderr.write("\r%d/%d %s  %.1f %s/s%s   " % (done, total, self.unit, rate, self.unit, left))
        sys.stderr.flush()

    def close(self):
        sys.stderr.write("\n")
        sys.stderr.flush()


class _Bar:
    def __init__(self, total, unit, description):
        from tqdm.auto import tqdm
        self.bar = tqdm(total=total, unit=unit, desc=description, leave=False)

    def update(self, done, total):
        if total != self.bar.total:
            self.bar.total = total
            self.bar.refresh()
        if done != self.bar.n:
            self.bar.update(done - self.bar.n)

    def close(self):
        self.bar.close()


class Progress:
    """A callable(done, total) for the engine, shown when `enabled` (None: in a notebook or
    on a terminal); use as a context manager so the display is closed."""

    def __init__(self, total, unit, description, enabled):
        if enabled is None:
            enabled = _interactive()
        self.display = None
        if enabled:
            try:
                self.display = _Bar(total, unit, description)
            except ImportError:
                self.display = _Line(total, unit)

    def callback(self):
        """What the engine calls, or None when nothing is shown."""
        return self.display.update if self.display else None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.display:
            self.display.close()
        return False
