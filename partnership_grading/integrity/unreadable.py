"""Why a file cannot be graded at all (:func:`read_problem`): not JSON, cut off, a format nbgrader cannot read."""

from __future__ import annotations

from pathlib import Path


def read_problem(path: Path) -> str | None:
    """Why nbgrader could not read ``path`` as a notebook (None if it can).

    Mirrors what nbgrader does (``nbformat.read(path, as_version=4)``) and words the reason for an
    instructor: not JSON or cut off, an nbformat version nbgrader cannot read, no cells.
    """
    import json

    import nbformat

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    if not raw.strip():
        return "the file is empty"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "the file is not text (not UTF-8), so it is not a notebook"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # A notebook cut off mid-upload ends early, or inside a string that never closes.
        ends_early = exc.pos >= len(text.rstrip()) - 1 or "Expecting" in exc.msg and exc.pos > len(text) * 0.9
        if ends_early or (text.lstrip().startswith("{") and exc.msg.startswith("Unterminated string")):
            return f"the file is cut off (invalid JSON at character {exc.pos} of {len(text)}): probably an incomplete upload"
        return f"the file is not a notebook (not JSON: {exc.msg} at line {exc.lineno})"
    if not isinstance(data, dict):
        return "the file is JSON but not a notebook (no top-level object)"
    major = data.get("nbformat")
    if major != 4 and major != 3:
        return f"the notebook format is nbformat {major!r}; the course uses nbformat 4"
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any reason nbformat refuses it
        return f"nbformat cannot read it as a notebook ({type(exc).__name__}: {str(exc)[:200]})"
    if not isinstance(nb.get("cells"), list):
        return "the notebook has no list of cells"
    for k, cell in enumerate(nb.cells):
        if not isinstance(cell, dict) or "cell_type" not in cell or not isinstance(cell.get("source"), str):
            return f"cell {k + 1} is malformed (no cell type or source)"
    return None
