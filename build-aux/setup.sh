#!/usr/bin/env bash
# Installs what is missing, configures and builds into BUILD (default: build).
# Extra arguments go to `meson setup`.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${BUILD:-build}
cd "$top"
bash build-aux/deps.sh
if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" "$@" >/dev/null
else
  meson setup "$builddir" "$@"
fi
meson compile -C "$builddir"
