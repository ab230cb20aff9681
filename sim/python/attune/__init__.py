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
from ._engine import GIT_REVISION as __git_revision__
from ._engine import VERSION as __version__
from ._engine import ScenarioError
from .outputs import Run, Sweep
from .scenario import Scenario, load
from .simulate import run, sweep, trace

__all__ = ["load", "run", "sweep", "trace", "Scenario", "Run", "Sweep", "ScenarioError"]
