"""One sentence's mentions, in one linear pass over its tokens (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import lexicons
from ..attribution.cues import cue_forms
from ..model import Span
from .gazetteer import MAX_PHRASE, LexiconEntry
from .model import DocContext, Mention, MentionForm, SentenceTokens

MAX_ROLE_WORDS = 3  # "top diplomat", "foreign policy chief"
# Tokens after which a capitalised word is capitalised because it starts something, not as a name.
OPENERS = frozenset({'"', "``", "''", "'", "`", ":", ";", "(", "[", "-", "--", "—", "–"})
_POSSESSIVE = frozenset({"'s", "'"})
ACTOR_KINDS = frozenset({"person", "organisation", "group"})  # what a description may stand for
DETERMINERS = lexicons.words("actors/determiners")
_ARTICLES = lexicons.words("actors/articles")
_ROLE_LINKS = lexicons.words("actors/role_links")
_CAPITALISED_ONLY = frozenset({"military", "other"})  # title classes that are ordinary words in lower case
_PLACE_PREPOSITIONS = lexicons.words("actors/place_prepositions")


def _longest(table: dict, words: list[str], start: int) -> int:
    """Length of the longest key of ``table`` starting at ``words[start]`` (0 when none)."""
    for length in range(min(MAX_PHRASE, len(words) - start), 0, -1):
        if tuple(words[start : start + length]) in table:
            return length
    return 0


@dataclass
class _Segment:
    start: int  # token indices
    end: int
    kind: str  # organisation | place | demonym | adjective | plural | title | honorific | word | particle
    entry: LexiconEntry | None = None


class SentenceScanner:
    """Finds the mentions of one sentence; see the module docstring."""

    def __init__(
        self, doc_text: str, tokens: SentenceTokens, sentence: int, context: DocContext, headline: bool
    ):
        self.text = doc_text
        self.starts, self.ends = tokens.starts, tokens.ends
        self.words, self.lowers, self.caps = tokens.words, tokens.lowers, tokens.capitalised
        self.count = len(tokens.words)
        # In a Title Case line only words the article capitalises elsewhere are names.
        self.headline = headline
        self.sentence = sentence
        self.context = context
        self.gaz = context.gaz
        self.found: list[Mention] = []

    # --- helpers -------------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        return Span(self.starts[start], self.ends[end - 1])

    def surface(self, start: int, end: int) -> str:
        return self.text[self.starts[start] : self.ends[end - 1]]

    def starts_sentence(self, index: int) -> bool:
        return index == 0 or self.words[index - 1] in OPENERS

    def mention(self, start: int, end: int, form: MentionForm, kind: str, **details) -> Mention:
        made = Mention(
            self.span(start, end), form, kind, self.sentence, initial=self.starts_sentence(start), **details
        )
        self.found.append(made)
        return made

    def segment_at(self, index: int, in_run: bool) -> _Segment | None:
        gaz, word = self.gaz, self.words[index]
        if self.caps[index]:
            if length := _longest(gaz.names, self.words, index):
                entry = gaz.names[tuple(self.words[index : index + length])]
                kind = entry.detail if entry.detail in ("demonym", "adjective") else entry.kind
                return _Segment(index, index + length, kind, entry)
            if word.isupper() and len(word) > 1:
                titled = [w.title() if w.isupper() else w for w in self.words[index : index + MAX_PHRASE]]
                if (length := _longest(gaz.names, titled, 0)) and gaz.names[
                    tuple(titled[:length])
                ].detail != "demonym":
                    entry = gaz.names[tuple(titled[:length])]
                    return _Segment(index, index + length, entry.kind, entry)  # "LOS ANGELES - ..."
                if len(word) > 3 and self.lowers[index] in gaz.common_words:
                    return None  # "FULL TEXT", "ABSTRACT" (short ones are acronyms: "CAP")
            if word[-1:] == "s" and (entry := gaz.names.get((word[:-1],))) and entry.detail:
                return _Segment(index, index + 1, "plural")  # "Floridians", "Republicans": people
            if self.lowers[index] in gaz.prepositions or self.nickname_at(index):
                return None
            if word in gaz.honorifics:
                return _Segment(index, index + 1, "honorific")
            if length := _longest(gaz.titles, self.lowers, index):
                entry = gaz.titles[tuple(self.lowers[index : index + length])]
                if self.caps[index + length - 1]:
                    return _Segment(index, index + length, "title", entry)
            if word not in gaz.stop_names and (not self.headline or word in self.context.capitalised_inside):
                return _Segment(index, index + 1, "word")
            return None
        if in_run and word in gaz.particles and self.followed_by_name(index + 1):
            return _Segment(index, index + 1, "particle")
        return None

    def nickname_at(self, index: int) -> bool:
        """ "Crooked" before "Hillary": an epithet, followed by the given name the person goes by."""
        following = self.words[index + 1] if index + 1 < self.count else ""
        return self.words[index] in self.gaz.nicknames and following in self.gaz.given_names

    def is_ordinary_first_word(self, index: int) -> bool:
        """A capitalised sentence-initial word that is just an English word ("The", "Asked")."""
        word = self.words[index]
        return (
            not (word.isupper() and len(word) > 1)  # an acronym: "(CAP)"
            and self.lowers[index] in self.gaz.common_words
            and (
                word not in self.context.capitalised_inside
                or self.lowers[index] in self.context.lower_case_seen
            )
            and not _longest(self.gaz.names, self.words, index)
        )

    # --- the scan ------------------------------------------------------------------------------
    def scan(self) -> list[Mention]:
        index, count, caps, lowers = 0, self.count, self.caps, self.lowers
        starters = self.context.lower_case_starters
        while index < count:
            if not caps[index]:
                index = self.lower_case_at(index) if lowers[index] in starters else index + 1
                continue
            pronoun = self.gaz.pronouns.get(self.lowers[index])
            if pronoun and pronoun != "rel" and self.words[index] == self.lowers[index].title():
                self.mention(index, index + 1, "pronoun", "unknown", pronoun=pronoun, key=self.lowers[index])
                index += 1
                continue
            if self.starts_sentence(index) and self.is_ordinary_first_word(index):
                index = self.role_phrase_from_determiner(index) or self.category_at(index) or index + 1
                continue
            segments = self.run_at(index)
            index = self.interpret(segments) if segments else index + 1
        return self.found

    def lower_case_at(self, index: int) -> int:
        """Pronouns and descriptions that start with a lower-case word; returns the next index."""
        lower = self.lowers[index]
        if lower in DETERMINERS:
            return self.role_phrase_from_determiner(index) or self.category_at(index) or index + 1
        pronoun = self.gaz.pronouns.get(lower)
        if pronoun and pronoun != "rel":
            self.mention(index, index + 1, "pronoun", "unknown", pronoun=pronoun, key=lower)
        return index + 1

    def run_at(self, index: int) -> list[_Segment]:
        segments: list[_Segment] = []
        while index < self.count and (segment := self.segment_at(index, bool(segments))):
            segments.append(segment)
            index = segment.end
        while segments and segments[-1].kind == "particle":
            segments.pop()
        return segments

    def interpret(self, segments: list[_Segment]) -> int:
        """Turn one run of capitalised segments into mentions; returns the token index after it."""
        end = segments[-1].end
        owner_segment: _Segment | None = None
        titles: list[_Segment] = []
        honorific: _Segment | None = None
        position = 0
        while position < len(segments):
            segment = segments[position]
            if segment.kind == "title":
                titles.append(segment)
            elif segment.kind == "honorific":
                honorific = segment
                position += 1
                break
            elif (
                not titles
                and owner_segment is None
                and segment.kind in ("organisation", "place", "demonym", "adjective")
                and position + 1 < len(segments)
                and segments[position + 1].kind == "title"
            ):
                owner_segment = segment
            else:
                break
            position += 1
        rest = segments[position:]
        single_entry = len(rest) == 1 and rest[0].entry is not None
        kind = None if single_entry else self.keyword_kind(rest)
        if kind is not None:
            # "Justice Department", "Center for American Progress": one organisation (or place).
            self.named(segments[0].start, end, kind=kind)
            return end
        if titles or honorific:
            owner = self.owner_mention(owner_segment)
            title = self.title_text(owner_segment, titles)
            title_class = titles[-1].entry.detail if titles else None
            if rest:
                # "Senate Minority Whip Richard J. Durbin of Illinois": the name stops before "of Illinois".
                cut = next(
                    (
                        i
                        for i in range(1, len(rest) - 1)
                        if rest[i].kind == "particle" and rest[i + 1].entry is not None
                    ),
                    len(rest),
                )
                self.person(
                    rest[0].start,
                    rest[cut - 1].end,
                    titles=title,
                    title_class=title_class,
                    owner=owner,
                    honorific=honorific,
                )
                if cut < len(rest):
                    self.split_run(rest[cut + 1 :])
            elif titles and title and not honorific:
                # A title without a name: "the President", "the Ukrainian President".
                first = self.determiner_before(segments[0].start)
                self.descriptive(first, end, title.lower(), title_class, "person", owner)
            return end
        self.split_run(rest)
        return end

    def keyword_kind(self, segments: list[_Segment]) -> str | None:
        """The kind the last organisation/place word of the unknown words says ("Department")."""
        kinds = [self.gaz.kind_keywords.get(self.words[seg.start]) for seg in segments if seg.kind == "word"]
        return next((k for k in reversed(kinds) if k), None)

    def owner_mention(self, segment: _Segment | None) -> Mention | None:
        if segment is None or segment.entry is None:
            return None
        # An owner inside a title is not a mention of its own: it qualifies the title.
        return Mention(
            self.span(segment.start, segment.end),
            "name",
            segment.entry.kind,
            self.sentence,
            key=segment.entry.key,
        )

    def title_text(self, owner: _Segment | None, titles: list[_Segment]) -> str | None:
        if not titles:
            return None
        first = owner.start if owner else titles[0].start
        return self.surface(first, titles[-1].end)

    def split_run(self, segments: list[_Segment]) -> None:
        """A run without title: lexicon names stand alone, other words group into names; a run that
        starts with a given name is one person ("Bryan English", "Paris Jackson")."""
        if (
            len(segments) > 1
            and segments[0].kind == "word"
            and self.words[segments[0].start] in self.gaz.given_names
        ):
            self.person(segments[0].start, segments[-1].end)
            return
        words_start: int | None = None
        for segment in [*segments, None]:
            if segment is not None and segment.kind in ("word", "particle"):
                if words_start is None and segment.kind == "word":
                    words_start = segment.start
                continue
            if words_start is not None:
                last = segment.start if segment is not None else segments[-1].end
                while self.words[last - 1] in self.gaz.particles:
                    last -= 1
                self.unknown_name(words_start, last)
                words_start = None
            if segment is not None:
                self.lexicon_name(segment)

    def lexicon_name(self, segment: _Segment) -> None:
        entry = segment.entry
        if segment.kind == "plural":
            self.named(segment.start, segment.end, kind="group")
            return
        if entry is None:  # a lone title or honorific word inside a run of names: not a mention
            return
        if segment.kind == "demonym":
            if not self.group_after(segment):
                self.mention(segment.start, segment.end, "demonym", "place", key=entry.key)
            return
        named = self.mention(
            segment.start,
            segment.end,
            "name",
            entry.kind,
            key=entry.key,
            words=tuple(self.words[segment.start : segment.end]),
        )
        self.descriptions_after(named, segment.start, segment.end)

    def unknown_name(self, start: int, end: int) -> None:
        words = tuple(self.words[start:end])
        if len(words) > 1 or words[0] in self.gaz.given_names:
            kind = "person"
        elif words[0].isupper() and len(words[0]) > 1:
            kind = "organisation"  # an unknown acronym
        elif start > 0 and self.lowers[start - 1] in _PLACE_PREPOSITIONS:
            kind = "place"
        else:
            kind = "unknown"
        self.person(start, end, kind=kind)

    def named(self, start: int, end: int, kind: str) -> None:
        made = self.mention(start, end, "name", kind, words=tuple(self.words[start:end]))
        self.descriptions_after(made, start, end)

    def person(
        self,
        start: int,
        end: int,
        kind: str = "person",
        titles: str | None = None,
        title_class: str | None = None,
        owner: Mention | None = None,
        honorific: _Segment | None = None,
    ) -> None:
        if titles is None and owner is None and honorific is None:
            titles, title_class, owner = self.title_before(start)
        first = honorific.start if honorific else start
        gender = self.gaz.honorifics.get(self.words[honorific.start]) if honorific else None
        if gender not in ("m", "f") and kind == "person":
            gender = self.gaz.given_names.get(self.words[start])
        made = self.mention(
            first,
            end,
            "name",
            kind,
            words=tuple(self.words[start:end]),
            gender=gender if gender in ("m", "f") else None,
            title=titles,
            title_class=title_class,
            owner=owner,
        )
        self.descriptions_after(made, first, end)

    def title_before(self, start: int) -> tuple[str | None, str | None, Mention | None]:
        """A lower-case title right before a name: "White House spokesman Josh Earnest"."""
        for length in range(min(MAX_PHRASE, start), 0, -1):
            entry = self.gaz.titles.get(tuple(self.lowers[start - length : start]))
            if entry is None or (entry.detail in _CAPITALISED_ONLY and not self.caps[start - length]):
                continue  # "a major Rahm Emanuel ally": lower-case "major" is no rank
            title_start = start - length
            owner = self.found[-1] if self.found else None
            adjacent = title_start > 0 and owner is not None and owner.span.end == self.ends[title_start - 1]
            if adjacent and owner.form in ("name", "demonym") and owner.kind in ("organisation", "place"):
                self.found.pop()  # the owner qualifies the title; not a mention of its own
                text = self.text[owner.span.start : self.ends[start - 1]]
                return text, entry.detail, owner
            return self.surface(title_start, start), entry.detail, None
        return None, None, None

    def possessive_at(self, index: int) -> bool:
        return index < len(self.words) and self.words[index] in _POSSESSIVE

    # --- descriptions --------------------------------------------------------------------------
    def role_at(self, start: int) -> tuple[int, tuple[str, str]] | None:
        """The longest role phrase in the lower-case words from ``start``, after at most one
        adjective ("top diplomat", "senior Ukrainian officials" is not one: capitalised)."""
        best = None
        for end in range(start + 1, min(start + MAX_ROLE_WORDS, self.count) + 1):
            word = self.words[end - 1]
            if not word.replace("-", "").isalpha() or not word.islower() or word in self.gaz.function_words:
                break
            for first in (start, start + 1):
                if first > start and self.lowers[start] in cue_forms():
                    break  # "Kaine defended people": a verb, not an adjective before the role
                if first < end and (role := self.gaz.roles.get(tuple(self.lowers[first:end]))):
                    best = (end, role)
                    break
        return best

    def determiner_before(self, index: int) -> int:
        return index - 1 if index > 0 and self.lowers[index - 1] in DETERMINERS else index

    def followed_by_name(self, index: int) -> bool:
        return index < self.count and self.caps[index] and self.words[index] not in self.gaz.stop_names

    def descriptions_after(self, named: Mention, start: int, end: int) -> None:
        """ "NATO's head", "France's presidential office", "Kremlin officials"."""
        role_start = end + 1 if self.possessive_at(end) else end
        found = self.role_at(role_start)
        if found is None or self.followed_by_name(found[0]):
            return  # no role, or a title before a name ("Kremlin spokesman Dmitry Peskov")
        if role_start == end and found[0] - role_start > 1 and self.lowers[role_start].endswith("ed"):
            return  # "Kaine defended people": a name, its verb and the verb's object
        role_end, (title_class, kind) = found
        self.descriptive(
            self.determiner_before(start),
            role_end,
            " ".join(self.lowers[role_start:role_end]),
            title_class,
            kind,
            named,
        )

    def group_after(self, segment: _Segment) -> bool:
        """ "Ukrainian authorities", "Russian forces": a group of its own, not the country."""
        found = self.role_at(segment.end)
        if found is None or self.followed_by_name(found[0]):
            return False
        role_end, (title_class, kind) = found
        owner = Mention(
            self.span(segment.start, segment.end),
            "demonym",
            "place",
            self.sentence,
            key=segment.entry.key if segment.entry else None,
        )
        start = self.determiner_before(segment.start)
        self.descriptive(
            start, role_end, " ".join(self.lowers[segment.end : role_end]), title_class, kind, owner
        )
        return True

    def role_phrase_from_determiner(self, index: int) -> int | None:
        """ "a spokesman for the Kremlin", "the head of NATO": role + link + a name."""
        if self.lowers[index] not in DETERMINERS:
            return None
        found = self.role_at(index + 1)
        if found is None:
            return None
        role_end, (title_class, kind) = found
        link = role_end
        if link + 1 < self.count and self.lowers[link] in _ROLE_LINKS:
            name_at = link + 2 if self.lowers[link + 1] == "the" and link + 2 < self.count else link + 1
            segments = self.run_at(name_at) if self.caps[name_at] else []
            if (
                segments
                and segments[0].entry is not None
                and segments[0].entry.kind in ("organisation", "place")
            ):
                entry = segments[0].entry
                owner = Mention(
                    self.span(name_at, segments[0].end), "name", entry.kind, self.sentence, key=entry.key
                )
                self.descriptive(
                    index,
                    segments[0].end,
                    " ".join(self.lowers[index + 1 : role_end]),
                    title_class,
                    kind,
                    owner,
                )
                # The organisation is a mention too, after the description that contains it.
                self.mention(
                    name_at,
                    segments[0].end,
                    "name",
                    entry.kind,
                    key=entry.key,
                    words=tuple(self.words[name_at : segments[0].end]),
                )
                return segments[0].end
        return None

    def category_at(self, index: int) -> int | None:
        """ "the alliance" standing for the alliance the article named before."""
        if self.lowers[index] != "the" or index + 1 >= self.count:
            return None
        following = self.lowers[index + 2] if index + 2 < self.count else ""
        if (
            self.words[index + 1] not in self.gaz.categories
            or following == "of"
            or self.followed_by_name(index + 2)
        ):
            return None
        self.mention(index, index + 2, "category", "organisation", key=self.words[index + 1])
        return index + 2

    def descriptive(
        self, start: int, end: int, role: str, title_class: str | None, kind: str, owner: Mention | None
    ) -> None:
        if kind not in ACTOR_KINDS:
            return  # "a Trump video": a thing, not an actor (it may still be a statement's source)
        words = self.lowers[start:end]
        if words and words[0] in _ARTICLES:
            words = words[1:]
        self.mention(
            start,
            end,
            "descriptive",
            kind,
            key=role,
            title_class=None if title_class == "-" else title_class,
            owner=owner,
            words=tuple(self.words[end - len(words) : end]),
        )
