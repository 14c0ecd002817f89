"""KernelProbe: how the grader asks the student's kernel for a value, with a time limit and a size limit.

A hidden check names an expression (see :func:`~partnership_grading.verdicts.probe_expression`);
the kernel evaluates it as a silent ``user_expressions`` request and answers with JSON text, which
is parsed here and never evaluated. Mixed into :class:`~.guarded_execute.GuardedExecute`.
"""

from __future__ import annotations

import time
from typing import Any

from jupyter_core.utils import run_sync

from .. import limits, verdicts


class KernelProbe:
    """Questions to the running kernel, for the hidden checks."""

    kc: Any  # nbclient's kernel client and manager, and its per-cell and output timeouts
    km: Any
    timeout: int | None
    iopub_timeout: int
    _deadline: float | None  # when the notebook's time runs out (GuardedExecute.preprocess)

    def _ask(self, request: dict):
        """One question to the student's kernel; its JSON answer (see :func:`verdicts.probe_expression`)."""
        return run_sync(self._async_ask)(request)

    async def _async_ask(self, request: dict):
        import ast
        import json

        expression = verdicts.probe_expression(request)
        msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions={"answer": expression}, allow_stdin=False)
        limit: float = self.timeout or limits.CELL_TIMEOUT_S
        if self._deadline is not None:
            limit = min(limit, max(1.0, self._deadline - time.monotonic()))
        reply = await self._reply_to(msg_id, limit)
        if reply is None:
            # Too slow: interrupt it. A kernel that then answers is fine for the next part; one that does not is lost.
            await self.km.interrupt_kernel()
            if await self._reply_to(msg_id, min(float(limits.INTERRUPT_GRACE_S), self.iopub_timeout or float(limits.INTERRUPT_GRACE_S))) is None:
                raise verdicts.KernelSilent(f"your code ran longer than {limit:.0f} s when the grader called it and did not stop when interrupted")
            raise verdicts.ProbeFailed(f"your code ran longer than {limit:.0f} s when the grader called it, and was interrupted")
        item = reply["content"].get("user_expressions", {}).get("answer", {})
        if item.get("status") != "ok":
            ename = item.get("ename") or reply["content"].get("ename") or "Error"
            raise verdicts.ProbeFailed(f"the grader could not read your notebook's values ({ename}: {str(item.get('evalue', ''))[:200]})")
        text = item.get("data", {}).get("text/plain", "")
        if len(text) > limits.MAX_REPLY_CHARS:
            raise verdicts.ProbeFailed("a value is too large to grade")
        try:
            return json.loads(ast.literal_eval(text))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
            raise verdicts.ProbeFailed(f"the grader could not read your notebook's values ({type(exc).__name__})") from exc

    async def _reply_to(self, msg_id: str, limit: float):
        from queue import Empty

        waited = 0.0
        while waited < limit:
            try:
                msg = await self.kc.shell_channel.get_msg(timeout=0.5)
            except Empty:
                waited += 0.5
                if not await self.km.is_alive():
                    raise verdicts.KernelSilent("your notebook's kernel died while the grader was checking it") from None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None
