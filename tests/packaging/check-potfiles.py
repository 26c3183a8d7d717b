#!/usr/bin/env python3
"""Every source file with translatable strings is listed in po/POTFILES.in.

Usage: check-potfiles.py SOURCE_ROOT

Scans src/ and data/ for gettext calls in C (_(), N_(), C_(), NC_(),
ngettext(), g_dngettext(), …), translatable="yes" in GtkBuilder files,
and the data files gettext extracts from (desktop entry, AppStream
metainfo, GSettings schema with a gettext domain). Fails with the list of
files missing from POTFILES.in, and with the entries of POTFILES.in that do
not exist (xgettext would stop on them).
"""
import os
import re
import sys

C_CALL = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|'
                    r'g_dpgettext2|g_dcgettext|dgettext|dngettext|pgettext)\s*\(\s*"')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.IGNORECASE)
SCHEMA_DOMAIN = re.compile(r'<schemalist[^>]*gettext-domain=')
# A GLib format macro inside a translatable string: xgettext cannot see
# through it, so the msgid is cut short and never matches at run time.
# <inttypes.h>'s PRId64 and friends are understood by gettext.
STRING = r'"(?:[^"\\\n]|\\.)*"\s*'
MACRO_IN_MSGID = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*'
    r'(?:GETTEXT_PACKAGE\s*,\s*)?(?:(?:' + STRING + r')+,\s*)?(?:' + STRING + r')+'
    r'(G_G[A-Z0-9]*_FORMAT|G_G?[A-Z]*_MODIFIER)')
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.DOTALL)


def translatable(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return False
    if name.endswith((".c", ".h")):
        return bool(C_CALL.search(COMMENT.sub("", text)))
    if name.endswith(".ui"):
        return bool(UI_MARK.search(text))
    if name.endswith(".desktop.in") or name.endswith(".metainfo.xml.in"):
        return True
    if name.endswith(".gschema.xml"):
        return bool(SCHEMA_DOMAIN.search(text))
    return False


def main():
    root = os.path.abspath(sys.argv[1])
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.lstrip().startswith("#")]
    problems = []

    for entry in listed:
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append(f"po/POTFILES.in lists {entry}, which does not exist")
    if len(set(listed)) != len(listed):
        dups = sorted({e for e in listed if listed.count(e) > 1})
        problems.append(f"po/POTFILES.in lists these twice: {', '.join(dups)}")

    found = []
    for top in ("src", "data"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if translatable(path):
                    found.append(os.path.relpath(path, root))
    missing = [f for f in found if f not in listed]
    for f in found:
        if not f.endswith((".c", ".h")):
            continue
        with open(os.path.join(root, f), encoding="utf-8") as src:
            text = src.read()
        for m in MACRO_IN_MSGID.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{f}:{line}: {m.group(1)} inside a translatable string; "
                            "use PRId64/PRIu64/%zu from <inttypes.h> instead")
    for f in missing:
        problems.append(f"{f} has translatable strings but is not in po/POTFILES.in")

    for p in problems:
        print(f"FAIL: {p}")
    print(f"# {len(found)} files with translatable strings, {len(listed)} in POTFILES.in")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
