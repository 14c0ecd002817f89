"""The class's hub configuration, read without starting anything (the end-to-end run is tests/test_hub.py).

Fast: loads scripts/hub/jupyterhub_config.py the way JupyterHub does (traitlets), and checks the
settings the class relies on, each role's Jupyter settings and the class's view of the machine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from partnership_grading import hub as cl
from partnership_grading.formgrader_maths import static_paths

ROOT = Path(__file__).resolve().parent.parent

HUB = cl.HUB_CONFIG


@pytest.fixture
def config(tmp_path, monkeypatch):
    room = cl.new_classroom(tmp_path, tmp_path / "exchange")
    room.save()
    monkeypatch.setenv(cl.CLASS_ENV, str(room.file))
    return room, PyFileConfigLoader(cl.CONFIG.name, path=str(HUB)).load_config()


def test_the_hub_listens_on_the_loopback_with_an_origin_per_user(config):
    room, c = config
    assert c.JupyterHub.ip == c.JupyterHub.hub_ip == "127.0.0.1"
    assert c.JupyterHub.port == room.port
    assert c.JupyterHub.subdomain_host == f"http://localhost:{room.port}"
    assert c.ConfigurableHTTPProxy.api_url == f"http://127.0.0.1:{room.proxy_api_port}"
    assert c.ConfigurableHTTPProxy.command == [str(ROOT / "node_modules" / ".bin" / "configurable-http-proxy")]


def test_students_and_the_instructor_log_in_with_different_passwords(config):
    room, c = config
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.SharedPasswordAuthenticator.user_password == room.user_password
    assert c.SharedPasswordAuthenticator.admin_password == room.admin_password != room.user_password
    assert len(room.admin_password) >= 32 and len(room.user_password) >= 8  # JupyterHub's own minimums
    assert c.Authenticator.admin_users == {room.instructor}
    assert c.Authenticator.allowed_users == {room.instructor, *room.students}


def test_each_server_runs_as_its_user_with_its_roles_settings(config):
    room, c = config
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.Spawner.cmd == [str(cl.VENV_BIN / "jupyterhub-singleuser")]

    class Spawner:  # what the hook touches of JupyterHub's spawner
        def __init__(self, name):
            self.user = type("User", (), {"name": name})()
            self.environment = {}

    for user, role in ((room.instructor, "instructor"), (room.students[0], "student")):
        spawner = Spawner(user)
        c.Spawner.pre_spawn_hook(spawner)
        assert spawner.environment["JUPYTER_CONFIG_PATH"] == str(HUB / role)
        assert spawner.environment["NBGRADER_EXCHANGE"] == room.exchange
    with pytest.raises(ValueError, match="not in this class"):
        c.Spawner.pre_spawn_hook(Spawner("someone-else"))


def test_only_the_instructor_gets_the_formgrader_and_its_frame():
    student_lab = json.loads((HUB / "student" / "labconfig" / "page_config.json").read_text())["disabledExtensions"]
    student_server = json.loads((HUB / "student" / "jupyter_server_config.json").read_text())["ServerApp"]["jpserver_extensions"]
    assert student_lab["@jupyter/nbgrader:formgrader"] and student_lab["@jupyter/nbgrader:create-assignment"]
    assert "@jupyter/nbgrader:assignment-list" not in student_lab
    assert student_server["nbgrader.server_extensions.formgrader"] is False
    assert student_server["nbgrader.server_extensions.assignment_list"] is True
    instructor = PyFileConfigLoader("jupyter_server_config.py", path=str(HUB / "instructor")).load_config()
    assert instructor.ServerApp.tornado_settings == {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}
    assert instructor.ServerApp.extra_static_paths == static_paths(), "MathJax for the grading page, from the server"
    assert not (HUB / "student" / "jupyter_server_config.py").exists(), "students keep JupyterHub's frame-ancestors 'none'"


def test_the_view_hides_the_repository_but_what_the_class_runs():
    argv = cl.view_argv()
    assert argv[:4] == ["bwrap", "--dev-bind", "/", "/"]
    hidden = cl.hidden_folders()
    assert str(ROOT) in hidden
    shown = {argv[i + 1] for i, arg in enumerate(argv) if arg == "--ro-bind"}
    for kept in (sys.prefix, ROOT / "partnership", ROOT / "partnership_grading", ROOT / "node_modules", HUB):
        assert str(Path(kept).resolve()) in shown or not any(str(Path(kept).resolve()).startswith(h + "/") for h in hidden)
    for secret in ("exercises", "instructor", "tests", "_build"):
        assert str(ROOT / secret) not in shown


def test_a_user_outside_the_class_is_refused():
    room = cl.new_classroom(Path("/nonexistent"), Path("/nonexistent/exchange"))
    with pytest.raises(ValueError, match="not in this class"):
        room.role("root")
    with pytest.raises(ValueError, match="only the class accounts"):
        cl.remove_account("root")
