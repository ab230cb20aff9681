"""A run releases the GIL, and Ctrl-C stops it within a block of dyads leaving no folder."""
import os
import select
import signal
import subprocess
import sys
import textwrap
import threading
import time

import attune
from conftest import NORMATIVE

# The child's runs would take minutes: only an interruption ends them in time.
CHILD = textwrap.dedent("""
    import signal, sys
    import attune
    # A shell's background job starts with SIGINT ignored; Python's handler is what is tested.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        attune.run(sys.argv[1], dyads=100000, threads=2, out=sys.argv[2], progress=False)
    except KeyboardInterrupt:
        print("interrupted with out=", flush=True)
    try:
        attune.run(sys.argv[1], dyads=100000, threads=2, progress=False)  # into a temporary folder
    except KeyboardInterrupt:
        print("interrupted in a temporary folder", flush=True)
    # Arms: the arm cut short would hand on fewer dyads than its control to compare.
    attune.run(sys.argv[3], dyads=100000, threads=2, progress=False)
""")


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited %d s for %s" % (seconds, what)
        time.sleep(0.02)


def test_ctrl_c_stops_a_run_within_a_block_and_leaves_no_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    out = tmp_path / "out"
    arms = os.path.join(os.path.dirname(NORMATIVE), "intervention_home_visiting.yaml")
    child = subprocess.Popen([sys.executable, "-c", CHILD, NORMATIVE, str(out), arms], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=dict(os.environ, TMPDIR=str(temporary)))
    try:
        # The run is under way once its staging folder exists beside out.
        wait_for(lambda: any(name.startswith(".out.tmp-") for name in os.listdir(tmp_path)), 30, "the first run")
        time.sleep(0.2)
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        assert select.select([child.stdout], [], [], 15)[0], "no KeyboardInterrupt 15 s after SIGINT"
        assert child.stdout.readline() == "interrupted with out=\n"
        first_stop = time.monotonic() - sent
        assert sorted(os.listdir(tmp_path)) == ["tmp"]  # no out, no staging folder
        stops = [first_stop]
        for run in ("the second run", "the arms' run"):
            wait_for(lambda: os.listdir(temporary), 30, run)
            time.sleep(0.2)
            running = set(os.listdir(temporary))
            sent = time.monotonic()
            child.send_signal(signal.SIGINT)
            if run == "the second run":
                assert select.select([child.stdout], [], [], 15)[0], "no KeyboardInterrupt 15 s after SIGINT"
                assert child.stdout.readline() == "interrupted in a temporary folder\n"
                # Its folder goes (the arms' run that follows makes its own).
                wait_for(lambda: not running & set(os.listdir(temporary)), 10, "the temporary folder's removal")
            else:
                _, stderr = child.communicate(timeout=30)
            stops.append(time.monotonic() - sent)
    finally:
        child.kill()
        child.wait()
    # KeyboardInterrupt, not the comparison's error about arms of unequal sizes.
    assert child.returncode != 0 and "KeyboardInterrupt" in stderr.splitlines()[-1], stderr
    # Within a block (32 or 64 dyads on two threads here): far less than the run.
    assert all(stop < 10 for stop in stops), stops
    assert os.listdir(temporary) == []


def test_a_run_releases_the_gil():
    ticks = []
    running = threading.Event()

    def count():
        while not running.is_set():
            time.sleep(0.001)
        while running.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.005)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        running.set()
        start = time.monotonic()
        attune.run(NORMATIVE, dyads=48, threads=1, progress=False)
        end = time.monotonic()
    finally:
        running.clear()
        counter.join()
    during = [t for t in ticks if start + 0.05 < t < end - 0.05]
    # Held through the run, the GIL would let the counter tick only at the watch's 100 ms
    # look-ups; released, it ticks every 5 ms or so.
    assert end - start > 0.1  # long enough to tell the two apart
    assert len(during) > (end - start) / 0.05, (len(during), end - start)
