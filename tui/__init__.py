"""quotelens terminal reader: the Textual app, the command line, notes and export.

Depends on ``annotators``; ``annotators`` never imports from here.
"""

from annotators import __version__

__all__ = ["__version__"]
