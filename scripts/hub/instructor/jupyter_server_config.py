"""The instructor's server on the class's hub (on JUPYTER_CONFIG_PATH, set by the hub).

nbgrader 0.9's formgrader opens in a frame of JupyterLab. JupyterHub 4.1 and later send
``Content-Security-Policy: frame-ancestors 'none'`` from every single-user server, so the frame
stays blank (nbgrader#1870). The hub gives every user's server its own origin
(``subdomain_host`` in jupyterhub_config.py), so ``'self'`` lets only the instructor's own pages
frame the instructor's server, which is the configuration nbgrader's documentation gives for
JupyterHub with subdomains. Without per-user origins, ``'self'`` would let a page a student serves
frame the instructor's server; open the formgrader in its own browser tab instead
(``/user/<instructor>/formgrader``).

The formgrader's grading page typesets its maths with the MathJax this server serves
(``partnership_grading/formgrader_maths.py``: the repository's ``node_modules/mathjax``, which the
class's view shows), not with MathJax from a CDN.
"""

from partnership_grading.formgrader_maths import static_paths

c = get_config()  # noqa: F821 - provided by traitlets when the server loads this file
c.ServerApp.tornado_settings = {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}
c.ServerApp.extra_static_paths = static_paths()
