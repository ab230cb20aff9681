"""attune in Python: the simulator's engine (the C++ extension attune._engine, the same
code as the command line, so the same results byte for byte), its outputs read with pandas.

    load(path, overrides=None)         a scenario, checked: Scenario        (scenario.py)
    run(scenario, dyads=, seed=, ...)  a population run: Run                (simulate.py)
    sweep(path, ...)                   a parameter sweep: Sweep             (simulate.py)
    trace(scenario, dyad=, day=)       one dyad's day, second by second     (simulate.py)
    Run, Sweep                         an output folder read into pandas    (outputs.py)
    ScenarioError                      a scenario's issues (a ValueError; .issues)

Runs release the GIL; Ctrl-C stops one within a block of dyads and leaves no output
folder. docs/PYTHON.md has a worked example.
"""
try:
    from ._engine import GIT_REVISION as __git_revision__
    from ._engine import VERSION as __version__
    from ._engine import ScenarioError
    from .outputs import Run, Sweep
    from .scenario import Scenario, load
    from .simulate import run, sweep, trace
except ImportError as missing:
    # Another Python than the one the module was built for (a pyenv python3 first on PATH,
    # say) lacks the extension's ABI or Debian's numpy and pandas: say which to use.
    import sys
    raise ImportError("attune cannot be imported into %s (%s): it is built for the interpreter CMake found (Debian's /usr/bin/python3 by default) "
                      "with python3-numpy and python3-pandas (scripts/install-deps.sh); run that interpreter, "
                      "e.g. PYTHONPATH=build/python /usr/bin/python3" % (sys.executable, missing)) from missing

__all__ = ["load", "run", "sweep", "trace", "Scenario", "Run", "Sweep", "ScenarioError"]
