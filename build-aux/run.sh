#!/usr/bin/env bash
# Quick start 1: set up, build, and start RadNet uninstalled (schemas and
# resources from the build tree). Arguments go to the app.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash build-aux/setup.sh
exec meson devenv -C build ./src/ui/radnet "$@"
