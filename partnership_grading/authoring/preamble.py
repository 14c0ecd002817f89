"""The locked cells every notebook opens with: its instructions (and their ``help()`` hint), the
student-id cell, and the setup cell that defines the student's own numbers."""

from __future__ import annotations

import ast
import importlib
import inspect

from ..integrity import ALLOWED_IMPORTS
from .specs import Assignment
from .text import _clean

NUMBERS_MARKER = "{numbers}"  # the line of a spec's setup where the student's numbers are defined
NUMBERS_NAME = "NUMBERS"  # what the setup cell calls the student's numbers (a parameter may be called P)


COMMON_RULES = """\
**How this notebook works**

- Write code where a cell says `# YOUR CODE HERE` (replace the `raise NotImplementedError()` line),
  and written answers where a cell says `YOUR ANSWER HERE`. Keep the function and variable names
  the prompt asks for: the tests look for them.
- **You may import and use the course package `partnership`** (the student kit installs it; once
  the setup cell has run, `help({example})` shows how a model is called), `numpy`, and these
  standard-library modules: {stdlib}. The grader refuses other imports, file access and changes to what the
  tests use (see the instructor guide). Do not install packages from inside the notebook.
- Instructions, the setup cell and the test cells are locked. The grader restores them before it
  runs your notebook, so editing, deleting or reordering them cannot change your grade.
- The visible tests help you check your work. The grader also runs **hidden tests** that call your
  functions with other inputs, so write general code: typing in the number a visible test expects
  scores nothing. The grader decides every part itself, outside your notebook, from the values your
  code gives: what a cell prints cannot change a grade.
- Money is in $bn of present value unless a prompt says otherwise. Numbers marked *hypothetical*
  are made up for the exercise; *reported* figures come from press reports that the companies did
  not confirm.
- Before you submit, run **Kernel → Restart Kernel and Run All Cells** and check that no cell shows
  an error, or press **Validate** in the notebook's toolbar (in a terminal, in the student kit's
  folder: `.venv/bin/nbgrader validate {notebook}`). Submit the file with its name unchanged:
  `{notebook}`.""".replace(
    "{stdlib}", ", ".join(f"`{m}`" for m in sorted(ALLOWED_IMPORTS - {"partnership", "numpy"}))
)


def help_example(a: Assignment) -> str:
    """The first function the assignment's setup cell imports from ``partnership``, for the ``help()`` hint.

    Every notebook's instructions suggest ``help(<name>)``; the name must be one its own setup cell
    defines, or the hint raises ``NameError`` (ps2 once suggested ``nash_split``, which it never imports).
    """
    for node in ast.walk(ast.parse(setup_source(a))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "partnership" \
                and node.module != "partnership.variants":
            module = importlib.import_module(node.module)
            for alias in node.names:
                name = alias.asname or alias.name
                if not name.startswith("_") and inspect.isfunction(getattr(module, alias.name, None)):
                    return name
    raise ValueError(f"{a.name}: the setup cell imports no function from partnership for the help() hint.")


NUMBERS_RULE = """\
**Your own numbers**

The setup cell gives you this problem set's numbers. If your course gives every student their
own, yours are drawn for you alone from the ranges its comments state, so your answers must fit
*your* numbers: answers worked out for a classmate's numbers, or for the published ones, score
nothing. On the course's JupyterHub the notebook knows who you are. Otherwise keep the file
`variants.json` your instructor gives out in the same folder as this notebook and, if the setup
cell asks, write your student id in the cell below these instructions. Without `variants.json`
(the copy of this notebook on the course's website) you get the published numbers."""


def numbers_block(a: Assignment) -> str:
    """The setup cell's lines that define the student's numbers (see :mod:`partnership.variants`)."""
    names = list(a.parameters)
    lines = [
        "# Your numbers (hypothetical). Each student's are drawn from the range after each name; where",
        "# the course gives no per-student numbers, everyone gets the published values listed here.",
        "from partnership.variants import my_numbers",
        "",
        f"{NUMBERS_NAME} = my_numbers({_quoted(a.name)}, defaults={{",
    ]
    lines += [f"    {_quoted(n)}: {a.parameters[n].published()!r}," for n in names]
    lines.append("})")
    width = max(len(f"{n} = {NUMBERS_NAME}[{_quoted(n)}]") for n in names)
    for n in names:
        r = a.parameters[n]
        label = f": {r.label}" if r.label else ""
        lines.append(f"{n} = {NUMBERS_NAME}[{_quoted(n)}]".ljust(width) + f"  # {r.describe()}{label}")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def setup_source(a: Assignment) -> str:
    """The locked setup cell: the spec's setup with its ``{numbers}`` line replaced by :func:`numbers_block`,
    ending with ``NUMBERS`` so that running it shows the student's numbers."""
    text = _clean(a.setup)
    if not a.parameters:
        return text
    lines = text.split("\n")
    if NUMBERS_MARKER not in [line.strip() for line in lines]:
        raise ValueError(f"{a.name} declares parameters, so its setup needs a line {NUMBERS_MARKER} where they are defined.")
    k = [line.strip() for line in lines].index(NUMBERS_MARKER)
    return "\n".join(lines[:k] + numbers_block(a).split("\n") + lines[k + 1 :] + ["", f"{NUMBERS_NAME}  # your numbers"])


STUDENT_ID_SOURCE = "\n".join([
    "# Your student id, exactly as your instructor gave it: only needed if the setup cell below asks for it",
    "# (on the course's JupyterHub it is found for you; a notebook without per-student numbers ignores it).",
    'STUDENT_ID = ""',
])


def instructions(a: Assignment) -> str:
    optional = " This assignment is **optional**." if a.optional else ""
    head = (
        f"# {a.number}: {a.title}\n\n"
        f"*Partners and Rivals* · {a.auto_points} autograded points and {a.manual_points} points for "
        f"written answers graded by hand (total {a.total_points}).{optional}\n\n{_clean(a.summary)}\n\n"
    )
    rules = COMMON_RULES.format(notebook=a.notebook, example=help_example(a))
    numbers = f"\n\n{NUMBERS_RULE}" if a.parameters else ""
    extra = f"\n\n{_clean(a.allowed)}" if a.allowed else ""
    return head + rules + numbers + extra

