"""Start sphinxcontrib-katex's render server without a race on a loaded machine.

sphinxcontrib-katex 0.9 waits for the server's Unix socket *file* to exist and then connects once;
Node creates the file when it binds, a moment before it listens, so on a busy machine the connect
is refused (``ConnectionRefusedError``) and the whole build fails. Seen here in about 1 build in 10
with four builds sharing two cores. This wraps the same start-up with a connect that retries until
the extension's own start-up timeout. Drop it when sphinxcontrib-katex retries the connect itself.
"""

from __future__ import annotations

import socket
import time
from subprocess import PIPE, Popen

from sphinxcontrib import katex


def _start_server_process(cls, rundir, timeout):
    socket_path = rundir / "katex.sock"
    process = Popen(cls.build_command(socket=socket_path), stdin=PIPE, stdout=PIPE, cwd=rundir)
    deadline = time.monotonic() + timeout
    while True:
        if socket_path.is_socket():
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.settimeout(max(0.1, deadline - time.monotonic()))
                sock.connect(str(socket_path))
                sock.settimeout(None)
                return process, sock
            except (ConnectionRefusedError, FileNotFoundError):
                sock.close()  # bound but not listening yet
            except socket.timeout:
                sock.close()
                process.kill()
                raise cls.timeout_error(timeout) from None
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise cls.timeout_error(timeout)
        time.sleep(0.01)


def setup(app):
    katex.KaTeXServer.start_server_process = classmethod(_start_server_process)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
