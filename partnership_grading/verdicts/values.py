"""Values as JSON, both ways: what the student's kernel sends (:func:`decode`) and what the grader passes (:func:`encode`).

One idea, the wire format between the grader and the kernel. The same rules run in the kernel
(:data:`PROBE_SOURCE`, sent by :func:`probe_expression`) and here: numbers, strings, lists,
tuples, dicts and the course package's dataclasses; anything else arrives as an :class:`Opaque`
value that matches nothing.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import math
from typing import Any

MAX_REPLY = 2_000_000  # characters of JSON accepted for one value from the kernel

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
