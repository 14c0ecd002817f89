#!/usr/bin/env bash
# Install the Debian packages the tests drive, only when missing: chromium (headless browser tests
# and the PDF), postgresql (the gradebook on a real database server) and bubblewrap (the sandbox
# every autograding kernel runs in); and create the unprivileged account that sandboxed kernels
# run as when the grader is root.
set -euo pipefail
SANDBOX_USER=nbgrader-sandbox
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
if [ "$(id -u)" -ne 0 ]; then
  if [ ${#missing[@]} -ne 0 ]; then
    echo "system-deps: missing ${missing[*]}; run as root or install them with apt-get (tests that need them will skip or fail and say why)." >&2
  fi
  exit 0
fi
if [ ${#missing[@]} -ne 0 ]; then
  echo "system-deps: installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! id -u "$SANDBOX_USER" >/dev/null 2>&1; then
  echo "system-deps: creating the unprivileged account $SANDBOX_USER for sandboxed grading kernels"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$SANDBOX_USER"
fi
