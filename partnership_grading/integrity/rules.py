"""The static scan's rules: the imports students may use, and the names and attributes they may not.

One idea: the lists :mod:`.visitor` applies to every cell a student can edit. Imports are an
allow-list (an unusual module is refused, not missed); attributes and names are deny-lists of the
ways into the interpreter, the file system, the grader and global state.
"""

from __future__ import annotations

import re

# Top-level modules a student may import (the course rules: the course package, numpy and the
# parts of the standard library a problem set needs). Anything else is refused, and so are the
# submodules listed in BLOCKED_SUBMODULES.
ALLOWED_IMPORTS = frozenset(
    {
        "partnership", "numpy", "math", "cmath", "statistics", "fractions", "decimal", "itertools",
        "functools", "collections", "heapq", "bisect", "copy", "random", "re", "string", "textwrap",
        "datetime", "dataclasses", "pprint", "json", "time", "enum", "array", "calendar",
    }
)
# Attribute names that lead to the interpreter, the file system, the grader or global state.
# Reading them (``np.lib``, ``bargaining.math``) or importing them (``numpy.testing``) is refused.
DANGEROUS_ATTRS = frozenset(
    {
        # modules reachable as attributes of other modules
        "os", "sys", "builtins", "ctypes", "ctypeslib", "subprocess", "importlib", "shutil", "pathlib",
        "io", "inspect", "gc", "signal", "socket", "threading", "multiprocessing", "pickle", "marshal",
        "types", "math", "numbers", "operator", "grading", "checks", "testing", "lib", "core", "_core",
        "f2py", "distutils", "compat", "typing", "warnings",
        # file access through numpy
        "load", "loadtxt", "genfromtxt", "fromfile", "fromregex", "tofile", "memmap", "save", "savez",
        "savez_compressed", "savetxt", "DataSource", "open",
        # global state that changes how other code behaves
        "seterr", "seterrcall", "setbufsize", "register", "getcontext", "setcontext", "localcontext",
        "make_dataclass", "modules",
        # frames and code objects (a way back to any namespace)
        "f_globals", "f_locals", "f_back", "f_builtins", "f_code", "gi_frame", "cr_frame", "ag_frame",
        "tb_frame", "tb_next", "func_globals",
    }
)
BLOCKED_SUBMODULES = DANGEROUS_ATTRS  # e.g. numpy.testing, partnership_grading
# Names that give a cell the shell, the interpreter or a way out of it.
BLOCKED_NAMES = {
    "__import__": "imports a module by name at run time",
    "eval": "runs code built from a string",
    "exec": "runs code built from a string",
    "compile": "compiles code built from a string",
    "open": "opens a file (a submission may not read or write files)",
    "globals": "reaches the notebook's namespace as a dictionary",
    "locals": "reaches a namespace as a dictionary",
    "vars": "reaches a namespace as a dictionary",
    "setattr": "sets an attribute by name",
    "delattr": "deletes an attribute by name",
    "get_ipython": "reaches IPython's shell (it can rewrite or skip the cells that follow)",
    "exit": "exits the kernel",
    "quit": "exits the kernel",
    "breakpoint": "starts a debugger",
    "input": "waits for keyboard input",
}
SAFE_DUNDERS = frozenset({"__name__", "__doc__", "__init__", "__post_init__", "__repr__", "__main__"})
MUTATING_METHODS = frozenset(
    {"append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "popitem", "sort",
     "reverse", "add", "discard", "__setitem__", "__delitem__"}
)
DUNDER = re.compile(r"^__\w+__$")
DUNDER_IN_TEXT = re.compile(r"__[A-Za-z]\w*__")
