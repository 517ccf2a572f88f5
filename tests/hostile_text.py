"""A hostile article: terminal escape sequences inside quotes, names and the title line.

OSC 52 sets the terminal's clipboard, OSC 0 its title, ``ESC c`` resets it, CSI (ESC [ or U+009B)
moves the cursor and clears the screen; backspace, BEL, DEL and the Unicode line separator come along too.
"""

import re

HOSTILE_ARTICLE = (
    "Clipboard \x1b]52;c;cm0gLXJmIH4gIyBwd25lZA==\x07 attack\n\n"
    "WASHINGTON (Reuters) - \u201cWe will \x1bc reset everything,\u201d said Senator Jane \x1b[31mDoe\x1b[0m "
    "on Friday.\n\n"
    "\u201cNothing\x08 to see\x9b2J here\u2028at all,\u201d the spokesman told reporters.\x7f\n\n"
    "H\x1b]0;PWNED\x07 said the title was changed.\n"
)

# What a terminal would obey: C0 controls but for tab and newline, DEL, C1 controls, U+2028/9.
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
