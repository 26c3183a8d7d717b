#!/usr/bin/env python3
"""Static checks of the GtkBuilder files: translation and accessibility.

Usage: check-ui-files.py SOURCE_ROOT

In every data/**/*.ui:
- a property, menu attribute or string-list item that people read (label,
  title, tooltip, placeholder, …) is marked translatable="yes" (or
  explicitly translatable="no");
- an icon-only button (GtkButton, GtkToggleButton, GtkMenuButton with an
  icon and no text) has a tooltip and an accessible label, both
  translatable: the tooltip is for the eyes, the label for screen readers;
- a text field, spin button, switch or drop-down has a name: its row's
  title (AdwActionRow, AdwEntryRow, …), an accessible label or labelled-by
  relation, or a GtkLabel whose mnemonic-widget it is.
tests/ui/test-a11y.c checks the same at run time, on the widgets as built.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

TEXT_PROPERTIES = {
    "label", "title", "subtitle", "tooltip-text", "tooltip-markup",
    "placeholder-text", "description", "heading", "body", "text",
    "secondary-text", "comments", "button-label", "accessible-name",
}
# "text" is also the content of entries: only GtkLabel-like owners count.
TEXT_OWNERS_FOR_TEXT = {"GtkLabel", "GtkInscription", "AdwMessageDialog"}
BUTTONS = {"GtkButton", "GtkToggleButton", "GtkMenuButton"}
INPUTS = {"GtkEntry", "GtkSearchEntry", "GtkPasswordEntry", "GtkSpinButton",
          "GtkSwitch", "GtkDropDown", "GtkText", "GtkScale", "GtkComboBoxText"}
TITLED_ROWS = {"AdwActionRow", "AdwEntryRow", "AdwPasswordEntryRow",
               "AdwComboRow", "AdwExpanderRow", "AdwPreferencesRow",
               "AdwSpinRow", "AdwSwitchRow"}
HAS_WORDS = re.compile(r"[^\W\d_]{2,}")


def cls(el):
    return el.get("class") or el.get("parent") or ""


def props(el):
    return {p.get("name"): p for p in el.findall("property")}


def a11y(el):
    acc = el.find("accessibility")
    if acc is None:
        return {}, set()
    labels = {p.get("name"): p for p in acc.findall("property")}
    relations = {r.get("name") for r in acc.findall("relation")}
    return labels, relations


def check_file(path, rel, problems):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        problems.append(f"{rel}: not well-formed: {e}")
        return 0
    parents = {c: p for p in root.iter() for c in p}
    mnemonic_targets = {p.text for p in root.iter("property")
                        if p.get("name") == "mnemonic-widget" and p.text}
    checked = 0

    def where(el):
        ident = el.get("id")
        return f"{rel}: {cls(el)}" + (f" '{ident}'" if ident else "")

    def owner(node):
        n = parents.get(node)
        while n is not None and n.tag not in ("object", "template"):
            n = parents.get(n)
        return n

    # 1. Strings people read are translatable.
    for node in root.iter():
        if node.tag == "property":
            name = node.get("name")
            if name not in TEXT_PROPERTIES:
                continue
            o = owner(node)
            if name == "text" and (o is None or cls(o) not in TEXT_OWNERS_FOR_TEXT):
                continue
        elif node.tag == "attribute" and node.get("name") == "label":
            pass
        elif node.tag == "item" and parents.get(node) is not None and parents[node].tag == "items":
            pass
        else:
            continue
        text = (node.text or "").strip()
        if not HAS_WORDS.search(text):
            continue
        if node.get("translatable") not in ("yes", "true", "1", "no", "false", "0"):
            o = owner(node)
            problems.append(f"{where(o) if o is not None else rel}: "
                            f"\"{text}\" ({node.get('name', node.tag)}) is not marked translatable")

    # 2. and 3. Names for controls.
    for el in root.iter():
        if el.tag not in ("object", "template"):
            continue
        c = cls(el)
        p = props(el)
        labels, relations = a11y(el)
        if c in BUTTONS:
            checked += 1
            text_child = any(cls(ch) in ("GtkLabel", "AdwButtonContent")
                             for ch in el.iter("object") if ch is not el)
            icon_only = ("icon-name" in p and "label" not in p and not text_child) or \
                        ("label" not in p and not text_child and
                         any(cls(ch) == "GtkImage" for ch in el.iter("object") if ch is not el))
            if icon_only:
                # (An Element without children is falsy: compare with None.)
                tip = p.get("tooltip-text")
                if tip is None:
                    tip = p.get("tooltip-markup")
                if tip is None:
                    problems.append(f"{where(el)}: icon-only button without tooltip-text")
                elif tip.get("translatable") != "yes":
                    problems.append(f"{where(el)}: tooltip is not translatable")
                if "label" not in labels and "labelled-by" not in relations:
                    problems.append(f"{where(el)}: icon-only button without an accessible label "
                                    "(<accessibility><property name=\"label\" translatable=\"yes\">)")
                elif "label" in labels and labels["label"].get("translatable") != "yes":
                    problems.append(f"{where(el)}: accessible label is not translatable")
        elif c in INPUTS:
            checked += 1
            named = "label" in labels or "labelled-by" in relations or el.get("id") in mnemonic_targets
            n = parents.get(el)
            while not named and n is not None:
                if n.tag in ("object", "template") and cls(n) in TITLED_ROWS and "title" in props(n):
                    named = True
                n = parents.get(n)
            if not named:
                problems.append(f"{where(el)}: no name for screen readers (row title, "
                                "accessible label, or a label's mnemonic-widget)")
    return checked


def main():
    root = os.path.abspath(sys.argv[1])
    problems, files, controls = [], 0, 0
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "data")):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".ui"):
                path = os.path.join(dirpath, name)
                controls += check_file(path, os.path.relpath(path, root), problems)
                files += 1
    for p in problems:
        print(f"FAIL: {p}")
    print(f"# {files} .ui files, {controls} buttons and inputs checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
