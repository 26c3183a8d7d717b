#!/usr/bin/env python3
"""Every language in po/LINGUAS is complete against the current sources.

Usage: check-po.py SOURCE_ROOT

Extracts a fresh template from the files of po/POTFILES.in the way
`meson compile radnet-pot` does (xgettext, glib preset), merges each
po/LANG.po with it in a scratch folder and fails, naming the strings,
when a language has an untranslated or fuzzy message, when `msgfmt
--check` rejects it, or when its plural forms are not the ones of that
language. So a new string added to the code fails here until every
language translates it (run `meson compile -C build radnet-update-po`,
translate, and commit the .po files).
"""
import os
import re
import subprocess
import sys
import tempfile

# The same keywords as meson's i18n 'glib' preset, and the ITS rules of
# gettext for .ui, .desktop, metainfo and gschema files.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments", "--package-name=radnet",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format", "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format", "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# Plural forms as GNOME's translation teams write them.
PLURALS = {
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}

STATS = re.compile(r"(\d+) translated messages?(?:, (\d+) fuzzy translations?)?"
                   r"(?:, (\d+) untranslated messages?)?")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def unquote(s):
    """The text of a quoted PO string (escapes \\n, \\t, \\", \\\\)."""
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)),
                  s[1:-1])


def entries(po_path):
    """(msgid, flags, msgstrs) of each live message of a .po file, header
    left out. A small reader, so multi-line strings are joined exactly."""
    result = []
    flags, field, cur, obsolete = set(), None, {}, False

    def flush():
        if "msgid" in cur and cur["msgid"]:
            strs = [v for k, v in sorted(cur.items()) if k.startswith("msgstr")]
            if not obsolete:
                result.append((cur["msgid"], set(flags), strs))

    with open(po_path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush(); flags, field, cur, obsolete = set(), None, {}, False
                continue
            if line.startswith("#~"):
                obsolete = True
                continue
            if line.startswith("#,"):
                flags |= {x.strip() for x in line[2:].split(",")}
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                if m.group(1) == "msgid" and "msgid" in cur:
                    flush(); flags, cur = set(), {}
                field = m.group(1)
                cur[field] = unquote(m.group(2))
            elif line.startswith('"') and field:
                cur[field] += unquote(line)
    flush()
    return result


def untranslated_of(po_path):
    return [i for i, _, strs in entries(po_path) if not strs or any(s == "" for s in strs)]


def fuzzy_of(po_path):
    return [i for i, flags, _ in entries(po_path) if "fuzzy" in flags]


def main():
    root = os.path.abspath(sys.argv[1])
    po_dir = os.path.join(root, "po")
    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        linguas = [w for line in f for w in line.split("#")[0].split()]
    if not linguas:
        print("FAIL: po/LINGUAS lists no language")
        return 1

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "radnet.pot")
        x = run(["xgettext", *XGETTEXT_ARGS, "--files-from",
                 os.path.join(po_dir, "POTFILES.in"), "--directory", root,
                 "--output", pot])
        if x.returncode != 0:
            print(f"FAIL: xgettext: {x.stderr.strip()}")
            return 1
        # A warning means a message is lost at run time, e.g. a msgid cut
        # at a G_GINT64_FORMAT macro that xgettext cannot see through (use
        # <inttypes.h>'s PRId64, which gettext understands).
        for line in x.stderr.splitlines():
            if "warning" in line:
                problems.append(f"xgettext: {line.strip()}")
        total = len(entries(pot))
        print(f"# template: {total} messages from po/POTFILES.in")

        for lang in linguas:
            po = os.path.join(po_dir, f"{lang}.po")
            if not os.path.isfile(po):
                problems.append(f"{lang}: po/{lang}.po does not exist")
                continue
            check = run(["msgfmt", "--check", "--output-file=/dev/null", po])
            if check.returncode != 0:
                problems.append(f"{lang}: msgfmt --check failed:\n{check.stderr.strip()}")
                continue
            with open(po, encoding="utf-8") as f:
                header = f.read(4000)
            m = re.search(r'"Plural-Forms: *([^\\]*)\\n"', header)
            want = PLURALS.get(lang)
            if not m:
                problems.append(f"{lang}: no Plural-Forms header")
            elif want and m.group(1).strip().replace(" ", "") != want.replace(" ", ""):
                problems.append(f"{lang}: Plural-Forms is '{m.group(1).strip()}', "
                                f"expected '{want}'")
            if f'"Language: {lang}\\n"' not in header:
                problems.append(f"{lang}: the Language header is not '{lang}'")

            # Fuzzy matching off: a new string shows up as untranslated, not
            # as a guess borrowed from a similar one.
            merged = os.path.join(tmp, f"{lang}.po")
            m = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--output-file",
                     merged, po, pot])
            if m.returncode != 0:
                problems.append(f"{lang}: msgmerge failed: {m.stderr.strip()}")
                continue
            stats = run(["msgfmt", "--check", "--statistics",
                         "--output-file=/dev/null", merged])
            s = STATS.search(stats.stderr)
            translated = int(s.group(1)) if s else 0
            untranslated = untranslated_of(merged)
            fuzzy = fuzzy_of(merged)
            if stats.returncode != 0:
                problems.append(f"{lang}: merged catalogue fails msgfmt --check:\n"
                                f"{stats.stderr.strip()}")
            for i in untranslated:
                problems.append(f'{lang}: untranslated: "{i}"')
            for i in fuzzy:
                problems.append(f'{lang}: fuzzy: "{i}"')
            # Fuzzy entries in the committed file itself are not shipped.
            for i in fuzzy_of(po):
                if i not in fuzzy:
                    problems.append(f'{lang}: fuzzy in po/{lang}.po: "{i}"')
            print(f"# {lang}: {translated}/{total} translated, "
                  f"{len(fuzzy)} fuzzy, {len(untranslated)} untranslated")

    for p in problems:
        print(f"FAIL: {p}")
    if problems:
        print("# To fix: meson compile -C build radnet-update-po, translate the "
              "new messages in po/*.po, commit them.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
