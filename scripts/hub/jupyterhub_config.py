"""JupyterHub for the course's class on this machine (JupyterHub 5, pinned in requirements.lock).

Read by ``jupyterhub -f scripts/hub/jupyterhub_config.py``, as ``make hub`` and tests/test_hub.py
start it through ``python -m partnership_grading.hub`` (:mod:`partnership_grading.hub`), which also writes the class description this
file reads (``$PR_HUB_CLASS``: the accounts, the ports, the passwords, the exchange).

- **Where.** Only 127.0.0.1. The proxy (configurable-http-proxy, from this repository's
  node_modules) listens on the class's port, the hub's API and the proxy's API on two more.
- **Per-user origins.** ``subdomain_host`` gives every user's server its own origin,
  ``http://<user>.localhost:<port>`` (browsers resolve every ``*.localhost`` name to the loopback,
  so this needs no DNS). That is what lets the instructor's server allow the formgrader's frame
  (``frame-ancestors 'self'``, in ``instructor/jupyter_server_config.py``) without letting a page
  served by a student's server frame the instructor's (nbgrader#1870; JupyterHub's "Mitigating
  same-origin deployments").
- **Who logs in.** JupyterHub's ``SharedPasswordAuthenticator`` (5.3+, for short-lived
  deployments): the students share one password, the instructor, the hub's only admin, has a
  second of at least 32 characters, so the class password does not open the instructor's server.
  Good for a demonstration or a test on the loopback; a real class uses PAM or its institution's
  single sign-on (OAuthenticator, LTI) instead, with the same accounts.
- **Servers.** ``LocalProcessSpawner``: each user's JupyterLab runs as that local account in its
  home folder, from the course's environment, with ``instructor/`` or ``student/`` on
  ``JUPYTER_CONFIG_PATH`` (``partnership_grading.hub.Classroom.environment``).
"""

import os
from pathlib import Path

from partnership_grading.hub import CHP, CLASS_ENV, VENV_BIN, Classroom

c = get_config()  # noqa: F821 - provided by traitlets when JupyterHub loads this file
room = Classroom.load(Path(os.environ[CLASS_ENV]))
state = Path(room.state)

# --- where it listens --------------------------------------------------------------------------
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = room.port
c.JupyterHub.subdomain_host = room.url  # http://localhost:<port>; users at http://<user>.localhost:<port>
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = room.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{room.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [str(CHP)]
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")

# --- its state: root-only, in the class's state folder ----------------------------------------
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every single-user server
c.JupyterHub.cleanup_proxy = True

# --- who may log in ----------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = room.user_password
c.SharedPasswordAuthenticator.admin_password = room.admin_password
c.Authenticator.allowed_users = set(room.users)
c.Authenticator.admin_users = {room.instructor}
c.JupyterHub.load_groups = {
    "instructors": {"users": [room.instructor]},
    "students": {"users": list(room.students)},
}

# --- their servers -----------------------------------------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
# JupyterLab asks no news server and checks for no update: the class works offline.
c.Spawner.args = ["--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
c.Spawner.start_timeout = 180  # a JupyterLab start on a busy 2-core machine
c.Spawner.http_timeout = 180
c.Spawner.env_keep = ["LANG", "LC_ALL"]  # PATH and the rest come from the class, not from the hub's shell


def _class_environment(spawner):
    spawner.environment.update(room.environment(spawner.user.name))


c.Spawner.pre_spawn_hook = _class_environment
