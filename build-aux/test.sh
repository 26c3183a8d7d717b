#!/usr/bin/env bash
# Quick start 2: set up, build, and run the whole test suite the way CI does:
# under Xvfb, with a private D-Bus session and an unlocked gnome-keyring.
# BUILD names the build folder; extra arguments go to `meson setup`.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILD:-build}
cd "$top"
bash build-aux/setup.sh -Dwerror=true "$@"

export LANG=C.UTF-8 GSK_RENDERER=cairo NO_AT_BRIDGE=1
# No OpenGL: the tests draw with cairo anyway, and Mesa's driver, unloaded
# before LeakSanitizer looks, leaves allocations it can no longer match to
# the Mesa suppressions (each UI test then "leaks" 128 bytes under ASan).
export GDK_DEBUG=gl-disable
HOME=$(mktemp -d)
export HOME
unset XDG_RUNTIME_DIR DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
trap 'rm -rf "$HOME"' EXIT

# Unlock the keyring before Xvfb starts: with a display and a locked keyring,
# gnome-keyring would open a prompt nobody answers.
status=0
dbus-run-session -- sh -c '
  echo -n radnet-tests | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
  exec xvfb-run -a -s "-screen 0 1280x1024x24" \
    meson test -C "$0" --print-errorlogs --num-processes 2 --no-rebuild --timeout-multiplier "${RADNET_TIMEOUT_MULTIPLIER:-1}"' "$builddir" || status=$?

python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json" || status=$?
exit $status
