"""Words, wordpieces and overlapping windows: what the encoder sees of an article, for training and run time.

An article is split into words (``\\w+`` runs and single other characters, so a word is never larger
than the scorer's tokens) and wordpieces by the encoder's own tokenizer; a wordpiece belongs to the word
its first character falls in, and a word is labelled through its first wordpiece. The wordpieces of the
whole article are cut into windows of at most ``WINDOW`` pieces that overlap by ``OVERLAP``, so no
article is cut at the encoder's length limit: each wordpiece takes its prediction from the window where
it sits furthest from an edge.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from ..model import Span

WORD = re.compile(r"\w+|[^\w\s]")
WINDOW = 128  # wordpieces per window, [CLS] and [SEP] included
OVERLAP = 32  # wordpieces two neighbouring windows share
CLS, SEP, PAD = 101, 102, 0
TAGS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")  # per word: Source / Cue / Content, BIO


@dataclass(frozen=True)
class Pieces:
    """An article as wordpieces: their ids, the word each belongs to, and the words as spans."""

    ids: tuple[int, ...]
    word_of: tuple[int, ...]  # per wordpiece, the index of its word
    words: tuple[Span, ...]

    def first_pieces(self) -> list[int]:
        """Per word, the index of its first wordpiece, or -1 when the tokenizer dropped it (control
        characters and the like)."""
        first = [-1] * len(self.words)
        for i in range(len(self.word_of) - 1, -1, -1):
            first[self.word_of[i]] = i
        return first


def words(text: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end()) for m in WORD.finditer(text))


def pieces(text: str, tokenizer) -> Pieces:
    """The wordpieces of ``text`` (a ``tokenizers.Tokenizer`` without special tokens) mapped to words."""
    spans = words(text)
    starts = [span.start for span in spans]
    encoding = tokenizer.encode(text, add_special_tokens=False)
    ids, word_of = [], []
    for piece_id, (start, end) in zip(encoding.ids, encoding.offsets):
        word = bisect_right(starts, start) - 1
        if word >= 0 and start < spans[word].end:  # a piece outside every word (whitespace) is dropped
            ids.append(piece_id)
            word_of.append(word)
    return Pieces(tuple(ids), tuple(word_of), spans)


def window_starts(length: int, window: int = WINDOW, overlap: int = OVERLAP) -> list[int]:
    """Where the windows over ``length`` wordpieces start (each holds ``window - 2`` of them)."""
    inner = window - 2
    stride = inner - overlap
    starts = list(range(0, max(length - overlap, 1), stride))
    return starts or [0]


def owned(starts: Sequence[int], length: int, window: int = WINDOW) -> list[tuple[int, int]]:
    """Per window, the wordpieces [from, to) whose prediction it gives: the overlaps are shared out at
    their middle, so every wordpiece is owned by exactly one window."""
    inner = window - 2
    bounds = []
    for k, start in enumerate(starts):
        end = min(start + inner, length)
        lo = start if k == 0 else (start + min(starts[k - 1] + inner, length)) // 2
        hi = end if k == len(starts) - 1 else (starts[k + 1] + end) // 2
        bounds.append((lo, hi))
    return bounds


# --- a sentence with two marked entities, for the stance head -------------------------------------

# entity markers as ordinary tokens (typed-marker style: "@ first @", "# second #"), so their embeddings
# are trained ones even when the embeddings are frozen
FIRST_MARK, SECOND_MARK = "@", "#"
STANCE_LIMIT = 192  # wordpieces; longer sentences lose context at their far ends, never the entities


def _ids(tokenizer, text: str) -> list[int]:
    return tokenizer.encode(text, add_special_tokens=False).ids if text.strip() else []


def stance_input(tokenizer, text: str, first: tuple[int, int], second: tuple[int, int]) -> tuple[list[int], int, int]:
    """``[CLS] before @ first @ between # second # after [SEP]`` as wordpiece ids, with the
    positions of the two opening markers (the stance head reads the states there)."""
    first_mark, second_mark = tokenizer.token_to_id(FIRST_MARK), tokenizer.token_to_id(SECOND_MARK)
    before = _ids(tokenizer, text[: first[0]])
    second_ids = _ids(tokenizer, text[second[0] : second[1]])
    middle = [first_mark, *_ids(tokenizer, text[first[0] : first[1]]), first_mark,
              *_ids(tokenizer, text[first[1] : second[0]])]
    second_at_middle = len(middle)
    middle += [second_mark, *second_ids, second_mark]
    after = _ids(tokenizer, text[second[1] :])
    spare = max(STANCE_LIMIT - 2 - len(middle), 0)
    keep_before = min(len(before), max(spare // 2, spare - len(after)))
    keep_after = min(len(after), spare - keep_before)
    before = before[len(before) - keep_before :]
    ids = [CLS, *before, *middle[: STANCE_LIMIT - 2], *after[:keep_after], SEP]
    first_at = 1 + len(before)
    second_at = min(first_at + second_at_middle, len(ids) - 2)
    return ids, first_at, second_at
