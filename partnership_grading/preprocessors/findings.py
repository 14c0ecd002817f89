"""Findings: what the integrity steps noticed about a submission, kept in the notebook's own metadata.

Each step adds its findings under ``metadata.partnership.integrity``; :class:`RecordFindings` turns
them into the gradebook's flag and comments, and the integrity report reads them back.
"""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode

from ..integrity import Finding

META_KEY = "partnership"


def findings_of(nb: NotebookNode) -> list[Finding]:
    """The findings recorded in a (sanitized or autograded) notebook's metadata."""
    return [Finding.from_dict(d) for d in nb.metadata.get(META_KEY, {}).get("integrity", [])]


def add_findings(nb: NotebookNode, findings: list[Finding]) -> None:
    meta = nb.metadata.setdefault(META_KEY, {})
    meta.setdefault("integrity", []).extend(f.to_dict() for f in findings)
