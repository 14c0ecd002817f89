"""Talking to the student's kernel: a :class:`Channel` for one question at a time, and the student's names fetched through it.

A student's value arrives as data; a student's function stays in the kernel behind a
:class:`Remote` proxy, called there with the grader's arguments.
"""

from __future__ import annotations

import builtins
import functools
import json
from collections.abc import Sequence
from types import CodeType
from typing import Any, Protocol

from .values import PROBE_SOURCE, DecodeError, Opaque, decode, encode


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


@functools.cache
def _probe_code() -> CodeType:
    return compile(PROBE_SOURCE.replace("_out = _json.dumps(_answer(_req, _ns), allow_nan=False)", ""), "<probe>", "exec")


def in_process_channel(namespace: dict) -> Channel:
    """A channel to a namespace in this process, with the same JSON round trip (for authoring checks)."""
    ns_probe: dict = {}
    exec(_probe_code(), ns_probe)  # noqa: S102 - the probe is the engine's own source

    def channel(request: dict) -> Any:
        text = json.dumps(ns_probe["_answer"](json.loads(json.dumps(request)), namespace), allow_nan=False)
        return json.loads(text)

    return channel
