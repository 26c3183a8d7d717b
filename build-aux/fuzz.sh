#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# FUZZ_SECONDS (default 60) from its seed corpus in tests/fuzz/corpus/.
# Skips (exit 0) when clang is missing. Fails on any crash, leak or hang.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
seconds=${FUZZ_SECONDS:-60}
builddir=${BUILD:-build-fuzz}

if ! command -v clang >/dev/null; then
  echo "fuzz: clang is not installed; skipped"
  exit 0
fi
if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
targets=$(sed -n "s/^  \['\(fuzz-[a-z-]*\)'.*/\1/p" tests/fuzz/meson.build)
# shellcheck disable=SC2086
ninja -C "$builddir" $(for t in $targets; do printf 'tests/fuzz/%s ' "$t"; done) >/dev/null

status=0
for t in $targets; do
  corpus=$(mktemp -d)
  seeds="tests/fuzz/corpus/${t#fuzz-}"
  [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     "$builddir/tests/fuzz/$t" "$corpus" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
       -artifact_prefix="$builddir/$t-" > "$builddir/$t.log" 2>&1; then
    echo "fuzz: $t: $(grep -o 'Done [0-9]* runs' "$builddir/$t.log" | tail -1) in ${seconds}s, no crash"
  else
    echo "fuzz: $t FAILED; see $builddir/$t.log"
    tail -30 "$builddir/$t.log"
    status=1
  fi
  rm -rf "$corpus"
done
exit $status
