"""The part of a core message in the window's language.

Why: the core (counterapp/, sync/) writes every officer-facing message as "<tiếng Việt> / <English>",
which suits the CLI; the window shows one language only. `for_window` picks the Vietnamese part, or the
English part when English is chosen (ui/i18n.py sets QLocale.setDefault per language). The core's
messages stay as they are.

How a message is cut (the core's convention, seen in its messages):
- each line is localized on its own ("Ký bởi / Signed by: …\\nThời gian / Time: …");
- a line may join several "vi / en" errors with "; " (IntakeError), while a single message may itself
  use "; " on both sides ("… Còn thiếu: A; B. … / … missing: A; B. …"): the pieces between "; " are
  grouped so that a new group starts at a piece holding a " / " once the group has one;
- inside a group, "/" without spaces ("CCCD/CMND", dates) is not a separator; of the " / " candidates
  the one after which the text is the most ASCII wins (the Vietnamese part may list "a / b"; the
  English part may name Vietnamese documents or people), the first on a tie;
- an ASCII "field: " prefix (IntakeError's field path, "ValueError: ") is kept in both languages.
A line without " / " stays as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale

SEPARATOR = " / "
_PREFIX = re.compile(r"^([A-Za-z_][\w.\[\]-]*: )(?=.)")


def window_is_english() -> bool:
    return QLocale().language() == QLocale.Language.English


def for_window(message: str) -> str:
    """The message in the window's current language (see the module docstring)."""
    return localize(message, english=window_is_english())


def localize(message: str, english: bool) -> str:
    """The Vietnamese (or English) part of a "vi / en" core message; Qt-free, for tests and callers."""
    if not message or SEPARATOR not in message:
        return message
    return "\n".join(_line(line, english) for line in message.split("\n"))


def _line(line: str, english: bool) -> str:
    if SEPARATOR not in line:
        return line
    groups: list[list[str]] = []
    for piece in line.split("; "):
        if groups and not (SEPARATOR in piece and any(SEPARATOR in p for p in groups[-1])):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return "; ".join(_pair("; ".join(group), english) for group in groups)


def _foreign_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if not c.isascii()) / len(letters) if letters else 0.0


def _pair(text: str, english: bool) -> str:
    prefix = ""
    match = _PREFIX.match(text)
    if match:
        prefix, text = match.group(1), text[match.end():]
    cuts = [m.start() for m in re.finditer(re.escape(SEPARATOR), text) if m.start() > 0]
    if not cuts:
        return prefix + text
    best = min(cuts, key=lambda i: (round(_foreign_ratio(text[i + len(SEPARATOR):]), 2), i))
    vi, en = text[:best].strip(), text[best + len(SEPARATOR):].strip()
    if not en:
        return prefix + vi
    return prefix + (en if english else vi)
