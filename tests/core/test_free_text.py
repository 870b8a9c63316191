"""Participant text: refused with a reason, or kept in one normal form; word-cloud grouping."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fphkiosk.core.free_text import (
    TextProblem,
    TextRejected,
    clean_open_answer,
    clean_question,
    clean_word_entries,
    split_word_entries,
    word_key,
)
from fphkiosk.core.i18n import load_translator
from fphkiosk.paths import assets_dir


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", TextProblem.EMPTY),
        ("   \n\t ", TextProblem.EMPTY),
        ("\u200b\u200b", TextProblem.EMPTY),
        ("x" * 281, TextProblem.TOO_LONG),
        ("Bonjour\x00", TextProblem.CONTROL_CHARACTERS),
        ("Bonjour\x1b[31m", TextProblem.CONTROL_CHARACTERS),
        ("Bonjour\x7f", TextProblem.CONTROL_CHARACTERS),
        ("abc\u202edcba", TextProblem.BIDI_CONTROLS),
        ("abc\u2066x\u2069", TextProblem.BIDI_CONTROLS),
        ("\u200fBonjour", TextProblem.BIDI_CONTROLS),
        ("<b>Bonjour</b>", TextProblem.MARKUP),
        ("<script>alert(1)</script>", TextProblem.MARKUP),
        ("<img src=x onerror=alert(1)>", TextProblem.MARKUP),
        ("Bonjour &amp; merci", TextProblem.MARKUP),
        ("<!-- caché -->", TextProblem.MARKUP),
        ("😀" * 17, TextProblem.TOO_MANY_SYMBOLS),
        ("🇫🇷" * 17, TextProblem.TOO_MANY_SYMBOLS),
        ("★☆♥" * 6, TextProblem.TOO_MANY_SYMBOLS),
        ("😀" * 2000, TextProblem.TOO_LONG),
        ("Z\u0301\u0302\u0303algo", TextProblem.TOO_MANY_SYMBOLS),
        ("\ue000 privé", TextProblem.CONTROL_CHARACTERS),
    ],
)
def test_refused_texts_say_why(raw: str, problem: TextProblem) -> None:
    with pytest.raises(TextRejected) as caught:
        clean_question(raw)
    assert caught.value.problem is problem
    assert caught.value.key == f"free_text.rejected.{problem.value}"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Quelle   est la\n\nrègle ?  ", "Quelle est la règle ?"),
        ("Cafe\u0301 ?", "Café ?"),
        ("a < b et c > d", "a < b et c > d"),
        ("Merci 👍🏽 !", "Merci 👍🏽 !"),
        ("Bra\u00advo\u200b", "Bravo"),
        ("x" * 280, "x" * 280),
        ("👨‍👩‍👧 famille", "👨‍👩‍👧 famille"),
        ("👨‍👩‍👧" * 16, "👨‍👩‍👧" * 16),
        ("🇫🇷" * 16, "🇫🇷" * 16),
        ("👍🏽" * 16, "👍🏽" * 16),
        ("Trop bien \U0001fae8", "Trop bien \U0001fae8"),
    ],
)
def test_accepted_texts_are_normalised(raw: str, expected: str) -> None:
    assert clean_open_answer(raw) == expected


def test_every_refusal_has_a_french_and_an_english_message() -> None:
    french = load_translator(assets_dir() / "i18n", "fr")
    english = load_translator(assets_dir() / "i18n", "en")
    for problem in TextProblem:
        key = f"free_text.rejected.{problem.value}"
        params = {"length": 300, "maximum": 3, "count": 4}
        assert french.has(key)
        assert "{" not in french(key, **params)
        assert english(key, **params) != french(key, **params)


def test_word_entries_one_to_three() -> None:
    assert split_word_entries("Stress, travail d’équipe ;  écoute") == (
        "Stress",
        "travail d’équipe",
        "écoute",
    )
    assert clean_word_entries(["confiance", "", " "]) == ("confiance",)
    with pytest.raises(TextRejected) as caught:
        split_word_entries("un, deux, trois, quatre")
    assert caught.value.problem is TextProblem.TOO_MANY_WORDS
    with pytest.raises(TextRejected) as caught:
        split_word_entries("ceci est une phrase entière")
    assert caught.value.problem is TextProblem.WORD_TOO_LONG
    with pytest.raises(TextRejected) as caught:
        split_word_entries(" , ; ")
    assert caught.value.problem is TextProblem.EMPTY


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Écoute", "ecoute"),
        ("soins", "Soin"),
        ("hôpitaux", "Hôpital"),
        ("bureaux", "bureau"),
        ("jeux", "JEU"),
        ("genoux", "genou"),
        ("patients", "patient"),
        ("Travail d’équipe", "travail d'equipe"),
        ("  stress. ", "Stress"),
        ("réseaux sociaux", "Réseau social"),
    ],
)
def test_word_key_groups_case_accents_and_plurals(a: str, b: str) -> None:
    assert word_key(a) == word_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("stress", "stres"), ("patient", "patience"), ("soin", "sein"), ("mot", "mots-clés")],
)
def test_word_key_keeps_different_words_apart(a: str, b: str) -> None:
    assert word_key(a) != word_key(b)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_refused_with_a_reason_or_kept_in_normal_form(raw: str) -> None:
    try:
        text = clean_question(raw)
    except TextRejected as refusal:
        assert refusal.problem in TextProblem
        return
    assert 0 < len(text) <= 280
    assert text == text.strip()
    assert "  " not in text
    assert unicodedata.is_normalized("NFC", text)
    assert clean_question(text) == text


_FRENCH_LETTERS = "abcdefghijklmnopqrstuvwyzàâäçéèêëîïôöùûüÿ' -"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_FRENCH_LETTERS, min_size=1, max_size=30))
def test_word_key_ignores_case_and_unicode_form(word: str) -> None:
    key = word_key(word)
    assert word_key(word.upper()) == key
    assert word_key(unicodedata.normalize("NFD", word)) == key
    assert word_key(word.replace("'", "’")) == key
    assert key == key.lower()
