"""OutputBudget: the characters of output a cell may keep; the rest is cut, and the cut is a finding.

nbgrader's LimitOutput cuts lines after the notebook has run; this cuts characters as they arrive,
so a cell printing gigabytes never fills the grader's memory. Errors are always kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nbformat.notebooknode import NotebookNode
from traitlets import Integer
from traitlets.config import Configurable

from .. import limits
from ..cells import label
from ..integrity import Finding
from .findings import add_findings

if TYPE_CHECKING:  # a mixin of nbgrader's Execute, which is nbclient's NotebookClient: type it as one
    from nbclient import NotebookClient as _Client
else:
    _Client = Configurable



class OutputBudget(_Client):
    """Mixed into :class:`~.guarded_execute.GuardedExecute` before nbgrader's Execute."""

    max_output_chars = Integer(limits.MAX_OUTPUT_CHARS, help="Characters of output kept per cell (errors are always kept).").tag(config=True)
    _out_chars: dict[int, int]  # set per notebook by GuardedExecute.preprocess
    _out_cut: set[int]

    def _findings_for_output(self, nb: NotebookNode) -> None:
        if self._out_cut:
            labels = [label(nb.cells[k], k) for k in sorted(self._out_cut) if k < len(nb.cells)]
            add_findings(nb, [Finding("info", "output", f"printed more than {self.max_output_chars:,} characters; the rest was not kept", ", ".join(labels))])

    def output(self, outs, msg, display_id, cell_index):
        msg_type = msg.get("msg_type")
        content = msg.get("content", {})
        if msg_type == "error":
            return super().output(outs, msg, display_id, cell_index)
        size = len(content.get("text", "")) if msg_type == "stream" else sum(len(str(v)) for v in content.get("data", {}).values())
        used = self._out_chars.get(cell_index, 0)
        self._out_chars[cell_index] = used + size
        if used + size <= self.max_output_chars:
            return super().output(outs, msg, display_id, cell_index)
        room = max(0, self.max_output_chars - used)
        first_cut = cell_index not in self._out_cut
        self._out_cut.add(cell_index)
        if msg_type == "stream":
            keep_stderr = content.get("name") == "stderr" and not any(o.get("name") == "stderr" for o in outs)
            if first_cut or keep_stderr:
                text = content.get("text", "")[: max(room, 200 if keep_stderr else 0)]
                note = f"\n[... output cut by the grader: more than {self.max_output_chars:,} characters ...]\n" if first_cut else ""
                msg = {**msg, "content": {**content, "text": text + note}}
                return super().output(outs, msg, display_id, cell_index)
            return None
        if msg_type == "execute_result":
            data = content.get("data", {})
            plain = str(data.get("text/plain", ""))[:2000]
            msg = {**msg, "content": {**content, "data": {"text/plain": plain}}}
            return super().output(outs, msg, display_id, cell_index)
        return None  # large display data beyond the budget is dropped
