#!/usr/bin/env python3
"""Prints 'N passed, N failed[, N skipped]' from meson's test log.

Exits non-zero when any test failed, none passed, or the log is missing."""
import collections
import json
import os
import sys

path = sys.argv[1]
results = collections.Counter()
if os.path.exists(path):
    with open(path, encoding="utf-8") as log:
        for line in log:
            results[json.loads(line)["result"]] += 1
passed = results["OK"] + results["EXPECTEDFAIL"]
skipped = results["SKIP"]
failed = sum(results.values()) - passed - skipped
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or not passed else 0)
