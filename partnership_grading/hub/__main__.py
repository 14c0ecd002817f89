"""``python -m partnership_grading.hub`` (``make hub``): a demonstration class on 127.0.0.1, run as root."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from .classroom import (
    INSTRUCTOR,
    STUDENTS,
    Classroom,
    ClassroomError,
    _require_root,
    grading,
    nbgrader,
    new_classroom,
    remove_account,
)
from .process import DEMO_STATE, running_class


def _print_welcome(room: Classroom) -> None:
    print(
        f"\nThe class is on {room.url}/  (127.0.0.1 only; Chromium and Firefox find *.localhost here)\n\n"
        f"  instructor  {room.instructor:<12}  password {room.admin_password}\n"
        + "".join(f"  student     {s:<12}  password {room.user_password}\n" for s in room.students)
        + f"\nps1-ip is released. Students: Nbgrader > Assignment List > Fetch, work, Validate, Submit.\n"
        f"The instructor, in a terminal of the hub: cd ~/course && nbgrader collect ps1-ip &&\n"
        f"  python -m partnership_grading autograde ps1-ip; grade the written answers in Nbgrader > Formgrader;\n"
        f"  python -m partnership_grading feedback ps1-ip && nbgrader release_feedback ps1-ip.\n"
        f"Log: {Path(room.state) / 'jupyterhub.log'}.  Stop with Ctrl-C (the accounts stay; --remove deletes them).\n",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A demonstration class on a JupyterHub on 127.0.0.1 (run as root).")
    parser.add_argument("--port", type=int, default=8000, help="the hub's port on 127.0.0.1 (default %(default)s)")
    parser.add_argument("--state", type=Path, default=DEMO_STATE, help="the hub's state and the exchange (default %(default)s)")
    parser.add_argument("--remove", action="store_true", help="remove the class accounts, their homes and the state, then exit")
    args = parser.parse_args(argv)
    try:
        _require_root()
        if args.remove:
            for user in (INSTRUCTOR, *STUDENTS):
                remove_account(user)
            shutil.rmtree(args.state, ignore_errors=True)
            print(f"removed the accounts {INSTRUCTOR}, {', '.join(STUDENTS)} and {args.state}")
            return 0
        args.state.mkdir(parents=True, exist_ok=True)
        os.chmod(args.state, 0o755)  # noqa: S103 - students reach the exchange inside it; the hub's own state is in hub/ (0700)
        room = new_classroom(args.state / "hub", args.state / "exchange", port=args.port)
        with running_class(room) as hub:
            grading(room, "release", "ps1-ip")  # nbgrader generate_assignment, as the course does it
            nbgrader(room, "release_assignment", "ps1-ip", "--force")
            _print_welcome(room)
            try:
                hub.process.wait()
            except KeyboardInterrupt:
                print("\nstopping the hub and the servers ...", flush=True)
        return 0
    except ClassroomError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
