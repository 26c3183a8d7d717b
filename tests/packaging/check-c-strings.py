#!/usr/bin/env python3
"""User-visible strings in the app's C code go through gettext.

Usage: check-c-strings.py SOURCE_ROOT

Scans src/ui/ for calls that put text in front of people (labels, titles,
tooltips, toasts, dialogs, menus, file choosers, accessible labels, and
text-valued properties given to g_object_new/g_object_set) whose argument
is a bare string literal with words in it instead of _("…"). A literal
that must stay as it is can be marked with a /* not translated */ comment
on the same line.
"""
import os
import re
import sys

SETTERS = {
    "gtk_label_new", "gtk_label_new_with_mnemonic", "gtk_label_set_text",
    "gtk_label_set_label", "gtk_label_set_markup", "gtk_label_set_text_with_mnemonic",
    "gtk_label_set_markup_with_mnemonic", "gtk_button_new_with_label",
    "gtk_button_new_with_mnemonic", "gtk_button_set_label",
    "gtk_check_button_new_with_label", "gtk_check_button_new_with_mnemonic",
    "gtk_check_button_set_label", "gtk_toggle_button_new_with_label",
    "gtk_widget_set_tooltip_text", "gtk_widget_set_tooltip_markup",
    "gtk_window_set_title", "gtk_entry_set_placeholder_text",
    "gtk_text_set_placeholder_text", "gtk_file_chooser_native_new",
    "gtk_file_filter_set_name", "gtk_menu_button_set_label",
    "adw_toast_new", "adw_toast_set_title", "adw_toast_set_button_label",
    "adw_status_page_set_title", "adw_status_page_set_description",
    "adw_preferences_row_set_title", "adw_action_row_set_subtitle",
    "adw_expander_row_set_subtitle", "adw_preferences_group_set_title",
    "adw_preferences_group_set_description", "adw_preferences_page_set_title",
    "adw_message_dialog_new", "adw_message_dialog_set_heading",
    "adw_message_dialog_set_body", "adw_message_dialog_add_response",
    "adw_message_dialog_format_heading", "adw_message_dialog_format_body",
    "adw_window_title_new", "adw_window_title_set_title",
    "adw_window_title_set_subtitle", "adw_view_stack_add_titled",
    "adw_button_content_set_label", "adw_split_button_set_label",
    "g_menu_append", "g_menu_insert", "g_menu_prepend", "g_menu_item_new",
    "g_menu_item_set_label", "g_notification_new", "g_notification_set_body",
    "g_notification_add_button", "gtk_string_list_append",
}
# Which arguments people read, where the call also takes ids or actions.
VISIBLE_ARGS = {
    "adw_message_dialog_add_response": [2],
    "gtk_file_chooser_native_new": [0, 3, 4],
    "g_menu_append": [1], "g_menu_prepend": [1], "g_menu_insert": [2],
    "g_menu_item_new": [0], "g_notification_add_button": [1],
    "adw_view_stack_add_titled": [3],
}
TEXT_PROPS = {"title", "label", "tooltip-text", "tooltip-markup", "subtitle",
              "description", "heading", "body", "placeholder-text", "comments",
              "button-label", "text", "translator-credits"}
WORDS = re.compile(r"[^\W\d_]{2,}")
CALL = re.compile(r"\b(" + "|".join(sorted(SETTERS, key=len, reverse=True)) +
                  r"|g_object_new|g_object_set|gtk_accessible_update_property)\s*\(")
LITERAL = re.compile(r'^"(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*$', re.DOTALL)
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)


def split_args(text, start):
    """Top-level arguments of the call whose '(' is at text[start-1]."""
    depth, args, cur, i, in_str = 1, [], [], start, False
    while i < len(text) and depth:
        ch = text[i]
        if in_str:
            cur.append(ch)
            if ch == "\\":
                cur.append(text[i + 1]); i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True; cur.append(ch)
        elif ch in "([{":
            depth += 1; cur.append(ch)
        elif ch in ")]}":
            depth -= 1
            if depth:
                cur.append(ch)
        elif ch == "," and depth == 1:
            args.append("".join(cur).strip()); cur = []
        else:
            cur.append(ch)
        i += 1
    args.append("".join(cur).strip())
    return args


def bare(arg):
    return bool(LITERAL.match(arg)) and bool(WORDS.search(arg))


def main():
    root = os.path.abspath(sys.argv[1])
    problems, calls = [], 0
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "src", "ui")):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".c"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            raw = open(path, encoding="utf-8").read()
            lines = raw.split("\n")
            # Blank comments out but keep offsets, so line numbers stay right.
            text = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), raw)
            for m in CALL.finditer(text):
                calls += 1
                fn = m.group(1)
                args = split_args(text, m.end())
                line = text.count("\n", 0, m.start()) + 1
                if "not translated" in lines[line - 1]:
                    continue
                suspects = []
                if fn in ("g_object_new", "g_object_set"):
                    for k, v in zip(args, args[1:]):
                        if k.strip('"') in TEXT_PROPS and k.startswith('"') and bare(v):
                            suspects.append(v)
                elif fn == "gtk_accessible_update_property":
                    for k, v in zip(args, args[1:]):
                        if k.startswith("GTK_ACCESSIBLE_PROPERTY_") and bare(v):
                            suspects.append(v)
                else:
                    picked = VISIBLE_ARGS.get(fn)
                    suspects = [a for i, a in enumerate(args)
                                if (picked is None or i in picked) and bare(a)]
                for s in suspects:
                    problems.append(f"{rel}:{line}: {fn} shows {s} without _()")
    for p in problems:
        print(f"FAIL: {p}")
    print(f"# {calls} calls that show text checked in src/ui, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
