"""The accurate model's run time: windows that cover whole articles, stance inputs that keep both
entities, a clear one-line refusal when it cannot run, and no crash on any text."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotators.encoder import runtime, windows
from tests.conftest import REPO


@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=0, max_value=60))
def test_windows_cover_every_wordpiece_once(length, overlap):
    starts = windows.window_starts(length, overlap=overlap)
    owned = windows.owned(starts, length)
    covered = [i for lo, hi in owned for i in range(lo, hi)]
    assert covered == list(range(length))
    for start, (lo, hi) in zip(starts, owned):
        assert start <= lo and hi <= start + windows.WINDOW - 2  # a window only answers for what it saw


class Letters:
    """A stand-in tokenizer: one wordpiece per character of every word (an article of n letters has n)."""

    class _Encoding:
        def __init__(self, text: str):
            spans = [(m.start() + k, m.start() + k + 1) for m in windows.WORD.finditer(text) for k in range(len(m.group()))]
            self.offsets = spans
            self.ids = [1000 + ord(text[a]) % 1000 for a, _ in spans]

    def encode(self, text: str, add_special_tokens: bool = True):
        return self._Encoding(text)

    def token_to_id(self, token: str) -> int:
        return {"@": 1030, "#": 1001}[token]


def test_a_wordpiece_belongs_to_the_word_it_starts_in():
    found = windows.pieces("Blinken said: “no.”", Letters())
    assert [found.words[w] for w in found.word_of][:8] == [found.words[0]] * 7 + [found.words[1]]
    assert found.first_pieces()[:3] == [0, 7, 11]


@given(st.text(max_size=400), st.data())
def test_stance_input_keeps_both_entities_whatever_the_sentence(text, data):
    text = text + "Obama" + "x " * data.draw(st.integers(0, 300)) + "Putin" + text
    first = (len(text) - len(text.lstrip()) and 0, 0)
    first = (text.index("Obama"), text.index("Obama") + 5)
    second = (text.index("Putin", first[1]), text.index("Putin", first[1]) + 5)
    ids, first_at, second_at = windows.stance_input(Letters(), text, first, second)
    assert len(ids) <= windows.STANCE_LIMIT
    assert ids[0] == windows.CLS and ids[-1] == windows.SEP
    assert ids[first_at] == 1030 and 0 < first_at < second_at < len(ids) - 1


def test_importing_annotators_loads_no_run_time_package():
    code = "import sys, annotators, annotators.encoder.tagging; print(sorted({'onnxruntime', 'tokenizers'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _refusal(models) -> str:
    with pytest.raises(runtime.EncoderUnavailable) as caught:
        runtime.load(models)
    message = str(caught.value)
    assert "\n" not in message and message.endswith("use --model fast")
    assert "Traceback" not in message
    return message


def test_missing_weights_are_one_line_naming_the_fallback(tmp_path):
    assert "missing" in _refusal(tmp_path)


def test_damaged_weights_are_one_line_naming_the_fallback(tmp_path):
    shipped = runtime.models_dir() if _shipped_weights() else TINY
    weights = bytearray((shipped / runtime.MODEL_FILE).read_bytes())
    weights[len(weights) // 2] ^= 0xFF
    (tmp_path / runtime.MODEL_FILE).write_bytes(bytes(weights))
    for name in (runtime.TOKENIZER_FILE, runtime.HASH_FILE):
        (tmp_path / name).write_bytes((shipped / name).read_bytes())
    assert "damaged" in _refusal(tmp_path)
    (tmp_path / runtime.MODEL_FILE).write_bytes(b"not a model")
    (tmp_path / runtime.HASH_FILE).write_text(__import__("hashlib").sha256(b"not a model").hexdigest())
    assert "unreadable" in _refusal(tmp_path)


def test_a_missing_run_time_package_is_one_line_naming_the_fallback(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails as if it were not installed
    assert "onnxruntime is not installed" in _refusal(tmp_path)


TINY = REPO / "tests" / "fixtures" / "tiny-encoder"  # python -m annotators.encoder.export --tiny: untrained, small


def _shipped_weights() -> bool:
    return (runtime.models_dir() / runtime.MODEL_FILE).is_file()


@pytest.fixture(scope="module", autouse=True)
def an_encoder():
    """The shipped encoder where it is installed, else the tests' small untrained one, so the run
    time's code paths are exercised either way (tests of what a trained model finds ask for the
    shipped one)."""
    pytest.importorskip("onnxruntime")
    if _shipped_weights():
        yield
        return
    patch = pytest.MonkeyPatch()
    loaded = runtime.load(TINY)
    patch.setattr(runtime, "_loaded", lambda: loaded)
    yield
    patch.undo()


def _shipped():
    """Only the encoder of the package: what a trained model finds."""
    if not _shipped_weights():
        pytest.skip("the shipped encoder weights are not installed")


# Words, quote marks, paragraph breaks and odd characters, long enough to need several windows.
PIECES = st.sampled_from(["said", "“", "”", '"', "Blinken", "\n\n", "\x00", "\u200b", "日本", "é", "...", " "])
LONG_TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), min_size=0, max_size=900).map(" ".join),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LONG_TEXTS)
def test_any_text_is_tagged_without_crashing(text):
    words, tags = runtime.word_tags(text)
    assert len(words) == len(tags)
    assert all(0 <= w.start < w.end <= len(text) for w in words)
    assert set(tags) <= set(windows.TAGS)


def test_a_text_longer_than_many_windows_is_tagged_to_its_end():
    _shipped()  # a trained model tags the last sentence's quote
    sentence = "“We will defend every inch,” Blinken said on Friday. "
    words, tags = runtime.word_tags(sentence * 120)
    assert len(words) == len(windows.words(sentence * 120))
    assert any(tag != "O" for tag in tags[-12:])  # the last sentence is read too, not cut off


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120), st.integers(0, 120), st.integers(0, 120))
def test_any_pair_gets_stance_probabilities(text, a, b):
    text = "Obama " + text + " Putin"
    probabilities = runtime.classify(text, (0, 5), (len(text) - 5, len(text)))
    assert set(probabilities) == set(runtime.STANCE_LABELS)
    assert abs(sum(probabilities.values()) - 1) < 1e-4


def test_the_model_is_named_in_the_annotation():
    from annotators.pipeline import annotate

    assert annotate("“We are ready,” the minister said.").meta.model.startswith("fast/")
    accurate = annotate("“We are ready,” the minister said.", model="accurate")
    assert accurate.meta.model == f"accurate/{runtime.VERSION}"
    _shipped()  # what a trained model finds
    assert accurate.statements and accurate.statements[0].source.text(accurate.text) == "the minister"


def test_the_accurate_model_swaps_the_tagger_and_the_stance_scorer_only():
    from annotators.encoder import accurate
    from annotators.pipeline import STAGES

    swapped = accurate.stages(STAGES)
    assert [s.name for s in swapped] == [s.name for s in STAGES]
    assert [s is t for s, t in zip(swapped, STAGES)].count(False) == 2


@pytest.mark.parametrize("how", ["encoder", "rules+encoder", "encoder+rules", "fast+encoder", "rules+mixed"])
def test_every_combination_gives_statements_inside_the_text(how):
    from annotators.encoder import tagging
    from annotators.pipeline import STAGES, annotate

    text = "“We will defend every inch,” Blinken said on Friday. Critics said the plan would fail.\n" * 3
    annotation = annotate(text, tagging.stages_for(how, STAGES))
    assert annotation.statements or how in ("encoder", "encoder+rules") and not _shipped_weights()
    for statement in annotation.statements:
        assert all(0 <= piece.start < piece.end <= len(text) for piece in statement.content)


def test_viterbi_never_starts_a_run_inside():
    numpy = pytest.importorskip("numpy")
    inside_content = [windows.TAGS.index("I-CONTENT")]
    scores = numpy.full((3, len(windows.TAGS)), -5.0)
    scores[:, inside_content] = 0.0  # the model wants I-CONTENT everywhere
    path = [windows.TAGS[k] for k in runtime.viterbi(numpy, scores)]
    assert path[0] == "B-CONTENT" and path[1:] == ["I-CONTENT", "I-CONTENT"]


def test_on_the_seed_the_accurate_model_finds_the_fast_models_statements(seed_text):
    _shipped()  # the seed's statement expectations (test_seed_statements) are the rules'; both models keep them
    from annotators.pipeline import annotate

    def said(annotation):
        return {(s.content, s.source, s.actor) for s in annotation.statements}

    assert said(annotate(seed_text, model="accurate")) >= said(annotate(seed_text))


def test_viterbi_never_splits_a_run_of_one_role():
    # a per-word tagger may want B-CONTENT halfway through a long content ("... the deal, B-that it ...");
    # two contents never touch without a word between, so the path keeps one run
    numpy = pytest.importorskip("numpy")
    scores = numpy.full((4, len(windows.TAGS)), -5.0)
    for word, tag in enumerate(["B-CONTENT", "I-CONTENT", "B-CONTENT", "I-CONTENT"]):
        scores[word, windows.TAGS.index(tag)] = 0.0
    scores[2, windows.TAGS.index("I-CONTENT")] = -1.0  # the second best for the third word
    path = [windows.TAGS[k] for k in runtime.viterbi(numpy, scores)]
    assert path == ["B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT"]


def test_a_cue_after_a_content_still_starts_its_own_run():
    numpy = pytest.importorskip("numpy")
    scores = numpy.full((3, len(windows.TAGS)), -5.0)
    for word, tag in enumerate(["B-CONTENT", "B-CUE", "B-SRC"]):
        scores[word, windows.TAGS.index(tag)] = 0.0
    assert [windows.TAGS[k] for k in runtime.viterbi(numpy, scores)] == ["B-CONTENT", "B-CUE", "B-SRC"]
