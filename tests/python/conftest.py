"""Shared set-up of the Python module's tests (CTest python/pytest runs them with
PYTHONPATH=<build>/python and ATTUNE_BINARY=<build>/attune; run by hand, they find the
build folder `build` of this tree)."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(BUILD / "python"))

NORMATIVE = str(ROOT / "scenarios" / "normative.yaml")


@pytest.fixture(scope="session")
def attune_binary():
    return os.environ.get("ATTUNE_BINARY", str(BUILD / "attune"))


@pytest.fixture(scope="session")
def cli(attune_binary):
    """Runs the command line; returns its completed process (checked: exit 0)."""
    def run(*arguments):
        return subprocess.run([attune_binary, *map(str, arguments)], check=True, capture_output=True, text=True)
    return run
