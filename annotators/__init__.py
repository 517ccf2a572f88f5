"""quotelens annotators: who said what in a news article. Text in, an ``Annotation`` out.

Pure and UI-free: nothing here imports ``textual`` or ``tui``.
"""

from .model import SCHEMA, Actor, Annotation, Meta, Span, Statement
from .pipeline import annotate

__all__ = ["SCHEMA", "Actor", "Annotation", "Meta", "Span", "Statement", "annotate"]
