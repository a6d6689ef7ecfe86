"""Entities: the gazetteer's look-ups, mentions in parsed sentences, within-article merging."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.entities import (
    Gazetteer,
    canonicalize_names,
    load_gazetteer,
    mentions_from_doc,
    mentions_from_docs,
    parse_gazetteer,
    read_aliases,
)
from toolkit.schema import MENTION_COLUMNS


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def resolve(nlp, text: str, gazetteer: Gazetteer | None = None) -> list[tuple[str, str]]:
    """Parse ``text`` and return its mentions as (text, entity), checking every offset."""
    doc = nlp(text)
    mentions = mentions_from_doc(doc, gazetteer=gazetteer)
    for mention in mentions:
        assert doc.text[mention.start : mention.end] == mention.text
    return [(mention.text, mention.entity) for mention in mentions]


# ---------------------------------------------------------------- the gazetteer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pyongyang", "North Korea"),
        ("DPRK", "North Korea"),
        ("the North", "North Korea"),
        ("North Korean", "North Korea"),
        ("North Koreans", "North Korea"),
        ("Democratic People’s Republic of Korea", "North Korea"),
        ("Washington", "United States"),
        ("the US", "United States"),
        ("U.S.", "United States"),
        ("America", "United States"),
        ("Americans", "United States"),
        ("the Kremlin", "Russia"),
        ("The Kremlin’s", "Russia"),
        ("“Moscow,”", "Russia"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Jerusalem", "Israel"),
        ("Chinese", "China"),
        ("Britain", "United Kingdom"),
        ("reuters", "Reuters"),
        ("wall street journal", "Wall Street Journal"),
        ("financial Times", "Financial Times"),
        ("radio free asia", "Radio Free Asia"),
        ("NIS", "National Intelligence Service"),
        ("the Israeli military", "Israel Defense Forces"),
        ("ISIS", "Islamic State"),
        ("Putin", "Vladimir Putin"),
        ("MOSCOW", "Russia"),
        ("Western powers", "the West"),
        ("the West Bank", "West Bank"),
    ],
)
def test_canonical_finds_aliases(gazetteer, text, expected):
    assert gazetteer.canonical(text) == expected


@pytest.mark.parametrize(
    "text", ["us", "the north", "South Korea’s military", "Korea", "Kim", "times", ""]
)
def test_canonical_is_none_for_unknown_or_wrong_case(gazetteer, text):
    assert gazetteer.canonical(text) is None


@pytest.mark.parametrize(
    ("entity", "entity_type", "affiliation"),
    [
        ("North Korea", "country", None),
        ("Reuters", "media", None),
        ("KCNA", "media", "North Korea"),
        ("NIS", "government", "South Korea"),
        ("Pentagon", "government", "United States"),
        ("Hamas", "group", None),
        ("NATO", "organisation", None),
        ("Kim Jong Un", "person", "North Korea"),
        ("Blinken", "person", "United States"),
        ("Gaza", "location", None),
        ("Atlantis", None, None),
    ],
)
def test_entity_type_and_affiliation(gazetteer, entity, entity_type, affiliation):
    assert gazetteer.entity_type(entity) == entity_type
    assert gazetteer.affiliation(entity) == affiliation


def test_aliases_of_includes_the_canonical_name_and_plurals(gazetteer):
    forms = gazetteer.aliases_of("Pyongyang")
    assert {"North Korea", "DPRK", "Pyongyang", "the North", "North Koreans"} <= forms
    assert gazetteer.aliases_of("Atlantis") == set()


def test_every_alias_names_its_own_entity(gazetteer):
    clashes = {
        (form, entry.name, gazetteer.canonical(form))
        for entry in gazetteer.entries.values()
        for form in entry.surface_forms()
        if gazetteer.canonical(form) != entry.name
    }
    assert clashes == set()


def test_gazetteer_covers_the_countries_of_international_news(gazetteer):
    countries = {name for name, e in gazetteer.entries.items() if e.type == "country"}
    g20_and_p5 = {
        "Argentina", "Australia", "Brazil", "Canada", "China", "France", "Germany", "India",
        "Indonesia", "Italy", "Japan", "Mexico", "Russia", "Saudi Arabia", "South Africa",
        "South Korea", "Turkey", "United Kingdom", "United States",
    }  # fmt: skip
    assert g20_and_p5 | {"North Korea", "Iran", "Israel", "Ukraine", "Estonia"} <= countries
    assert len(countries) >= 80


def test_phrase_patterns_hold_curly_apostrophes_and_case_free_forms(gazetteer):
    patterns = gazetteer.phrase_patterns()
    assert "Democratic People’s Republic of Korea" in patterns["ORTH"]
    assert "wall street journal" in patterns["LOWER"]
    assert "us" not in patterns["ORTH"]


def test_load_gazetteer_is_cached():
    assert load_gazetteer() is load_gazetteer()


# ---------------------------------------------------------------- mentions in sentences


def test_north_korea_under_its_names(nlp):
    text = (
        "Pyongyang fired a missile on Monday. The DPRK said the launch was a test, "
        "and the North vowed more. North Korean state media praised it."
    )
    assert resolve(nlp, text) == [
        ("Pyongyang", "North Korea"),
        ("The DPRK", "North Korea"),
        ("the North", "North Korea"),
        ("North Korean", "North Korea"),
    ]


def test_the_north_alone_is_not_north_korea(nlp):
    assert resolve(nlp, "During the American Civil War, the North won.") == [
        ("the American Civil War", "American Civil War")
    ]


def test_united_states_under_its_names(nlp):
    text = "Washington warned that the US would act. A U.S. official said America was ready."
    assert resolve(nlp, text) == [
        ("Washington", "United States"),
        ("the US", "United States"),
        ("U.S.", "United States"),
        ("America", "United States"),
    ]


def test_kremlin_and_moscow_are_russia(nlp):
    assert resolve(nlp, "The Kremlin said Moscow would respond.") == [
        ("The Kremlin", "Russia"),
        ("Moscow", "Russia"),
    ]


def test_lower_case_outlet_is_media(nlp):
    doc = nlp("The claim was reported by reuters on Tuesday.")
    [mention] = mentions_from_doc(doc)
    assert (mention.text, mention.entity, mention.entity_type) == ("reuters", "Reuters", "media")
    assert (mention.start, mention.end) == (26, 33)


def test_possessive_is_trimmed_from_the_mention(nlp):
    doc = nlp("South Korea’s military said so.")
    [mention] = mentions_from_doc(doc)
    assert (mention.text, mention.start, mention.end, mention.entity) == (
        "South Korea",
        0,
        11,
        "South Korea",
    )


def test_surname_merges_with_full_name_in_the_article(nlp):
    text = (
        "Michael O’Hanlon, a senior fellow at the Brookings Institution, was sceptical. "
        "O’Hanlon said the threat was small."
    )
    doc = nlp(text)
    mentions = mentions_from_doc(doc)
    assert [(m.text, m.entity, m.entity_type, m.sent) for m in mentions] == [
        ("Michael O’Hanlon", "Michael O’Hanlon", "person", 0),
        ("the Brookings Institution", "Brookings Institution", "organisation", 0),
        ("O’Hanlon", "Michael O’Hanlon", "person", 1),
    ]


def test_gazetteer_surname_and_korean_family_name(nlp):
    text = (
        "US Secretary of State Antony Blinken arrived in Seoul. Blinken said Kim Jong Un "
        "was dangerous. Kim did not reply."
    )
    assert resolve(nlp, text) == [
        ("US", "United States"),
        ("Antony Blinken", "Antony Blinken"),
        ("Seoul", "South Korea"),
        ("Blinken", "Antony Blinken"),
        ("Kim Jong Un", "Kim Jong Un"),
        ("Kim", "Kim Jong Un"),
    ]


def test_acronym_merges_with_its_expansion(nlp):
    text = (
        "Researchers at the Korea Institute for National Unification (KINU) published a "
        "report. KINU said the sanctions were working."
    )
    entity = "Korea Institute for National Unification"
    assert resolve(nlp, text) == [
        ("the Korea Institute for National Unification", entity),
        ("KINU", entity),
        ("KINU", entity),
    ]


def test_defined_acronym_beats_the_gazetteer(nlp):
    text = "Officials in Andhra Pradesh (AP) said so. AP will vote in May."
    entities = {entity for _, entity in resolve(nlp, text)}
    assert "Associated Press" not in entities
    assert "Andhra Pradesh" in entities


def test_mentions_from_docs_table(nlp):
    docs = [nlp("Moscow denied it."), nlp("Nothing here."), nlp("Hamas and Hezbollah met.")]
    table = mentions_from_docs(docs, ["a", "b", "c"])
    assert list(table.columns) == MENTION_COLUMNS
    assert table[["doc_id", "text", "entity", "entity_type"]].values.tolist() == [
        ["a", "Moscow", "Russia", "country"],
        ["c", "Hamas", "Hamas", "group"],
        ["c", "Hezbollah", "Hezbollah", "group"],
    ]
    assert table["start"].dtype == "int64"


def test_the_header_tag_is_no_mention_but_names_the_story_s_surname(nlp):
    doc = nlp(" date 2023-11-12 Kim Jong Un.\nKim met Putin in Vladivostok.\n")
    mentions = mentions_from_doc(doc)
    assert [(m.text, m.entity) for m in mentions][:2] == [
        ("Kim", "Kim Jong Un"),
        ("Putin", "Vladimir Putin"),
    ]
    assert all(m.start > doc.text.index("\n") for m in mentions)


def test_mentions_from_docs_empty_has_columns():
    table = mentions_from_docs([], [])
    assert list(table.columns) == MENTION_COLUMNS
    assert len(table) == 0


def test_mentions_from_docs_needs_one_id_per_doc(nlp):
    with pytest.raises(ValueError):
        mentions_from_docs([nlp("Moscow.")], ["a", "b"])


def test_extract_mentions_keeps_article_ids(nlp):
    from toolkit.pipeline import extract_mentions

    articles = pd.DataFrame({"doc_id": ["x1"], "text": ["Seoul and Tokyo agreed."]})
    table = extract_mentions(articles, nlp=nlp)
    assert table[["doc_id", "entity"]].values.tolist() == [
        ["x1", "South Korea"],
        ["x1", "Japan"],
    ]


# ---------------------------------------------------------------- person names


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Antony Blinken", "Blinken"], ["Antony Blinken", "Antony Blinken"]),
        (["Kim Jong Un", "Kim’s"], ["Kim Jong Un", "Kim Jong Un"]),
        (["Patrick M. Cronin", "Patrick Cronin"], ["Patrick M. Cronin", "Patrick M. Cronin"]),
        (["Kim Jong-un", "Kim Jong Un", "Kim Jong Un"], ["Kim Jong Un"] * 3),
        (["President Putin", "Putin"], ["Putin", "Putin"]),
        (["Richard Lloyd Parry", "Lloyd"], ["Richard Lloyd Parry", "Lloyd"]),
        (["Davis", "Park"], ["Davis", "Park"]),
        (["Blinken", "Antony Blinken"], ["Antony Blinken", "Antony Blinken"]),  # a surname
        (["Hillary Clinton", "Crooked Hillary Clinton"], ["Hillary Clinton"] * 2),  # an epithet
        (["Gov Mary Fallin", "Mary Fallin"], ["Mary Fallin"] * 2),  # a title with no period
        (  # a given name in front: the longest full name
            ["Huckabee Sanders", "Sarah Huckabee Sanders"],
            ["Sarah Huckabee Sanders"] * 2,
        ),
        (  # a double surname
            ["Guajardo Villarreal", "Ildefonso Guajardo Villarreal"],
            ["Ildefonso Guajardo Villarreal"] * 2,
        ),
    ],
)
def test_canonicalize_names(names, expected):
    mapping = canonicalize_names(names)
    assert [mapping[name] for name in names] == expected


def test_canonicalize_names_prefers_the_most_mentioned_then_preferred():
    names = ["Kim Jong-nam", "Kim Jong Un", "Kim", "Kim Jong-nam"]
    assert canonicalize_names(names)["Kim"] == "Kim Jong-nam"
    tie = ["Kim Jong-nam", "Kim Jong Un", "Kim"]
    assert canonicalize_names(tie)["Kim"] == "Kim Jong-nam"
    assert canonicalize_names(tie, prefer=["Kim Jong Un"])["Kim"] == "Kim Jong Un"


# ---------------------------------------------------------------- extra aliases and errors


def test_extra_aliases_from_tsv(tmp_path, nlp):
    path = tmp_path / "aliases.tsv"
    path.write_text(
        "alias\tcanonical\ttype\n"
        "# analysts' additions\n"
        "hermit kingdom\tDPRK\n"
        "Spot Shot\tSpot Shot\tmedia\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(extra_aliases=path)
    assert gazetteer.canonical("the Hermit Kingdom") == "North Korea"
    assert gazetteer.entity_type("Spot Shot") == "media"
    assert load_gazetteer().canonical("hermit kingdom") is None
    text = "The Hermit Kingdom spoke to Spot Shot."
    assert resolve(nlp, text, gazetteer) == [
        ("Hermit Kingdom", "North Korea"),
        ("Spot Shot", "Spot Shot"),
    ]


def test_extra_aliases_from_yaml_override(tmp_path):
    path = tmp_path / "aliases.yml"
    path.write_text("Washington: Washington State\nthe Blue House: South Korea\n", encoding="utf-8")
    gazetteer = load_gazetteer(extra_aliases=path)
    assert gazetteer.canonical("Washington") == "Washington State"
    assert "Washington" not in gazetteer.aliases_of("United States")
    assert gazetteer.canonical("US") == "United States"


def test_extra_aliases_csv_rows():
    assert read_aliases({"IS": "Islamic State"}) == [("IS", "Islamic State", None)]


def test_malformed_alias_file_names_the_problem(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("Hermit Kingdom\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[E008\].*row 1"):
        load_gazetteer(extra_aliases=path)


def test_unknown_entity_type_is_refused():
    with pytest.raises(ValueError, match=r"\[E005\].*'Hamas'"):
        parse_gazetteer({"entities": [{"name": "Hamas", "type": "militia"}]})


def test_misspelt_field_is_refused():
    data = {"entities": [{"name": "Hamas", "type": "group", "alias": ["HAMAS"]}]}
    with pytest.raises(ValueError, match=r"\[E008\].*'alias'"):
        parse_gazetteer(data)


# ---------------------------------------------------------------- the sample article


@pytest.fixture(scope="module")
def sample_mentions(nlp, sample_path) -> pd.DataFrame:
    text = sample_path.read_text(encoding="utf-8")
    return mentions_from_docs([nlp(text)], [sample_path.stem])


def test_sample_north_korea_is_most_mentioned(sample_mentions):
    counts = sample_mentions["entity"].value_counts()
    assert counts.index[0] == "North Korea"
    assert {"Hamas", "Russia", "United States", "Kim Jong Un"} <= set(counts.index)


def test_sample_offsets_are_exact(sample_mentions, sample_path):
    text = sample_path.read_text(encoding="utf-8")
    spans = [
        text[s:e] for s, e in zip(sample_mentions["start"], sample_mentions["end"], strict=True)
    ]
    assert spans == sample_mentions["text"].tolist()


@pytest.mark.parametrize(
    ("surface", "entity", "entity_type"),
    [
        ("the North", "North Korea", "country"),
        ("DPRK", "North Korea", "country"),
        ("the Israeli military", "Israel Defense Forces", "government"),
        ("radio free asia", "Radio Free Asia", "media"),
        ("RFA", "Radio Free Asia", "media"),
        ("financial Times", "Financial Times", "media"),
        ("reuters", "Reuters", "media"),
        ("wall street journal", "Wall Street Journal", "media"),
        ("The Times", "The Times", "media"),
        ("The National Intelligence Service", "National Intelligence Service", "government"),
        ("Kim", "Kim Jong Un", "person"),
        ("Blinken", "Antony Blinken", "person"),
        ("Davis", "Christian Davis", "person"),
        ("Putin", "Vladimir Putin", "person"),
        ("Palestinians", "Palestine", "country"),
    ],
)
def test_sample_mentions_resolve(sample_mentions, surface, entity, entity_type):
    rows = sample_mentions[sample_mentions["text"] == surface]
    assert len(rows) > 0
    assert set(zip(rows["entity"], rows["entity_type"], strict=True)) == {(entity, entity_type)}


def test_sample_drops_ner_noise(sample_mentions):
    assert not {"COVID", "supreme", "State"} & set(sample_mentions["text"])


def test_given_names_say_a_gender_and_analysts_can_add_their_own(tmp_path, monkeypatch):
    from toolkit.entities.names import given_name_gender

    assert given_name_gender("Elizabeth Warren") == "f"
    assert given_name_gender("John Stumpf") == "m"
    assert given_name_gender("Kim Jong Un") is None  # surname first
    assert given_name_gender("Jordan Peterson") is None  # a name used for both
    (tmp_path / "given_names.yml").write_text("female: [Jordan]\nmale: []\n", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_DATA_DIR", str(tmp_path))
    assert given_name_gender("Jordan Smith") == "f"


def test_a_given_names_file_that_is_no_list_names_itself(tmp_path, monkeypatch):
    from toolkit.entities.names import given_name_gender

    (tmp_path / "given_names.yml").write_text("female: Anna\n", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_DATA_DIR", str(tmp_path))
    with pytest.raises(ValueError, match=r"given_names\.yml"):
        given_name_gender("Anna Smith")


def test_a_data_folder_without_a_file_falls_back_to_the_repositorys(tmp_path, monkeypatch):
    from toolkit.entities.names import given_name_gender

    (tmp_path / "cues.yml").write_text("verbs: {}\n", encoding="utf-8")  # an older copy
    monkeypatch.setenv("TOOLKIT_DATA_DIR", str(tmp_path))
    assert given_name_gender("Elizabeth Warren") == "f"


def test_a_surname_that_is_also_a_title_keeps_its_person(nlp):
    from toolkit.pipeline import extract_mentions

    articles = pd.DataFrame(
        {"doc_id": ["k"], "text": ["Hun Sen met Xi Jinping in Beijing on Monday."]}
    )
    assert "Hun Sen" in extract_mentions(articles, nlp=nlp)["entity"].tolist()
