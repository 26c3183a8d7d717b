#!/usr/bin/env python3
"""Checks the Flatpak manifest without building it.

Usage: check-flatpak-manifest.py MANIFEST APP_ID BUILD_ROOT

Fails (exit 1) with one line per problem when the manifest is not valid
JSON, lacks a required key, names another application id, points at a
module file or local source that does not exist, runs a command that the
build does not install, or asks for a permission RadNet must not have.
When flatpak-builder is installed, it must also accept the manifest
without printing anything on stderr (it only warns about unknown keys).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

REQUIRED = ["id", "runtime", "runtime-version", "sdk", "command", "modules",
            "finish-args"]

# Every permission the app holds, and why. Anything else fails: a new one
# needs a reason here first. Files come through the FileChooser portal,
# secrets through libsecret's Secret portal, notifications through the
# Notification portal: none of them needs a hole in the sandbox.
ALLOWED = {
    "--share=network": "feeds, PubMed, Crossref, social timelines",
    "--share=ipc": "X11 shared memory (with fallback-x11)",
    "--socket=wayland": "the display",
    "--socket=fallback-x11": "the display where there is no Wayland",
    "--device=dri": "OpenGL rendering of GTK",
}

# Never, whatever the reason given in ALLOWED.
FORBIDDEN_PREFIXES = [
    "--filesystem=home", "--filesystem=host", "--filesystem=~",
    "--filesystem=/", "--device=all", "--socket=session-bus",
    "--socket=system-bus", "--talk-name=org.freedesktop.secrets",
    "--talk-name=org.freedesktop.Flatpak",
]
FORBIDDEN_EXACT = ["--socket=x11"]

# GNOME runtimes are supported for about a year; 50 and 51 are the
# supported branches at the time of writing. Raising this floor is how the
# project notices that its runtime went out of support.
MIN_RUNTIME = 50

LOCAL_SOURCE_TYPES = {"dir", "file", "patch", "script", "inline", "shell",
                      "archive", "git", "extra-data"}


def check_module(module, base, problems, where):
    if isinstance(module, str):
        path = os.path.join(base, module)
        if not os.path.isfile(path):
            problems.append(f"{where}: module file {module!r} does not exist")
            return
        try:
            with open(path, encoding="utf-8") as f:
                module = json.load(f)
        except (OSError, ValueError) as e:
            problems.append(f"{where}: module file {module!r}: {e}")
            return
        base = os.path.dirname(path)
    if not isinstance(module, dict):
        problems.append(f"{where}: a module must be an object or a file name")
        return
    name = module.get("name")
    if not name:
        problems.append(f"{where}: module without a name")
    where = f"module {name!r}"
    if "buildsystem" not in module and "build-commands" not in module:
        problems.append(f"{where}: no buildsystem")
    for i, source in enumerate(module.get("sources", [])):
        if isinstance(source, str):
            if not os.path.isfile(os.path.join(base, source)):
                problems.append(f"{where}: source file {source!r} does not exist")
            continue
        kind = source.get("type")
        if kind not in LOCAL_SOURCE_TYPES:
            problems.append(f"{where}: source {i} has unknown type {kind!r}")
        if "path" in source:
            path = os.path.join(base, source["path"])
            if not os.path.exists(path):
                problems.append(f"{where}: local path {source['path']!r} does not exist")
            elif kind == "dir" and not os.path.isdir(path):
                problems.append(f"{where}: {source['path']!r} is not a folder")
            elif kind == "dir" and not os.path.isfile(os.path.join(path, "meson.build")) \
                    and module.get("buildsystem") == "meson":
                problems.append(f"{where}: {source['path']!r} has no meson.build")
    for i, sub in enumerate(module.get("modules", [])):
        check_module(sub, base, problems, f"{where}, module {i}")


def installed_commands(build_root):
    """Names of the programs `meson install` puts into a bin folder."""
    path = os.path.join(build_root, "meson-info", "intro-installed.json")
    with open(path, encoding="utf-8") as f:
        installed = json.load(f)
    return {os.path.basename(dest) for dest in installed.values()
            if os.path.basename(os.path.dirname(dest)) == "bin"}


def main():
    manifest_path, app_id, build_root = sys.argv[1:4]
    base = os.path.dirname(os.path.abspath(manifest_path))
    problems = []

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL {manifest_path}: not valid JSON: {e}")
        return 1
    if not isinstance(manifest, dict):
        print(f"FAIL {manifest_path}: the top level must be an object")
        return 1

    for key in REQUIRED:
        if key not in manifest:
            problems.append(f"missing key {key!r}")
    if manifest.get("id") != app_id:
        problems.append(f"id is {manifest.get('id')!r}, the app id is {app_id!r}")
    if manifest.get("runtime") != "org.gnome.Platform":
        problems.append("runtime must be org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("sdk must be org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if not version.isdigit() or int(version) < MIN_RUNTIME:
        problems.append(f"runtime-version {version!r} is not a supported GNOME "
                        f"runtime (>= {MIN_RUNTIME})")

    command = manifest.get("command")
    try:
        commands = installed_commands(build_root)
        if command not in commands:
            problems.append(f"command {command!r} is not installed by the build "
                            f"(installed programs: {sorted(commands)})")
    except (OSError, ValueError) as e:
        problems.append(f"cannot read the build's install list: {e}")

    args = manifest.get("finish-args", [])
    if not isinstance(args, list):
        problems.append("finish-args must be a list")
        args = []
    for arg in args:
        if arg in FORBIDDEN_EXACT or any(arg.startswith(p) for p in FORBIDDEN_PREFIXES):
            problems.append(f"forbidden permission {arg}")
        elif arg not in ALLOWED:
            problems.append(f"permission {arg} is not in the allowed list; "
                            "add it with its reason to ALLOWED if it is needed")
    if len(set(args)) != len(args):
        problems.append("finish-args has duplicates")

    modules = manifest.get("modules", [])
    if not isinstance(modules, list) or not modules:
        problems.append("modules must be a non-empty list")
    else:
        for i, module in enumerate(modules):
            check_module(module, base, problems, f"module {i}")
        last = modules[-1]
        if isinstance(last, dict) and last.get("buildsystem") != "meson":
            problems.append("the last module (the app) must build with meson")

    builder = shutil.which("flatpak-builder")
    if builder:
        # --show-manifest creates .flatpak-builder/ in the current folder.
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run([builder, "--show-manifest",
                                  os.path.abspath(manifest_path)],
                                 cwd=tmp, capture_output=True, text=True,
                                 timeout=120)
        if run.returncode != 0 or run.stderr.strip():
            problems.append(f"flatpak-builder --show-manifest: rc {run.returncode}: "
                            f"{run.stderr.strip()}")
    else:
        print("# flatpak-builder not installed: its check is skipped")

    for p in problems:
        print(f"FAIL {manifest_path}: {p}")
    if not problems:
        print(f"ok {manifest_path}: {manifest['id']} on org.gnome.Platform//{version}, "
              f"{len(args)} permissions")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
