#!/usr/bin/env bash
# Installs the build into a scratch DESTDIR and checks what a user gets:
# the programs, desktop file, metainfo, icons, schema and translations are
# where the desktop looks for them, the installed `radnet --version` works,
# and the installed app starts with the installed schema and data and maps
# its window (under the display of the test run; skipped without one).
#
# Usage: check-install.sh BUILD_DIR
# Exit: 0 pass, 1 fail, 77 skipped (the files were checked, no display).
set -uo pipefail

build=$(cd "${1:?usage: check-install.sh BUILD_DIR}" && pwd)
app_id=com.example.RadNet

fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d)
app_pid=
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -KILL "$app_pid" 2>/dev/null
    wait "$app_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The layout comes from the build's own options, so a build configured with
# another prefix is checked where it installs.
read -r prefix bindir datadir version < <(python3 - "$build" <<'PY'
import json, os, sys
info = os.path.join(sys.argv[1], "meson-info")
opts = {o["name"]: o["value"] for o in json.load(open(os.path.join(info, "intro-buildoptions.json")))}
proj = json.load(open(os.path.join(info, "intro-projectinfo.json")))
print(opts["prefix"], opts["bindir"], opts["datadir"], proj["version"])
PY
) || fail "cannot read the build's options in $build/meson-info"
case "$bindir" in /*) ;; *) bindir=$prefix/$bindir ;; esac
case "$datadir" in /*) ;; *) datadir=$prefix/$datadir ;; esac

dest=$tmp/dest
# Under DESTDIR meson skips the post-install scripts (schema compilation,
# icon cache, desktop database): nothing outside DESTDIR is touched.
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; fail "meson install into DESTDIR failed"; }

bin=$dest$bindir
share=$dest$datadir
for f in \
  "$bin/radnet" \
  "$bin/radnet-cli" \
  "$share/applications/$app_id.desktop" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$share/glib-2.0/schemas/$app_id.gschema.xml" \
  "$share/radnet/default-sources.opml"; do
  [ -e "$f" ] || fail "not installed: ${f#"$dest"}"
done
echo "ok installed files under ${dest#"$tmp"/}$prefix"

# Every language of po/LINGUAS gets its catalogue.
linguas=$(dirname "$0")/../po/LINGUAS
for lang in $(sed -e 's/#.*//' "$linguas"); do
  [ -f "$share/locale/$lang/LC_MESSAGES/radnet.mo" ] || fail "no catalogue for $lang"
done
echo "ok catalogues for: $(sed -e 's/#.*//' "$linguas" | xargs)"

# The desktop file and the metainfo carry every language.
for lang in $(sed -e 's/#.*//' "$linguas"); do
  grep -q "^Comment\[$lang\]=" "$share/applications/$app_id.desktop" ||
    fail "the installed desktop file has no $lang translation"
  grep -q "xml:lang=\"$lang\"" "$share/metainfo/$app_id.metainfo.xml" ||
    fail "the installed metainfo has no $lang translation"
done

# The installed desktop file starts the installed program with the icon.
grep -qx "Exec=radnet" "$share/applications/$app_id.desktop" || fail "desktop file Exec is not radnet"
grep -qx "Icon=$app_id" "$share/applications/$app_id.desktop" || fail "desktop file Icon is not $app_id"

out=$("$bin/radnet" --version 2>&1) || fail "installed radnet --version failed: $out"
[ "$out" = "radnet $version" ] || fail "installed radnet --version printed '$out', expected 'radnet $version'"
out=$("$bin/radnet-cli" --version 2>&1) || fail "installed radnet-cli --version failed: $out"
[ "$out" = "radnet-cli $version" ] || fail "installed radnet-cli --version printed '$out', expected 'radnet-cli $version'"
echo "ok installed programs report version $version"

# What the post-install script would have done on a real prefix.
glib-compile-schemas --strict "$share/glib-2.0/schemas" || fail "installed schemas do not compile"

if [ -z "${DISPLAY:-}" ]; then
  echo "SKIP: no DISPLAY to start the installed app"
  exit 77
fi

# Start the installed app on an empty library, with only the installed
# schema and data, and wait for its main window to map.
mkdir -p "$tmp/library" "$tmp/home"
env GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas" \
    GSETTINGS_BACKEND=memory \
    XDG_DATA_DIRS="$share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    XDG_DATA_HOME="$tmp/home/data" XDG_CACHE_HOME="$tmp/home/cache" \
    XDG_CONFIG_HOME="$tmp/home/config" \
    GDK_BACKEND=x11 GTK_A11Y=none \
    "$bin/radnet" --data-dir "$tmp/library" >"$tmp/app.log" 2>&1 &
app_pid=$!

window=$(timeout 60 xdotool search --sync --onlyvisible --name '^RadNet' 2>/dev/null | head -n 1)
if ! kill -0 "$app_pid" 2>/dev/null; then
  wait "$app_pid"; rc=$?; app_pid=
  cat "$tmp/app.log" >&2
  fail "the installed app exited (status $rc) instead of showing its window"
fi
[ -n "$window" ] || { cat "$tmp/app.log" >&2; fail "no RadNet window mapped within 60 s"; }
echo "ok the installed app mapped window $window ($(xdotool getwindowname "$window"))"

kill -TERM "$app_pid"
wait "$app_pid"; rc=$?; app_pid=
# 143 = ended by our SIGTERM; anything else means it crashed or quit on its own.
[ "$rc" -eq 143 ] || { cat "$tmp/app.log" >&2; fail "the app ended with status $rc, not by SIGTERM"; }
if grep -E 'CRITICAL|ERROR|AddressSanitizer|runtime error' "$tmp/app.log" >&2; then
  fail "the installed app logged errors"
fi
echo "ok the installed app ran without errors until stopped"
