"""The student's side of per-student numbers (partnership.variants): who the student is, the table beside
the notebook, the published numbers without one, and errors that say what to do."""

from __future__ import annotations

import json

import pytest

from partnership import variants

DEFAULTS = {"SURPLUS": 100.0, "POWER": 0.5}


@pytest.fixture
def nowhere(monkeypatch):
    """No student id in the environment (the tests' conftest clears them; a test may set them)."""
    for variable in (variants.ID_VARIABLE, variants.HUB_VARIABLE):
        monkeypatch.delenv(variable, raising=False)


def _table(folder, rows: dict) -> None:
    (folder / variants.TABLE).write_text(json.dumps(rows), encoding="utf-8")


def test_without_a_table_everyone_gets_the_published_numbers(tmp_path, nowhere):
    got = variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path)
    assert dict(got) == DEFAULTS and got.student is None
    assert got.SURPLUS == 100.0 and "published" in repr(got)


def test_the_environment_names_the_student_first(tmp_path, monkeypatch):
    _table(tmp_path, {"alice": {"SURPLUS": 90.0, "POWER": 0.3}, "hubuser": {"SURPLUS": 110.0, "POWER": 0.7}})
    monkeypatch.setenv(variants.HUB_VARIABLE, "hubuser")
    monkeypatch.setenv(variants.ID_VARIABLE, "alice")
    namespace = {"STUDENT_ID": "nobody", "variants": variants, "folder": tmp_path}  # what the notebook says comes last
    exec("P = variants.my_numbers('ps1-ip', {'SURPLUS': 100.0, 'POWER': 0.5}, folder=folder)", namespace)  # noqa: S102
    assert dict(namespace["P"]) == {"SURPLUS": 90.0, "POWER": 0.3} and namespace["P"].student == "alice"


def test_on_a_jupyterhub_the_username_is_the_student_id(tmp_path, monkeypatch, nowhere):
    _table(tmp_path, {"hubuser": {"SURPLUS": 110.0, "POWER": 0.7}})
    monkeypatch.setenv(variants.HUB_VARIABLE, "hubuser")
    assert variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path).student == "hubuser"


def test_a_student_id_written_in_the_notebook(tmp_path, nowhere):
    _table(tmp_path, {"carol": {"SURPLUS": 85.0, "POWER": 0.4}})
    namespace = {"STUDENT_ID": " carol ", "variants": variants, "folder": tmp_path}
    exec("P = variants.my_numbers('ps1-ip', {'SURPLUS': 100.0, 'POWER': 0.5}, folder=folder)", namespace)  # noqa: S102
    assert dict(namespace["P"]) == {"SURPLUS": 85.0, "POWER": 0.4} and namespace["P"].student == "carol"


def test_no_id_says_where_to_write_it(tmp_path, nowhere):
    _table(tmp_path, {"carol": {"SURPLUS": 85.0, "POWER": 0.4}})
    with pytest.raises(variants.NumbersError, match=r'STUDENT_ID = "your-id"'):
        variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path)


def test_an_unknown_id_is_named_with_what_to_do(tmp_path, monkeypatch):
    _table(tmp_path, {"carol": {"SURPLUS": 85.0, "POWER": 0.4}})
    monkeypatch.setenv(variants.ID_VARIABLE, "Carol")
    with pytest.raises(variants.NumbersError) as err:
        variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path)
    message = str(err.value)
    assert "'Carol'" in message and "capitals count" in message and "ask your instructor" in message


def test_a_table_for_another_version_or_with_bad_values_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv(variants.ID_VARIABLE, "carol")
    _table(tmp_path, {"carol": {"SURPLUS": 85.0}})
    with pytest.raises(variants.NumbersError, match="another version"):
        variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path)
    _table(tmp_path, {"carol": {"SURPLUS": "lots", "POWER": 0.4}})
    with pytest.raises(variants.NumbersError, match="not a number"):
        variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path)
    (tmp_path / variants.TABLE).write_text("{not json", encoding="utf-8")
    with pytest.raises(variants.NumbersError, match="cannot be read"):
        variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path)


def test_the_grader_s_numbers_win_over_any_file_or_id(tmp_path, monkeypatch):
    """The grader runs the setup cell itself with the numbers it derived: nothing beside the notebook counts."""
    _table(tmp_path, {"mallory": {"SURPLUS": 1.0, "POWER": 1.0}})
    monkeypatch.setenv(variants.ID_VARIABLE, "mallory")
    with variants.assigned("ps1-ip", {"SURPLUS": 95.0, "POWER": 0.6}):
        assert dict(variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path)) == {"SURPLUS": 95.0, "POWER": 0.6}
        assert dict(variants.my_numbers("ps2-revenue", DEFAULTS, folder=tmp_path)) == {"SURPLUS": 1.0, "POWER": 1.0}, "only its assignment"
    with variants.assigned("ps1-ip", None):
        assert dict(variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path)) == DEFAULTS
    assert variants.my_numbers("ps1-ip", DEFAULTS, folder=tmp_path).student == "mallory", "and only inside the block"
