"""Byte input: BOMs, declared charsets, detection, newlines, binary data."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, strategies as st

from tui.inputs import NotText, decode

TEXT = "Renée said: “Déjà vu.”\nIt was 5 €."


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
])
def test_a_byte_order_mark_names_the_encoding_and_is_dropped(encoding, bom):
    assert decode(bom + TEXT.encode(encoding)) == TEXT


def test_a_declared_charset_is_used():
    assert decode(TEXT.encode("cp1252"), charset="windows-1252") == TEXT


def test_a_page_declares_its_charset_in_a_meta_tag():
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{TEXT}</p></body></html>'
    assert TEXT in decode(page.encode("cp1252"), sniff_markup=True)


def test_iso_8859_1_is_read_as_windows_1252_as_browsers_do():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>“quoted”</p>'
    assert "“quoted”" in decode(page.encode("cp1252"), sniff_markup=True)


def test_the_header_charset_wins_over_an_unknown_label():
    assert decode("café".encode("utf-8"), charset="no-such-charset") == "café"


def test_undeclared_non_utf8_text_is_detected():
    text = ("Le maire a déclaré que la décision était irrévocable et que les cafés fermeraient à minuit. "
            "Les propriétaires ont répondu qu'ils n'étaient pas d'accord.")
    assert decode(text.encode("latin-1")) == text


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x00\x01\x02PK\x03\x04", b"\x89PNG\r\n\x1a\n" + bytes(200)])
def test_binary_data_is_refused(data):
    with pytest.raises(NotText):
        decode(data)


def test_control_characters_in_bulk_are_binary_even_when_they_decode():
    with pytest.raises(NotText, match="control"):
        decode(bytes(range(1, 32)) * 50)


@pytest.mark.parametrize("raw, expected", [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\r\n\r\nb\r", "a\n\nb\n")])
def test_newlines_are_normalised(raw, expected):
    assert decode(raw.encode()) == expected
    assert decode(codecs.BOM_UTF16_LE + raw.encode("utf-16-le")) == expected


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_text_with_a_bom_comes_back_exactly(text):
    for encoding, bom in (("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)):
        assert decode(bom + text.encode(encoding)) == text
