#!/usr/bin/env python3
"""The app icons follow the GNOME icon guidelines' technical rules.

Usage: check-icons.py SOURCE_ROOT

Full-colour icon: a 128x128 canvas, vector only (no embedded bitmap or
text), in colour. Symbolic icon: a 16x16 canvas, one colour (#2e3436, or
currentColor), filled shapes only: GTK recolours symbolic icons through
their fill, so a stroke would not follow the theme.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

APP_ID = "com.example.RadNet"
SVG = "{http://www.w3.org/2000/svg}"
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b")


def paints(root):
    """Every colour value set by an attribute or an inline style."""
    for el in root.iter():
        for attr in ("fill", "stroke", "stop-color", "color"):
            if el.get(attr):
                yield el, attr, el.get(attr)
        for decl in (el.get("style") or "").split(";"):
            if ":" in decl:
                k, v = decl.split(":", 1)
                yield el, k.strip(), v.strip()


def canvas(root):
    return root.get("width"), root.get("height"), root.get("viewBox")


def main():
    base = os.path.join(sys.argv[1], "data", "icons", "hicolor")
    problems = []

    full = os.path.join(base, "scalable", "apps", f"{APP_ID}.svg")
    root = ET.parse(full).getroot()
    if canvas(root) != ("128", "128", "0 0 128 128"):
        problems.append(f"{APP_ID}.svg: canvas {canvas(root)} is not 128x128")
    if root.find(f".//{SVG}image") is not None or root.find(f".//{SVG}text") is not None:
        problems.append(f"{APP_ID}.svg: embedded bitmap or text")
    colours = {v.lower() for _, _, v in paints(root) for v in COLOUR.findall(v)}
    def chroma(c):
        c = c[1:]
        if len(c) in (3, 4):
            c = "".join(ch * 2 for ch in c[:3])
        rgb = [int(c[i:i + 2], 16) for i in (0, 2, 4)]
        return max(rgb) - min(rgb)
    if len([c for c in colours if chroma(c) > 48]) < 2:
        problems.append(f"{APP_ID}.svg: not a full-colour icon ({sorted(colours)})")

    sym = os.path.join(base, "symbolic", "apps", f"{APP_ID}-symbolic.svg")
    root = ET.parse(sym).getroot()
    if canvas(root) != ("16", "16", "0 0 16 16"):
        problems.append(f"{APP_ID}-symbolic.svg: canvas {canvas(root)} is not 16x16")
    for el, attr, value in paints(root):
        if attr == "stroke" and value != "none":
            problems.append(f"{APP_ID}-symbolic.svg: a stroke ({el.tag}) will not be recoloured")
        elif value.lower() not in ("#2e3436", "none", "currentcolor"):
            problems.append(f"{APP_ID}-symbolic.svg: colour {value} is not #2e3436")
    if root.find(f".//{SVG}image") is not None or root.find(f".//{SVG}text") is not None:
        problems.append(f"{APP_ID}-symbolic.svg: embedded bitmap or text")

    for p in problems:
        print(f"FAIL: {p}")
    if not problems:
        print("ok icons: 128x128 full colour, 16x16 symbolic in one colour")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
