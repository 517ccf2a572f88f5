"""A hand-made annotation of the seed article, as a careful reader would mark it.

It lets the reader be tested on its own, whatever the engine currently finds. Offsets are found
with ``text.index`` here in the test code, never in the package.
"""

from __future__ import annotations

from annotators.model import Actor, Annotation, Span, Statement
from tui.app import preview


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle))


def _mentions(text: str, *needles: str) -> tuple[Span, ...]:
    spans = []
    for needle in needles:
        start = text.find(needle)
        while start >= 0:
            spans.append(Span(start, start + len(needle)))
            start = text.find(needle, start + len(needle))
    return tuple(sorted(set(spans)))


def seed_annotation(text: str) -> Annotation:
    base = preview(text)
    actors = (
        Actor("blinken", "Antony Blinken", "person", ("United States Secretary of State",),
              ("Blinken",), _mentions(text, "Antony Blinken", "Blinken")),
        Actor("zelenskyy", "Volodymyr Zelenskyy", "person", ("Ukrainian President",),
              ("Zelenskyy",), _mentions(text, "Zelenskyy")),
        Actor("ukr-authorities", "Ukrainian authorities", "group", (), (),
              _mentions(text, "Ukrainian authorities")),
        Actor("stoltenberg", "Jens Stoltenberg", "person", ("NATO Secretary-General",),
              ("Stoltenberg",), _mentions(text, "Stoltenberg")),
        Actor("joly", "Mélanie Joly", "person", ("Canadian Foreign Minister",), (),
              _mentions(text, "Mélanie Joly")),
        Actor("elysee", "France's presidential office", "organisation", (), (),
              _mentions(text, "France's presidential office")),
        Actor("simonyte", "Ingrida Simonyte", "person", ("Lithuanian Prime Minister",), (),
              _mentions(text, "Ingrida Simonyte")),
        Actor("eu-diplomat", "the EU's top diplomat", "person", (), (),
              _mentions(text, "the EU's top diplomat"), same_as="borrell"),
        Actor("borrell", "Josep Borrell", "person", (), ("Borrell",), _mentions(text, "Borrell")),
        Actor("nato", "North Atlantic Treaty Organization", "organisation", (), ("NATO",),
              _mentions(text, "North Atlantic Treaty Organization", "NATO")),
        Actor("putin", "Vladimir Putin", "person", ("Russian President",), ("Putin",),
              _mentions(text, "Putin")),
    )
    t = text
    ours = t.index("“Ours")
    statements = (
        Statement("", "mixed", (_span(t, "Washington and its allies would defend “every inch” of NATO territory"),),
                  _span(t, "said", t.index("on Friday")), _span(t, "Antony Blinken"), "blinken"),
        Statement("", "indirect", (_span(t, "the alliance was defensive and did not seek a conflict with Russia"),),
                  _span(t, "said", t.index("headquarters")), _span(t, "Blinken", t.index("\n\nBlinken")), "blinken"),
        Statement("", "direct", (_span(t, "NATO will defend all its allies, and we stand united,"),),
                  _span(t, "told"), _span(t, "Blinken", t.index("united")), "blinken"),
        Statement("", "direct", (Span(ours + 1, t.index("territory.”", ours) + len("territory.")),), None, None, "blinken"),
        Statement("", "indirect", (_span(t, "for a no-fly zone over his country to stop Russian air strikes"),),
                  _span(t, "has called"), _span(t, "Ukrainian President Volodymyr Zelenskyy"), "zelenskyy"),
        Statement("", "indirect", (_span(t, "Moscow is trying to prevent the world from seeing what its troops are doing in Ukrainian cities"),),
                  _span(t, "said that"), _span(t, "Zelenskyy", t.index("video address")), "zelenskyy"),
        Statement("", "indirect", (_span(t, "Russian forces had seized the Zaporizhzhia nuclear power plant, Europe's largest"),),
                  _span(t, "said", t.index("Ukrainian authorities")), _span(t, "Ukrainian authorities"), "ukr-authorities"),
        Statement("", "direct", (_span(t, "This just demonstrates the recklessness of this war and the importance of ending it,"),),
                  _span(t, "said of"), _span(t, "NATO Secretary-General Jens Stoltenberg"), "stoltenberg"),
        Statement("", "direct", (_span(t, "NATO's red line is that we will not trigger a wider conflict in Europe. We need to make sure that this war does not spread."),),
                  _span(t, "said:"), _span(t, "Canadian Foreign Minister Mélanie Joly"), "joly"),
        Statement("", "mixed", (_span(t, "the no-fly zone as “a very legitimate request”"),),
                  _span(t, "described"), _span(t, "France's presidential office"), "elysee"),
        Statement("", "mixed", (_span(t, "calls to get NATO involved in the fighting were “irresponsible.”"),),
                  _span(t, "said", t.index("Belarus")), _span(t, "Lithuanian Prime Minister Ingrida Simonyte"), "simonyte"),
        Statement("", "direct", (_span(t, "We are now witnessing a fully fledged war in Europe,"),),
                  Span(t.index("said the EU"), t.index("said the EU") + len("said")),
                  _span(t, "the EU's top diplomat"), "eu-diplomat"),
        Statement("", "direct", (_span(t, "We will consider everything. Everything remains on the table."),),
                  _span(t, "said:", t.index("Asked whether")), _span(t, "Borrell", t.index("Asked whether")), "borrell"),
    )
    numbered = tuple(
        Statement(f"s{i}", s.kind, s.content, s.cue, s.source, s.actor)
        for i, s in enumerate(sorted(statements, key=lambda s: (s.start, s.end)), 1)
    )
    return Annotation(meta=base.meta, paragraphs=base.paragraphs, actors=actors, statements=numbered)
