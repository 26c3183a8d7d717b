#!/usr/bin/env bash
# Takes the screenshots of the AppStream metainfo from the built app on a
# fixture library, under a private Xvfb, into data/screenshots/ (or OUTDIR).
# LANGUAGE=de build-aux/screenshots.sh /tmp/de takes them in German.
# Usage: build-aux/screenshots.sh [OUTDIR]   (BUILD names the build folder)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/${BUILD:-build}
out=$(realpath -m "${1:-$top/data/screenshots}")
meson compile -C "$build" tests/ui/radnet-screenshots >/dev/null

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home LANG=C.UTF-8 GSK_RENDERER=cairo GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1
export GSETTINGS_SCHEMA_DIR=$build/data GSETTINGS_BACKEND=memory RADNET_NO_AUTO_REFRESH=1
export RADNET_LOCALE_DIR=$build/po
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
dbus-run-session -- xvfb-run -a -s "-screen 0 1400x1000x24" \
  "$build/tests/ui/radnet-screenshots" "$out" | grep -v '^#'
