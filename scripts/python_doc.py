"""Runs the ```python blocks of a doc (docs/PYTHON.md) in order, in one namespace, as a
notebook would, and saves the figure they leave open.

  python_doc.py DOC FIGURE     run DOC's blocks from the current folder, save FIGURE (PNG)

Run by scripts/python-doc-figure.sh at full size, and by tests/python/test_docs.py with
fewer dyads, so the doc's code and its figure cannot drift apart.
"""
import re
import sys

BLOCK = re.compile(r"^```python\n(.*?)^```$", re.M | re.S)


def blocks(text):
    """The code of each ```python block, in order."""
    return [match.group(1) for match in BLOCK.finditer(text)]


def run(doc, figure):
    """Runs the blocks of `doc` (a path) and saves the current figure to `figure`;
    returns the namespace they ran in."""
    import matplotlib
    matplotlib.use("Agg")  # no display: plt.show() returns at once and the figure stays open
    import matplotlib.pyplot as plt
    with open(doc, encoding="utf-8") as file:
        code = blocks(file.read())
    if not code:
        raise SystemExit("%s has no ```python block" % doc)
    namespace = {"__name__": "__doc__"}
    for number, block in enumerate(code, 1):
        exec(compile(block, "%s, python block %d" % (doc, number), "exec"), namespace)
    if not plt.get_fignums():
        raise SystemExit("%s draws no figure" % doc)
    plt.gcf().savefig(figure, dpi=90, bbox_inches="tight")
    return namespace


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    run(sys.argv[1], sys.argv[2])
