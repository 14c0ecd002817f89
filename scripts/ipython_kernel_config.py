# Installed by `make install` into .venv/etc/ipython/. The course's kernels run on this machine's
# loopback interface only; ipykernel 7 logs a warning on every start that TCP transport is not
# encrypted, which would fill the strict build's log with noise. Errors are still logged.
c = get_config()  # noqa: F821 - provided by IPython's config loader
c.IPKernelApp.log_level = "ERROR"
