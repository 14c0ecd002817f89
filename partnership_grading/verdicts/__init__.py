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

from .channel import Channel, KernelSilent, ProbeFailed, ReferenceFailed, Remote, StudentError, fetch, in_process_channel
from .hidden import COMPARISONS, DIRECTIONS, HIDDEN_NAME, HiddenCheck, parse_hidden, render_hidden
from .judge import Verdict, judge, run_hidden, run_visible, solution_namespace, student_names, trusted_namespace
from .values import MAX_REPLY, PROBE_SOURCE, DecodeError, Opaque, decode, encode, probe_expression

__all__ = [
    "COMPARISONS", "DIRECTIONS", "HIDDEN_NAME", "MAX_REPLY", "PROBE_SOURCE", "Channel", "DecodeError", "HiddenCheck",
    "KernelSilent", "Opaque", "ProbeFailed", "ReferenceFailed", "Remote", "StudentError", "Verdict", "decode", "encode",
    "fetch", "in_process_channel", "judge", "parse_hidden", "probe_expression", "render_hidden", "run_hidden",
    "run_visible", "solution_namespace", "student_names", "trusted_namespace",
]
