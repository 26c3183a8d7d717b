#!/usr/bin/env python3
"""What `appstreamcli validate` does not check in the AppStream metainfo.

Usage: check-metainfo.py SOURCE_ROOT VERSION

The newest release is the project's version; every screenshot URL names a
PNG committed under data/screenshots/ with the size the metainfo states;
the URLs, branding colours, content rating, device support, categories
(the same as the desktop file's), binaries and gettext domain are there.
"""
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

APP_ID = "com.example.RadNet"
URL_TYPES = ["homepage", "bugtracker", "help", "vcs-browser", "translate"]
SCREENSHOT_URL = re.compile(r"^https://[^ ]+/data/screenshots/([a-z0-9-]+\.png)$")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    root, version = sys.argv[1], sys.argv[2]
    data = os.path.join(root, "data")
    tree = ET.parse(os.path.join(data, f"{APP_ID}.metainfo.xml.in")).getroot()
    problems = []

    releases = tree.findall("releases/release")
    if not releases:
        problems.append("no release")
    else:
        if releases[0].get("version") != version:
            problems.append(f"newest release is {releases[0].get('version')}, "
                            f"the project version is {version}")
        dates = [r.get("date", "") for r in releases]
        if dates != sorted(dates, reverse=True):
            problems.append("releases are not listed newest first")
        for r in releases:
            if r.find("description") is None:
                problems.append(f"release {r.get('version')} has no description")

    shots = tree.findall("screenshots/screenshot")
    if not shots:
        problems.append("no screenshot")
    if len([s for s in shots if s.get("type") == "default"]) != 1:
        problems.append("exactly one screenshot must be the default")
    for shot in shots:
        if shot.find("caption") is None:
            problems.append("a screenshot has no caption")
        for image in shot.findall("image"):
            url = (image.text or "").strip()
            m = SCREENSHOT_URL.match(url)
            if not m:
                problems.append(f"screenshot URL {url} is not under data/screenshots/")
                continue
            path = os.path.join(data, "screenshots", m.group(1))
            if not os.path.isfile(path):
                problems.append(f"screenshot {url}: data/screenshots/{m.group(1)} is not committed")
                continue
            size = png_size(path)
            want = (int(image.get("width", 0)), int(image.get("height", 0)))
            if size != want:
                problems.append(f"data/screenshots/{m.group(1)} is {size}, the metainfo says {want}")

    urls = {u.get("type"): (u.text or "").strip() for u in tree.findall("url")}
    for kind in URL_TYPES:
        if not urls.get(kind, "").startswith("https://"):
            problems.append(f"no https URL of type {kind}")

    # The About window shows the same addresses: the homepage and bug
    # tracker through config.h (meson.build), the others from the app.
    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        build = f.read()
    with open(os.path.join(root, "src", "ui", "rn-application.c"), encoding="utf-8") as f:
        about = f.read()
    for kind, where, text in (("homepage", "meson.build PACKAGE_URL", build),
                              ("bugtracker", "meson.build PACKAGE_BUGREPORT", build),
                              ("help", "the About window", about),
                              ("vcs-browser", "the About window", about),
                              ("translate", "the About window", about)):
        if urls.get(kind) and f'"{urls[kind]}"' not in text and f"'{urls[kind]}'" not in text:
            problems.append(f"the {kind} URL {urls[kind]} is not in {where}")

    schemes = {c.get("scheme_preference") for c in tree.findall("branding/color")
               if c.get("type") == "primary"}
    if schemes != {"light", "dark"}:
        problems.append("branding needs a primary colour for light and for dark")

    rating = tree.find("content_rating")
    if rating is None or rating.get("type") != "oars-1.1":
        problems.append("no OARS 1.1 content rating")
    else:
        attrs = {a.get("id"): a.text for a in rating.findall("content_attribute")}
        for needed in ("social-chat", "social-info"):
            if needed not in attrs:
                problems.append(f"content rating does not decide {needed}")

    length = tree.find("recommends/display_length")
    if length is None:
        length = tree.find("requires/display_length")
    if length is None or length.get("compare") != "ge" or int(length.text) < 360:
        problems.append("display_length >= 360 is not declared")
    controls = {c.text for c in tree.findall("supports/control")} | \
               {c.text for c in tree.findall("recommends/control")}
    for control in ("keyboard", "pointing"):
        if control not in controls:
            problems.append(f"control {control} is not declared")

    launch = tree.find("launchable")
    if launch is None or launch.text != f"{APP_ID}.desktop":
        problems.append("launchable is not the desktop file")
    with open(os.path.join(data, f"{APP_ID}.desktop.in"), encoding="utf-8") as f:
        desktop = f.read()
    m = re.search(r"^Categories=(.*)$", desktop, re.MULTILINE)
    desktop_cats = [c for c in (m.group(1) if m else "").split(";") if c]
    cats = [c.text for c in tree.findall("categories/category")]
    if cats != desktop_cats:
        problems.append(f"categories {cats} differ from the desktop file's {desktop_cats}")

    binaries = {b.text for b in tree.findall("provides/binary")}
    if binaries != {"radnet", "radnet-cli"}:
        problems.append(f"provides lists {sorted(binaries)}, not radnet and radnet-cli")
    translation = tree.find("translation")
    if translation is None or translation.get("type") != "gettext" or translation.text != "radnet":
        problems.append("translation is not the gettext domain radnet")
    if tree.find("developer/name") is None:
        problems.append("no developer name")

    for p in problems:
        print(f"FAIL: {p}")
    if not problems:
        print(f"ok metainfo: release {version}, {len(shots)} screenshots")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
