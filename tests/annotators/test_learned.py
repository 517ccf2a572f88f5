from __future__ import annotations

from annotators.attribution import crf
from annotators.attribution import tagger as learned
from annotators.doc import Doc
from annotators.model import Span
from annotators.pipeline import annotate, run


def doc_of(text: str) -> Doc:
    return run(text, until="sentences")


def words_and_labels(text: str, labels: list[str]) -> tuple[learned.Passage, list[str]]:
    (passage,) = learned.passages(doc_of(text))
    assert len(passage.tokens) == len(labels), [t.text(text) for t in passage.tokens]
    return passage, labels


def test_units_are_paragraphs_with_sentence_numbers():
    doc = doc_of("He came. She left.\n\nA new day.")
    first, second = learned.passages(doc)
    assert first.sentence_of == (0, 0, 0, 1, 1, 1) and second.sentence_of == (0, 0, 0, 0)


def test_word_features_mark_cue_words_and_shape():
    assert crf.word_features("Said") == ("w=said", "sh=Xx", "s3=aid", "p2=sa", "cue")
    assert crf.word_features("NATO")[:2] == ("w=nato", "sh=X")
    assert "cue" not in crf.word_features("alliance")


def test_quote_state_follows_curly_and_straight_marks():
    assert crf._quote_states(["“", "a", "”", "b", '"', "c", '"']) == [
        "open", "in", "close", "out", "open", "in", "close"
    ]


def test_features_see_quotes_cues_and_neighbours():
    text = '“We will win,” Smith said.'
    (passage,) = learned.passages(doc_of(text))
    rows = crf.features(text, passage)
    words = [t.text(text) for t in passage.tokens]
    we = rows[words.index("We")]
    assert "q=in" in we and "caw=said" in we and '-1sh=p"' in we
    smith = rows[words.index("Smith")]
    assert "q=out" in smith and "aq=1" in smith and "1cue" in smith and "-1w=\"" in smith and "sh=Xx" in smith


def test_features_carry_the_rule_stages_roles():
    text = "Smith said it rained."
    (passage,) = learned.passages(doc_of(text))
    rows = crf.features(text, passage, ["source", "cue", "content", "content", None])
    assert "r=source" in rows[0] and "rb=content" in rows[2] and "rb=content" not in rows[3]
    assert not any(f.startswith("r=") for f in rows[4])


def test_bio_labels_let_cues_and_sources_override_contents():
    text = "Smith said it rained."
    passage, _ = words_and_labels(text, ["", "", "", "", ""])
    roles = [("CONTENT", 0, Span(0, 20)), ("SRC", 0, Span(0, 5)), ("CUE", 0, Span(6, 10))]
    assert learned.bio_labels(passage, roles) == ["B-SRC", "B-CUE", "B-CONTENT", "I-CONTENT", "O"]


def test_segments_split_on_b_and_on_role_change():
    labels = ["B-CONTENT", "I-CONTENT", "B-CONTENT", "I-CUE", "O", "I-SRC"]
    assert learned.segments(labels) == [
        learned.Segment("CONTENT", 0, 1), learned.Segment("CONTENT", 2, 2),
        learned.Segment("CUE", 3, 3), learned.Segment("SRC", 5, 5),
    ]


def test_decode_links_content_to_its_cue_and_source():
    text = "Smith said the talks failed."
    passage, labels = words_and_labels(text, ["B-SRC", "B-CUE", "B-CONTENT", "I-CONTENT", "I-CONTENT", "O"])
    (statement,) = learned.decode(text, passage, labels)
    assert statement.content == (Span(11, 27),) and statement.kind == "indirect"
    assert statement.cue.text(text) == "said" and statement.source.text(text) == "Smith"


def test_decode_joins_a_quote_split_by_its_attribution():
    text = '"We won," she said, "and we will win again."'
    (passage,) = learned.passages(doc_of(text))
    words = [t.text(text) for t in passage.tokens]
    labels = ["B-CONTENT"] + ["I-CONTENT"] * (words.index("she") - 1) + ["B-SRC", "B-CUE", "O"]
    labels += ["B-CONTENT"] + ["I-CONTENT"] * (len(words) - len(labels) - 1)
    (statement,) = learned.decode(text, passage, labels)
    assert [p.text(text) for p in statement.content] == ['"We won,"', '"and we will win again."']
    assert statement.kind == "direct" and statement.source.text(text) == "she"


def test_decode_keeps_contents_of_different_cues_apart():
    text = "Smith said taxes rose and Jones argued spending fell."
    labels = ["B-SRC", "B-CUE", "B-CONTENT", "I-CONTENT", "O", "B-SRC", "B-CUE", "B-CONTENT", "I-CONTENT", "O"]
    passage, labels = words_and_labels(text, labels)
    first, second = learned.decode(text, passage, labels)
    assert (first.source.text(text), second.source.text(text)) == ("Smith", "Jones")
    assert second.content[0].text(text) == "spending fell"


def test_combine_keeps_rule_statements_and_adds_only_new_contents():
    from annotators.model import Statement

    rule = Statement("r", "direct", (Span(0, 10),))
    overlapping = Statement("t", "direct", (Span(5, 15),))
    fresh = Statement("t", "indirect", (Span(20, 30),))
    assert learned.combine([rule], [overlapping, fresh]) == (rule, fresh)


def test_the_shipped_model_finds_a_statement_in_a_plain_sentence():
    text = 'The senator said on Tuesday that the bill would pass easily.'
    (statement,) = annotate(text).statements
    assert statement.source.text(text) == "The senator" or statement.source.text(text) == "senator"
    assert statement.cue.text(text) == "said"
    assert "the bill would pass easily" in statement.content[0].text(text)


def test_training_on_a_tiny_brat_split_gives_a_model_that_tags_cues(tmp_path):
    import pycrfsuite

    from annotators.train import main as train
    from tests.annotators.test_evaluate import ANN_A, TEXT_A, write_split

    split = write_split(tmp_path / "split", {f"a{i}": (TEXT_A, {"x": ANN_A}) for i in range(3)})
    out = tmp_path / "model.crfsuite"
    assert train([str(split), "--out", str(out), "--iterations", "30", "--c1", "0"]) == 0
    model = pycrfsuite.Tagger()
    model.open(str(out))
    doc = doc_of(TEXT_A)
    (passage,) = learned.passages(doc)
    statements = learned.decode(TEXT_A, passage, model.tag(crf.features(TEXT_A, passage)))
    assert any(s.cue and s.cue.text(TEXT_A) == "said" for s in statements)


def test_training_can_drop_paragraphs_without_attributions():
    from annotators.brat import GoldArticle, parse_ann
    from annotators.train import training_sequences
    from tests.annotators.test_evaluate import ANN_A, TEXT_A

    article = GoldArticle("a", TEXT_A + "The weather was fine all week.\n", parse_ann(ANN_A))
    all_kept = [labels for _, labels in training_sequences([article])]
    assert len(all_kept) == 2 and all(label == "O" for label in all_kept[1])
    assert [labels for _, labels in training_sequences([article], keep_empty=0.0)] == all_kept[:1]


def test_an_over_long_paragraph_is_tagged_in_pieces_of_whole_sentences():
    sentence = "Smith said the plan failed. "
    doc = doc_of(sentence * (2 * learned.MAX_PASSAGE_TOKENS // 6))
    pieces = learned.passages(doc)
    assert len(pieces) > 1 and all(len(u.tokens) <= learned.MAX_PASSAGE_TOKENS for u in pieces)
    assert all(u.sentence_of[0] == 0 and u.sentence_of[-1] * 6 + 6 == len(u.tokens) for u in pieces)


def test_a_sentence_longer_than_a_piece_is_cut():
    doc = doc_of("word " * (learned.MAX_PASSAGE_TOKENS + 10))
    assert [len(u.tokens) for u in learned.passages(doc)] == [learned.MAX_PASSAGE_TOKENS, 10]


def test_decode_takes_which_for_no_source_and_the_clause_verb_for_no_cue():
    text = "Smith's remarks, which came during an answer about how he would win, drew fire."
    (passage,) = learned.passages(doc_of(text))
    words = [t.text(text) for t in passage.tokens]
    labels = ["B-CONTENT", "I-CONTENT", "I-CONTENT", "O", "B-SRC", "B-CUE", "I-CUE", "I-CUE", "I-CUE", "I-CUE"]
    labels += ["B-CONTENT"] + ["I-CONTENT"] * (words.index(",", 5) - len(labels) - 1)
    labels += ["O"] * (len(words) - len(labels))
    (statement,) = learned.decode(text, passage, labels)
    assert statement.source is None and statement.cue.text(text) == "an answer about"
    assert [p.text(text) for p in statement.content] == ["how he would win"]
