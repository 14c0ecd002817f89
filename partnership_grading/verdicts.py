"""Verdicts decided outside the student's interpreter.

The grader never trusts what a test cell prints or raises in the student's kernel. For each
autograded part it asks the sandboxed kernel only for plain data (the variables the part defines,
and the student's functions applied to inputs the grader chooses), and evaluates the part's checks
in its **own** process, with its own copy of the course package:

- the visible tests (the code students see) are run here with each student name standing for a
  :class:`Remote` value: data fetched from the kernel, or a proxy that calls the student's function
  there and brings back the result (and the arguments, so a function that changes its inputs is
  seen to);
- the hidden checks are data (:class:`HiddenCheck`: an expression over the student's names, the
  inputs, a reference the grader computes, a comparison and a tolerance) that never enter the kernel.

Values cross as JSON (:func:`encode` / :func:`decode`): numbers, strings, lists, tuples, dicts and
the course package's dataclasses. Nothing the kernel sends can pass a check except values that match.
"""

from __future__ import annotations

import ast
import builtins
import copy
import dataclasses
import importlib
import json
import math
import pprint
import textwrap
import types
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from partnership import checks

MAX_REPLY = 2_000_000  # characters of JSON accepted for one value from the kernel

# ---------------------------------------------------------------------------------------------
# Values as JSON, both ways. The same rules run in the kernel (PROBE_SOURCE) and here.

PROBE_SOURCE = r'''
import dataclasses as _dc, importlib as _il, json as _json, math as _math, numbers as _num, sys as _sys

def _enc(v, d=0):
    if d > 30:
        raise ValueError("the value is nested too deeply to grade")
    np = _sys.modules.get("numpy")
    if np is not None:
        if isinstance(v, np.ndarray):
            return {"__tuple__": False, "__array__": [_enc(x, d + 1) for x in v.tolist()]} if v.ndim else _enc(v.item(), d + 1)
        if isinstance(v, np.bool_):
            return bool(v)
        if isinstance(v, np.generic):
            v = v.item()
    if v is None or type(v) is str:
        return v
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, str):
        return str(v)
    if isinstance(v, _num.Integral):
        return int(v)
    if isinstance(v, _num.Real):
        f = float(v)
        return f if _math.isfinite(f) else {"__float__": repr(f)}
    if isinstance(v, tuple) and hasattr(type(v), "_fields"):
        return {"__record__": type(v).__module__ + ":" + type(v).__qualname__, "fields": {k: _enc(getattr(v, k), d + 1) for k in type(v)._fields}}
    if _dc.is_dataclass(v) and not isinstance(v, type):
        return {"__record__": type(v).__module__ + ":" + type(v).__qualname__, "fields": {f.name: _enc(getattr(v, f.name), d + 1) for f in _dc.fields(v)}}
    if isinstance(v, tuple):
        return {"__tuple__": [_enc(x, d + 1) for x in v]}
    if isinstance(v, list):
        return [_enc(x, d + 1) for x in v]
    if isinstance(v, (set, frozenset)):
        return {"__set__": [_enc(x, d + 1) for x in v]}
    if isinstance(v, dict):
        return {"__dict__": [[_enc(k, d + 1), _enc(x, d + 1)] for k, x in v.items()]}
    if callable(v):
        return {"__function__": str(getattr(v, "__name__", "?"))}
    return {"__opaque__": type(v).__name__}

def _dec(v):
    if isinstance(v, list):
        return [_dec(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "__tuple__" in v:
        return tuple(_dec(x) for x in v["__tuple__"])
    if "__dict__" in v:
        return {_dec(k): _dec(x) for k, x in v["__dict__"]}
    if "__float__" in v:
        return float(v["__float__"])
    if "__record__" in v:
        module, _, name = v["__record__"].partition(":")
        cls = _il.import_module(module)
        for part in name.split("."):
            cls = getattr(cls, part)
        return cls(**{k: _dec(x) for k, x in v["fields"].items()})
    raise ValueError("unknown value")

def _answer(req, ns):
    if req["op"] == "get":
        out = {}
        for name in req["names"]:
            if name not in ns:
                out[name] = {"kind": "missing"}
            elif callable(ns[name]) and not isinstance(ns[name], type):
                out[name] = {"kind": "function"}
            else:
                try:
                    out[name] = {"kind": "value", "value": _enc(ns[name])}
                except Exception as exc:
                    out[name] = {"kind": "raised", "type": type(exc).__name__, "message": str(exc)[:300]}
        return out
    fn = ns.get(req["name"])
    if fn is None or not callable(fn):
        return {"kind": "raised", "type": "NameError", "message": "name %r is not a function in your notebook" % req["name"]}
    args = [_dec(a) for a in req["args"]]
    try:
        result = fn(*args)
    except Exception as exc:
        return {"kind": "raised", "type": type(exc).__name__, "message": str(exc)[:300]}
    return {"kind": "value", "value": _enc(result), "args": [_enc(a) for a in args]}

_out = _json.dumps(_answer(_req, _ns), allow_nan=False)
'''


def probe_expression(request: dict) -> str:
    """A kernel ``user_expressions`` entry that answers ``request`` with a JSON string.

    It runs the probe in a throwaway namespace: nothing is left in the student's namespace or in
    IPython's history (the grader sends it with ``store_history=False``).
    """
    return (
        "(lambda g: (exec(" + repr(PROBE_SOURCE) + ", g), g['_out'])[1])"
        "({'_req': " + repr(json.loads(json.dumps(request))) + ", '_ns': __import__('IPython').get_ipython().user_ns})"
    )


class Opaque:
    """A value the kernel could not send as data (an object of the student's own class, say)."""

    def __init__(self, kind: str):
        self.kind = kind

    def __repr__(self) -> str:
        return f"<{self.kind} object>"


class DecodeError(ValueError):
    pass


def _record_class(tag: str) -> type:
    module, _, name = tag.partition(":")
    if not (module == "partnership" or module.startswith("partnership.")) or "grading" in module.split("."):
        raise DecodeError(f"a {name} object (only numbers, text, lists, dicts and the course's own types can be graded)")
    cls: Any = importlib.import_module(module)
    for part in name.split("."):
        cls = getattr(cls, part)
    if not isinstance(cls, type) or not (dataclasses.is_dataclass(cls) or hasattr(cls, "_fields")):
        raise DecodeError(f"{tag} is not one of the course's data types")
    return cls


def decode(value: Any) -> Any:
    """A value sent by the kernel, rebuilt here (only the course package's own types are rebuilt)."""
    if isinstance(value, list):
        return [decode(x) for x in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if not isinstance(value, dict):
        raise DecodeError(f"an unexpected value {type(value).__name__}")
    if "__array__" in value:
        return [decode(x) for x in value["__array__"]]
    if "__tuple__" in value:
        return tuple(decode(x) for x in value["__tuple__"])
    if "__set__" in value:
        return {decode(x) for x in value["__set__"]}
    if "__dict__" in value:
        return {_hashable(decode(k)): decode(x) for k, x in value["__dict__"]}
    if "__float__" in value:
        return float(value["__float__"]) if value["__float__"] in ("nan", "inf", "-inf") else math.nan
    if "__record__" in value:
        cls = _record_class(str(value["__record__"]))
        fields = {str(k): decode(x) for k, x in dict(value.get("fields", {})).items()}
        try:
            return cls(**fields)
        except (TypeError, ValueError) as exc:
            raise DecodeError(f"an invalid {cls.__name__}: {exc}") from exc
    if "__function__" in value:
        return Opaque(f"function {value['__function__']}")
    if "__opaque__" in value:
        return Opaque(str(value["__opaque__"]))
    raise DecodeError("an unknown kind of value")


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        return tuple(_hashable(k) for k in key)
    return key


def encode(value: Any, depth: int = 0) -> Any:
    """An argument the grader passes to a student's function, as JSON the kernel rebuilds."""
    if depth > 30:
        raise ValueError("argument nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, tuple) and hasattr(type(value), "_fields"):
        return {"__record__": f"{type(value).__module__}:{type(value).__qualname__}", "fields": {k: encode(getattr(value, k), depth + 1) for k in getattr(type(value), "_fields")}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__record__": f"{type(value).__module__}:{type(value).__qualname__}", "fields": {f.name: encode(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(x, depth + 1) for x in value]}
    if isinstance(value, list):
        return [encode(x, depth + 1) for x in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, depth + 1), encode(x, depth + 1)] for k, x in value.items()]}
    raise TypeError(f"the grader cannot pass a {type(value).__name__} to a student's function")


# ---------------------------------------------------------------------------------------------
# Talking to the kernel


class Channel(Protocol):
    """Sends one request to the student's kernel and returns its JSON answer (or raises :class:`KernelSilent`)."""

    def __call__(self, request: dict) -> Any: ...


class ProbeFailed(RuntimeError):
    """The kernel could not answer one question (too slow, or its answer was unreadable): the part fails."""


class KernelSilent(ProbeFailed):
    """The kernel died or stopped answering: the part fails, and no later question is asked."""


class ReferenceFailed(RuntimeError):
    """A hidden check's reference fails in the grader: the assignment is at fault, not the student."""


class StudentError(Exception):
    """An exception the student's code raised that is not one of Python's built-in ones."""


def _exception(kind: str, message: str) -> BaseException:
    cls = getattr(builtins, kind, None)
    if isinstance(cls, type) and issubclass(cls, Exception) and cls.__module__ == "builtins":
        return cls(message)
    return StudentError(f"{kind}: {message}")


class Remote:
    """A student's function, called in the kernel with the grader's arguments."""

    def __init__(self, name: str, channel: Channel):
        self.__name__ = name
        self._channel = channel

    def __call__(self, *args: Any) -> Any:
        answer = self._channel({"op": "call", "name": self.__name__, "args": [encode(a) for a in args]})
        if answer.get("kind") == "raised":
            raise _exception(str(answer.get("type")), str(answer.get("message", "")))
        for given, after in zip(args, answer.get("args", [])):  # the student's function may change its inputs
            _write_back(given, decode(after))
        return decode(answer.get("value"))

    def __repr__(self) -> str:
        return f"<function {self.__name__}>"


def _write_back(given: Any, after: Any) -> None:
    if isinstance(given, list) and isinstance(after, list):
        given[:] = after
    elif isinstance(given, dict) and isinstance(after, dict):
        given.clear()
        given.update(after)


def fetch(names: Sequence[str], channel: Channel) -> dict[str, Any]:
    """The student's values for ``names`` (functions as :class:`Remote` proxies); absent names are left out."""
    if not names:
        return {}
    answer = channel({"op": "get", "names": list(names)})
    out: dict[str, Any] = {}
    for name in names:
        item = answer.get(name) if isinstance(answer, dict) else None
        if not isinstance(item, dict):
            continue
        kind = item.get("kind")
        if kind == "function":
            out[name] = Remote(name, channel)
        elif kind == "value":
            try:
                out[name] = decode(item.get("value"))
            except DecodeError as exc:
                out[name] = Opaque(str(exc))
        elif kind == "raised":
            out[name] = Opaque(f"value that could not be read ({item.get('type')}: {item.get('message')})")
    return out


def in_process_channel(namespace: dict) -> Channel:
    """A channel to a namespace in this process, with the same JSON round trip (for authoring checks)."""
    ns_probe: dict = {}
    exec(compile(PROBE_SOURCE.replace("_out = _json.dumps(_answer(_req, _ns), allow_nan=False)", ""), "<probe>", "exec"), ns_probe)  # noqa: S102

    def channel(request: dict) -> Any:
        text = json.dumps(ns_probe["_answer"](json.loads(json.dumps(request)), namespace), allow_nan=False)
        return json.loads(text)

    return channel


# ---------------------------------------------------------------------------------------------
# Hidden checks as data


COMPARISONS = ("close", "close_all", "equal", "true", "raises", "direction")
DIRECTIONS = ("rises", "falls", "unchanged")  # what a student predicts; compared with the sign of a change


@dataclasses.dataclass(frozen=True)
class HiddenCheck:
    """One hidden check: ``expr`` (over the student's names and ``args``) must match ``reference``.

    ``inputs``: each is bound to ``args`` in turn (a tuple); ``reference``: an expression the grader
    evaluates with the setup's names and the test cell's imports (never the student's); ``compare``:
    ``close`` / ``close_all`` (within ``rel`` or ``abs_tol``), ``equal``, ``true`` (``expr`` must be
    ``True``; no reference), ``raises`` (``expr`` must raise the built-in error named by ``reference``)
    or ``direction`` (``expr`` is a prediction, ``"rises"``, ``"falls"`` or ``"unchanged"``, and must
    name the sign of the change ``reference`` computes: unchanged within ``abs_tol``).
    ``what`` names the quantity in the student's feedback (``{args}`` is replaced by the inputs).
    """

    expr: str
    reference: str = ""
    inputs: tuple[tuple, ...] = ((),)
    compare: str = "close"
    rel: float = 1e-6
    abs_tol: float = 1e-9
    what: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        if self.compare not in COMPARISONS:
            raise ValueError(f"compare must be one of {COMPARISONS}, not {self.compare!r}")
        if self.compare != "true" and not self.reference:
            raise ValueError(f"a {self.compare!r} check needs a reference: {self.expr}")
        for text in (self.expr, self.reference):
            if text:
                ast.parse(text, mode="eval")

    def to_data(self) -> dict:
        """The check as a literal: its expression, then every field that differs from the default."""
        data: dict = {"expr": self.expr}
        for f in dataclasses.fields(self)[1:]:
            value = getattr(self, f.name)
            if value == f.default:
                continue
            data[f.name] = [encode(list(a)) for a in value] if f.name == "inputs" else value
        return data

    @classmethod
    def from_data(cls, data: Mapping) -> HiddenCheck:
        known = {f.name for f in dataclasses.fields(cls)}
        extra = set(data) - known
        if extra:
            raise ValueError(f"unknown keys in a hidden check: {sorted(extra)}")
        kwargs = dict(data)
        if "inputs" in kwargs:
            kwargs["inputs"] = tuple(tuple(decode(a)) for a in kwargs["inputs"])
        return cls(**kwargs)

    def label(self, args: tuple) -> str:
        shown = ", ".join(repr(a) for a in args)
        if self.what:
            return self.what.replace("{args}", shown)
        return self.expr.replace("*args", shown) if "*args" in self.expr else self.expr


HIDDEN_NAME = "HIDDEN_CHECKS"


def render_hidden(hidden: Sequence[HiddenCheck]) -> str:
    """The hidden-test region's body: the checks as a Python literal (data, never run in a kernel)."""
    lines = [
        "# Hidden checks: data the grader evaluates in its own process; this is never run in a student's kernel.",
        f"{HIDDEN_NAME} = [",
    ]
    for check in hidden:
        text = pprint.pformat(check.to_data(), width=104, sort_dicts=False)
        lines.append(textwrap.indent(text, "    ") + ",")
    lines.append("]")
    return "\n".join(lines)


def parse_hidden(region: str) -> list[HiddenCheck]:
    """The checks in a hidden-test region written by :func:`render_hidden` (a literal, never executed)."""
    if not region.strip():
        return []
    tree = ast.parse(region)
    body = [node for node in tree.body]
    if len(body) != 1 or not isinstance(body[0], ast.Assign) or [getattr(t, "id", None) for t in body[0].targets] != [HIDDEN_NAME]:
        raise ValueError(f"the hidden-test region must be one assignment `{HIDDEN_NAME} = [...]` of literal checks")
    return [HiddenCheck.from_data(d) for d in ast.literal_eval(body[0].value)]


# ---------------------------------------------------------------------------------------------
# Judging one part


@dataclasses.dataclass
class Verdict:
    """The grader's decision for one test cell: passed, and what to tell the student if not."""

    failures: list[str] = dataclasses.field(default_factory=list)
    checks: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures


def _bound(tree: ast.AST) -> set[str]:
    """Names the code binds itself (assignments, imports, loop targets, definitions)."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound


def student_names(sources: Sequence[str], trusted: Mapping[str, Any]) -> list[str]:
    """Names the code reads that it does not bind and that neither the grader nor Python's builtins provide."""
    names: set[str] = set()
    bound: set[str] = {"args"}
    for source in sources:
        tree = ast.parse(source)
        bound |= _bound(tree)
        names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return sorted(n for n in names - bound if n not in trusted and not hasattr(builtins, n))


def _matches(got: Any, expected: Any, check: HiddenCheck) -> bool:
    try:
        if check.compare == "close":
            checks.close(got, expected, "x", rel=check.rel, abs_tol=check.abs_tol)
        elif check.compare == "close_all":
            checks.close_all(got, expected, "x", rel=check.rel, abs_tol=check.abs_tol)
        elif check.compare == "equal":
            checks.equal(got, expected, "x")
        elif check.compare == "true":
            checks.equal(got, True, "x")
        elif check.compare == "direction":
            if isinstance(expected, bool) or not isinstance(expected, (int, float)):
                raise ReferenceFailed(f"{check.reference} should compute a change (a number), not {expected!r}")
            change = float(expected)
            want = "unchanged" if abs(change) <= check.abs_tol else ("rises" if change > 0 else "falls")
            return type(got) is str and got.strip().lower() == want
    except AssertionError:
        return False
    return True


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def run_visible(source: str, namespace: dict) -> list[str]:
    """Run the visible tests here, statement by statement; the failures, as students see them in the notebook."""
    failures = []
    for node in ast.parse(source).body:
        code = compile(ast.Module(body=[node], type_ignores=[]), "<visible tests>", "exec")
        try:
            exec(code, namespace)  # noqa: S102 - the instructor's test cell, with the student's values as data
        except ProbeFailed:
            raise
        except AssertionError as exc:
            failures.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - the student's value or function failed the test
            failures.append(f"{type(exc).__name__}: {exc}")
    return failures


def run_hidden(hidden: Sequence[HiddenCheck], namespace: Mapping[str, Any], reference: Mapping[str, Any]) -> tuple[list[str], int]:
    """Evaluate the hidden checks; failures name the inputs and the student's value, never the expected one.

    ``expr`` is evaluated in ``namespace`` (the student's names included); ``reference`` in
    ``reference``, which holds only what the grader computed itself.
    """
    failures, count = [], 0
    for check in hidden:
        for args in check.inputs:
            count += 1
            label = check.label(tuple(args))
            hint = f" {check.hint}" if check.hint else ""
            try:
                got = eval(check.expr, dict(namespace, args=copy.deepcopy(tuple(args))))  # noqa: S307 - the instructor's check
            except ProbeFailed:
                raise
            except Exception as exc:  # noqa: BLE001 - whatever the student's code raised fails this check
                if check.compare == "raises" and type(exc).__name__ == check.reference:
                    continue
                failures.append(f"Hidden test: {label} raised {type(exc).__name__}: {exc}.{hint}")
                continue
            if check.compare == "raises":
                failures.append(f"Hidden test: {label} should raise {check.reference}, but it returned {_shown(got)}.{hint}")
                continue
            expected = None
            if check.compare != "true":
                try:
                    expected = eval(check.reference, dict(reference, args=copy.deepcopy(tuple(args))))  # noqa: S307 - computed here
                except Exception as exc:  # the instructor's reference itself fails
                    raise ReferenceFailed(f"{check.reference} for {label}: {type(exc).__name__}: {exc}") from exc
            if not _matches(got, expected, check):
                what = " does not hold." if check.compare == "true" else f" gives {_shown(got)}, which is not right."
                failures.append(f"Hidden test: {label}{what}{hint}")
    return failures, count


def judge(
    visible: str, hidden: Sequence[HiddenCheck], trusted: Mapping[str, Any], channel: Channel, solution: Any = None
) -> Verdict:
    """Decide one test cell: the visible tests and the hidden checks, evaluated in this process.

    ``trusted`` is the grader's own namespace (the setup cells run here with the course package);
    the student's names are fetched through ``channel`` when the cell is judged; ``solution`` (the
    instructor's solution cells, run here) is what references written as ``solution.<name>`` call.
    """
    fetched = fetch(student_names([visible] + [c.expr for c in hidden], trusted), channel)
    namespace = {**trusted, **fetched}
    verdict = Verdict(failures=run_visible(visible, namespace))
    if verdict.failures:  # the part fails already: the hidden checks would only repeat it (and cost kernel calls)
        return verdict
    # References see the setup and what the test cell computed, never a value the kernel sent.
    reference = {k: v for k, v in namespace.items() if not (k in fetched and v is fetched[k])}
    reference["solution"] = solution
    verdict.failures, verdict.checks = run_hidden(hidden, namespace, reference)
    return verdict


def trusted_namespace(setup_sources: Sequence[str]) -> dict:
    """The grader's own namespace for a notebook: its locked setup cells, run here."""
    ns: dict = {"__name__": "__grader__"}
    for source in setup_sources:
        exec(compile(source, "<setup>", "exec"), ns)  # noqa: S102 - the instructor's locked setup cell
    return ns


def solution_namespace(trusted: Mapping[str, Any], solution_sources: Sequence[str]) -> types.SimpleNamespace:
    """The instructor's solution cells, run here after the setup: the references of parts students write themselves."""
    ns = dict(trusted)
    for source in solution_sources:
        exec(compile(source, "<solution>", "exec"), ns)  # noqa: S102 - the instructor's own solution
    return types.SimpleNamespace(**{k: v for k, v in ns.items() if not k.startswith("__")})
