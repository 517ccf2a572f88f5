"""quotelens annotators: who said what in a news article. Text in, an ``Annotation`` out.

Pure and UI-free: nothing here imports ``textual``, ``rich`` or ``tui``. Importing the package (or
``annotators.model``) loads no NLTK and no model: ``annotate`` loads the engine on its first call.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from .model import SCHEMA, Actor, Annotation, Meta, Span, Statement

if TYPE_CHECKING:
    from .pipeline import annotate

try:
    __version__ = version("quotelens")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["SCHEMA", "Actor", "Annotation", "Meta", "Span", "Statement", "__version__", "annotate"]


def __getattr__(name: str):
    # The engine (NLTK, the models) loads only when ``annotate`` is first asked for.
    if name == "annotate":
        from .pipeline import annotate

        globals()["annotate"] = annotate
        return annotate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
