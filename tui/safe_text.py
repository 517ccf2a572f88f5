"""Text from outside (articles, file names, error messages) made safe to show: the one place that does it.

A terminal obeys the control characters it is sent: ESC starts sequences that set the clipboard
(OSC 52), the window title (OSC 0) or reset the terminal (``ESC c``), and C1 controls (CSI is U+009B)
do the same on some terminals. Every terminal output of quotelens (the reader, the text report,
one-line errors, progress, the Markdown export) passes article text and paths through these
functions, which show such characters as visible placeholders (ESC as ␛), as the reader always did.

Headless: no Rich, no Textual, so any command can use it without importing a UI.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators (which Python's
# splitlines() and some terminals take as line breaks, so a "one-line" label would not be one line).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _placeholders() -> dict[str, str]:
    """One character for one character, so offsets stay valid: layout whitespace becomes a space,
    every other C0 control its Unicode "control picture" (ESC ␛, NUL ␀), DEL ␡, C1 controls �."""
    table = {chr(code): chr(0x2400 + code) for code in range(0x20)}
    table.update({"\t": " ", "\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x7f": "\u2421"})
    table.update({chr(code): "\ufffd" for code in range(0x80, 0xA0)})
    return table


PLACEHOLDERS = _placeholders()


def displayable(text: str) -> str:
    """``text`` as it may be drawn: the same length, every control character a visible placeholder
    (layout whitespace - tab, newlines - a space)."""
    # re.sub visits only the unsafe characters; str.translate would visit every character.
    return _UNSAFE.sub(lambda match: PLACEHOLDERS[match.group()], text)


def one_line(text: str) -> str:
    """``text`` for one line of a terminal (a name, a table cell, an error, a progress label):
    control characters visible, whitespace runs collapsed to one space."""
    return " ".join(displayable(text).split())


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def safe_json(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` with DEL, the C1 controls and U+2028/9
    written as ``\\uXXXX`` escapes too (json already escapes C0 controls): the same JSON value, but
    nothing a terminal would obey when it is printed or ``cat``."""
    dumped = json.dumps(value, ensure_ascii=False, **options)
    # These characters can only occur inside JSON strings, where an escape means the same character.
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
