#!/bin/sh
# `radnet --version` and `radnet-cli --version` print meson's project version.
# Usage: check-version.sh VERSION RADNET RADNET_CLI
set -u
version=$1 status=0
for prog in "$2" "$3"; do
  name=$(basename "$prog")
  out=$("$prog" --version 2>&1)
  rc=$?
  if [ $rc -ne 0 ] || [ "$out" != "$name $version" ]; then
    echo "FAIL: $name --version printed '$out' (status $rc), expected '$name $version'"
    status=1
  else
    echo "ok $name --version: $out"
  fi
done
exit $status
