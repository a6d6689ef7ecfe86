"""Tests for toolkit.tagging: topics, targets, stance and term suggestions."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit.tagging import (
    load_stance_lexicon,
    load_taxonomy,
    main_topics,
    resolve_target,
    stance,
    suggest_terms,
    tag_topics,
)

SEED_TARGETS = {"stance_macro_f1": 0.70, "topic_f1": 0.75}


@pytest.fixture(scope="module")
def gazetteer():
    from toolkit.entities import load_gazetteer

    return load_gazetteer()


def claims_frame(*rows: dict) -> pd.DataFrame:
    """A claims table from short rows; doc_id and tag default to one Kim Jong Un article."""
    return pd.DataFrame(
        [{"doc_id": "d1", "tag": "Kim Jong Un", "cue": "said", **row} for row in rows]
    )


# --------------------------------------------------------------------------- lexicons


def test_shipped_taxonomy_has_the_guideline_topics_in_order():
    from toolkit.schema import TOPIC_IDS

    assert tuple(load_taxonomy()) == TOPIC_IDS


def test_shipped_stance_lexicon_has_the_cue_classes():
    cues = load_stance_lexicon()["cues"]
    assert {"deny", "condemn", "accuse", "warn", "confirm", "praise", "support", "threaten"} <= set(
        cues
    )


@pytest.mark.parametrize(
    ("taxonomy", "reason"),
    [
        ({"ports": {"words": ["harbour"]}}, "unknown keys"),
        (["ports", "harbours"], "got a list"),
        ({"ports": {"patterns": "port"}}, "list of token patterns"),
        ({"ports": {"patterns": [[{"FOO": "port"}]]}}, "FOO"),
    ],
)
def test_malformed_taxonomy_raises(taxonomy, reason):
    with pytest.raises(ValueError, match=rf"E008.*{reason}"):
        load_taxonomy(taxonomy)


# --------------------------------------------------------------------------- topics


@pytest.mark.parametrize(
    ("quote", "topics"),
    [
        ("Pyongyang has sold anti-tank rocket launchers to Hamas", ["arms_trade", "israel_gaza"]),
        ("The regime could attack Seoul at any moment", ["military_threat"]),
        ("The North conducted its sixth nuclear test", ["nuclear_missile"]),
        ("The two leaders pledged closer military cooperation at the summit", ["alliances"]),
        ("The UN Security Council tightened sanctions on the country", ["sanctions"]),
        ("Hackers stole $600 million in cryptocurrency", ["cyber"]),
        ("Humanitarian aid is not reaching Gaza", ["israel_gaza"]),
        ("Moscow has lost thousands of troops in the war", ["russia_ukraine"]),
        ("The economy grew by two percent last year", []),
        # arming as a verb; the force of ground troops or a no-fly zone; Russian units
        ("Washington is closer to arming the rebels", ["arms_trade"]),
        ("The senator wants a no-fly zone over the country", ["military_threat"]),
        ("Foreign soldiers must not enter the country", ["military_threat"]),
        ("Inmates from Russian jails were recruited for the front", ["russia_ukraine"]),
        ("The two presidents will hold talks next month", ["alliances"]),
        ("The new embassy opens in the capital", ["alliances"]),
        ("Three hostages were freed from a labour camp", []),  # hostages alone: no war named
        # Israel in its conflict is israel_gaza; in its elections it is not
        ("Israeli settlers have blocked the peace talks", ["israel_gaza"]),
        ("The Israeli president thanked the voters after the election", []),
        # a heart attack is no military attack; drills held together are cooperation
        ("His father died of a heart attack in 2011", []),
        ("The three navies will hold joint naval drills next week", ["alliances"]),
        ("Both sides accuse the other of trying to militarize the region", ["military_threat"]),
        # meddling in an election is cyber; interference in a city's affairs is not
        ("Russia was interfering in the 2016 election", ["cyber"]),
        ("Beijing warned against foreign interference in Hong Kong", []),
        ("Courts must not interfere with the vote count in Georgia", []),
    ],
)
def test_tag_topics_finds_each_topic(nlp, quote, topics):
    assert tag_topics(pd.DataFrame({"quote": [quote]}), nlp=nlp)["topics"].tolist() == [topics]


def test_tag_topics_is_multi_label_in_taxonomy_order(nlp):
    claims = pd.DataFrame(
        {"quote": ["Russia fired North Korean missiles at Kyiv, breaking sanctions"]}
    )
    topics = tag_topics(claims, nlp=nlp)["topics"][0]
    assert topics == ["nuclear_missile", "sanctions", "russia_ukraine"]


def test_nuclear_weapons_are_not_arms_trade(nlp):
    claims = pd.DataFrame({"quote": ["North Korea has dozens of nuclear weapons"]})
    assert tag_topics(claims, nlp=nlp)["topics"][0] == ["nuclear_missile"]


def test_tag_topics_returns_a_copy(nlp):
    claims = pd.DataFrame({"quote": ["sanctions"]})
    tagged = tag_topics(claims, nlp=nlp)
    assert "topics" not in claims.columns
    assert tagged is not claims


def test_tag_topics_falls_back_to_the_sentence(nlp):
    claims = pd.DataFrame(
        {
            "quote": ["the allegations", "sanctions will stay"],
            "sentence": ["Pyongyang denied the allegations of arms deals.", "Talks failed."],
        }
    )
    assert tag_topics(claims, nlp=nlp)["topics"].tolist() == [[], ["sanctions"]]
    fallback = tag_topics(claims, nlp=nlp, context="fallback")["topics"].tolist()
    assert fallback == [["arms_trade"], ["sanctions"]]


def test_tag_topics_rejects_an_unknown_context(nlp):
    with pytest.raises(ValueError, match="E005"):
        tag_topics(pd.DataFrame({"quote": ["x"]}), nlp=nlp, context="paragraph")


def test_tag_topics_reads_a_custom_taxonomy_file(nlp, tmp_path):
    path = tmp_path / "climate.yml"
    path.write_text(
        "emissions:\n"
        "  description: Greenhouse gases.\n"
        "  lemmas: [emission, carbon]\n"
        "  phrases: [greenhouse gases]\n"
        "warming:\n"
        "  lemmas: [heatwave]\n"
        "  phrases: [global warming]\n"
        "  together: [[[arctic, glacier], [melt, thaw]]]\n",
        encoding="utf-8",
    )
    claims = pd.DataFrame(
        {
            "quote": [
                "Global warming is driven by greenhouse gases",
                "Arctic glaciers are melting",
                "The glacier is large",
            ]
        }
    )
    tagged = tag_topics(claims, taxonomy=path, nlp=nlp)
    assert tagged["topics"].tolist() == [["emissions", "warming"], ["warming"], []]


TEST_REPORT = (  # an article mostly about one topic, the last sentence naming none
    "The North fired a ballistic missile on Monday. The missile flew 600 km. "
    "Tokyo said the missile test broke UN resolutions. Analysts expect a nuclear test. "
    "Seoul held talks with Tokyo. It proved the weapon works, the North said."
)


def test_main_topics_needs_a_clear_lead(nlp):
    mixed = (
        "The North fired a missile. Hackers stole crypto. The missile test failed. "
        "The hacking group stole more. A nuclear test may follow. Hackers were charged."
    )
    docs = {"one": nlp(TEST_REPORT), "mixed": nlp(mixed), "short": nlp("A missile test.")}
    assert main_topics(docs, nlp=nlp) == {"one": ["nuclear_missile"], "mixed": [], "short": []}


def test_main_topics_leaves_out_the_header_line(nlp):
    text = " date 2024-03-01 Israel.\n\nGaza was quiet. Talks went on. Rafah is calm. It rained."
    assert main_topics({"a": nlp(text)}, nlp=nlp) == {"a": []}  # two body sentences, not three


def test_tag_topics_adds_the_main_topic_of_the_article(nlp):
    quote = "It proved the weapon works"
    start = TEST_REPORT.index(quote)
    claims = pd.DataFrame(
        {
            "doc_id": ["r1", "r1"],
            "start": [start, 0],
            "end": [start + len(quote), 13],
            "quote": [quote, "The North fired"],
            "sentence": ["It proved the weapon works, the North said.", "x"],
        }
    )
    docs = {"r1": nlp(TEST_REPORT)}
    with_article = tag_topics(claims, nlp=nlp, docs=docs)["topics"].tolist()
    assert with_article == [["arms_trade", "nuclear_missile"], ["nuclear_missile"]]
    assert tag_topics(claims, nlp=nlp, docs=docs, main_topic=False)["topics"].tolist() == [
        ["arms_trade"],
        [],
    ]
    assert tag_topics(claims, nlp=nlp)["topics"].tolist() == [["arms_trade"], []]  # no docs


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("tag", "target"),
    [
        ("Kim Jong Un", "Kim Jong Un"),
        ("Russia", "Russia"),
        ("Pyongyang.", "North Korea"),
        ("the Mideast", "Middle East"),  # a place tag is the article's subject too
    ],
)
def test_resolve_target_maps_a_known_tag_to_its_entity(gazetteer, tag, target):
    assert resolve_target(tag, gazetteer=gazetteer) == target


def test_resolve_target_falls_back_to_the_most_mentioned_actor(gazetteer):
    mentions = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "a", "a", "b", "b", "b"],
            "entity": ["Gaza", "Gaza", "Gaza", "Hamas", "Israel", "Iran", "Iran", "Israel"],
            "entity_type": ["location"] * 3 + ["group", "country"] + ["country"] * 3,
        }
    )
    # Hamas and Israel tie in "a"; the one mentioned first wins. Gaza is no actor.
    assert (
        resolve_target("Terrorism", mentions=mentions, gazetteer=gazetteer, doc_id="a") == "Hamas"
    )
    assert resolve_target("Terrorism", mentions=mentions, gazetteer=gazetteer, doc_id="b") == "Iran"
    assert resolve_target("National Security", gazetteer=gazetteer) is None


# --------------------------------------------------------------------------- stance


@pytest.mark.parametrize(
    ("row", "expected", "evidence"),
    [
        (  # a denial by the target's government defends it
            {"speaker": "North Korea", "cue": "denied", "quote": "the allegations"},
            "support",
            "target's side",
        ),
        (  # a condemnation of the target
            {
                "speaker": "Antony Blinken",
                "cue": "condemned",
                "quote": "North Korea's provocative actions",
            },
            "oppose",
            "condemn",
        ),
        (  # a warning is about the target only when it names it
            {"speaker": "Park Jin", "cue": "warned", "quote": "the talks could still collapse"},
            "neutral",
            "hedge 'could'",
        ),
        (
            {"speaker": "Park Jin", "cue": "warned", "quote": "Pyongyang could test again"},
            "oppose",
            "cue 'warned' (warn)",
        ),
        (  # a condemnation needs no name: what it condemns is its object
            {"speaker": "Park Jin", "cue": "condemned", "quote": "the launch"},
            "oppose",
            "cue 'condemned' (condemn)",
        ),
        (  # acts under a doubt are not reported as done
            {
                "speaker": "experts",
                "cue": "doubt",
                "quote": "the North can fit a warhead on a missile",
            },
            "neutral",
            "not asserted: cue 'doubt'",
        ),
        (  # an attitude adjective judges its object, not its subject
            {"speaker": "Park Jin", "quote": "Seoul must stay wary of Pyongyang's offers"},
            "oppose",
            "negative 'wary'",
        ),
        (
            {"speaker": "Antony Blinken", "quote": "Pyongyang is wary of Washington's plans"},
            "neutral",
            "no evaluative cue",
        ),
        (
            {"speaker": "Sergei Lavrov", "quote": "Moscow is grateful to Pyongyang"},
            "support",
            "positive 'grateful'",
        ),
        (  # words for harsh treatment, about no one else named
            {"speaker": "a former inmate", "quote": "Conditions in the camps were harsh"},
            "oppose",
            "negative 'harsh'",
        ),
        (  # acting against the target: the speaker's camp, or no one named, does it
            {"speaker": "Joe Biden", "quote": "We must deter Pyongyang"},
            "oppose",
            "negative 'deter'",
        ),
        (
            {"speaker": "Lloyd Austin", "quote": "a plan to counter Pyongyang's cyber theft"},
            "oppose",
            "negative 'counter'",
        ),
        (  # a hard line toward the target, or being tough on it
            {"speaker": "Joe Biden", "quote": "we have taken a hard line toward Pyongyang"},
            "oppose",
            "negative 'hard line' about the target",
        ),
        (
            {"speaker": "Joe Biden", "quote": "We will be tough on the regime"},
            "oppose",
            "negative 'tough' about the target",
        ),
        (  # force threatened at the target; a conditional cancels acts, not threats
            {"speaker": "Lloyd Austin", "quote": "If they attack, we will strike the regime hard"},
            "oppose",
            "negative 'strike' about the target",
        ),
        (  # a passive is done to its subject
            {"speaker": "Lloyd Austin", "quote": "North Korean sites would be hit very hard"},
            "oppose",
            "negative 'hit' about the target",
        ),
        (  # ... but another actor's pressure on it is reported, not the speaker's
            {"speaker": "Jake Sullivan", "quote": "Seoul's pressure on Pyongyang is easing"},
            "neutral",
            "no evaluative cue",
        ),
        (  # non-committal wording
            {
                "speaker": "Park Jin",
                "quote": "We are closely following the situation in the Middle East",
            },
            "neutral",
            "closely following",
        ),
        (  # an evaluative word about the target's side
            {
                "speaker": "Antony Blinken",
                "quote": "military cooperation between Kim and Putin is dangerous",
            },
            "oppose",
            "dangerous",
        ),
        (  # a negated act is no report of wrongdoing
            {
                "speaker": "experts",
                "quote": "it is highly unlikely for North Korea to attack the United States",
            },
            "neutral",
            "negated",
        ),
        (  # wrongdoing reported of the target's side
            {
                "speaker": "National Intelligence Service",
                "cue": "told",
                "quote": "Pyongyang has sent more than a million artillery shells to Russia",
            },
            "oppose",
            "shells",
        ),
        (  # siding with the target
            {
                "speaker": "Ali Baraka",
                "quote": "North Korea will intervene because it is part of our alliance",
            },
            "support",
            "our alliance",
        ),
        (  # criticism of another actor is no stance toward the target
            {"speaker": "Joe Biden", "quote": "Hamas's attacks on Israel were barbaric"},
            "neutral",
            "no evaluative cue",
        ),
        (  # countering something: the thing countered is not the subject's
            {
                "speaker": "Kim Kwan-jin",
                "quote": "South Korea will strongly deal with any provocations",
            },
            "oppose",
            "provocations",
        ),
        (  # "the North" is the target's side; a hypothetical act is no report
            {"speaker": "Kim Kwan-jin", "quote": "If the North fires a missile, we will respond"},
            "neutral",
            "negated by 'If'",
        ),
        (  # a label names its own noun phrase, not the subject that acts on it
            {
                "speaker": "Antony Blinken",
                "quote": "Pyongyang supplies rockets to the terrorist group",
            },
            "oppose",
            "reported act 'rockets'",
        ),
        (  # ... or the subject it is predicated of
            {"speaker": "Antony Blinken", "quote": "Pyongyang is a terrorist regime"},
            "oppose",
            "negative 'terrorist'",
        ),
        (  # the target's side argues in the first person or asks: it supports it
            {"speaker": "KCNA", "quote": "Why should anyone trust such talks?"},
            "support",
            "target's side",
        ),
        (  # ... or says what should be
            {"speaker": "KCNA", "quote": "The talks must go on"},
            "support",
            "target's side",
        ),
        (  # ... or names another actor (the West)
            {"speaker": "KCNA", "quote": "Western powers staged the whole crisis"},
            "support",
            "target's side",
        ),
        (  # ... but a report with none of these takes no side
            {"speaker": "KCNA", "quote": "The storm reached the coast at noon"},
            "neutral",
            "takes no side",
        ),
        (  # ... nor does one that names only the target's side, or a pronoun
            {"speaker": "KCNA", "quote": "Kim inspected a new factory on Monday with his aides"},
            "neutral",
            "takes no side",
        ),
        (  # an outlet of the target's side supports it
            {"speaker": "KCNA", "quote": "the United States is plotting a war against the country"},
            "support",
            "target's side",
        ),
    ],
)
def test_stance_rules(nlp, gazetteer, row, expected, evidence):
    tagged = stance(claims_frame(row), gazetteer=gazetteer, nlp=nlp)
    assert tagged.loc[0, "stance"] == expected
    assert tagged.loc[0, "target"] == "Kim Jong Un"
    assert evidence in tagged.loc[0, "stance_evidence"]


def test_stance_generalises_to_other_targets(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "the Kremlin", "cue": "rejected", "quote": "the accusations of war crimes"},
        {"speaker": "Volodymyr Zelensky", "quote": "Russia's invasion is a brutal crime"},
        {"speaker": "Israeli military", "quote": "Hamas used North Korean weapons"},
        {"speaker": "North Korea expert Victor Cha", "quote": "Moscow praised the new pact"},
        {"speaker": "Sergei Lavrov", "quote": "NATO has led aggressive operations for decades"},
        {"speaker": "Antony Blinken", "quote": "NATO has led aggressive operations for decades"},
        {"speaker": "Rishi Sunak", "cue": "agreed", "quote": "to expel 20 Russian diplomats"},
        {"speaker": "Rishi Sunak", "quote": "Moscow was hit by Ukrainian drones"},
    )
    tagged = stance(claims, target="Russia", gazetteer=gazetteer, nlp=nlp)
    expected = [
        "support",
        "oppose",
        "neutral",
        "neutral",
        "support",
        "neutral",
        "oppose",
        "neutral",
    ]
    assert tagged["stance"].tolist() == expected
    assert set(tagged["target"]) == {"Russia"}


def test_support_for_the_target_and_orders_from_its_side(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "Jane Roe", "quote": "there is strong bipartisan support for Israel"},
        {"speaker": "Jane Roe", "quote": "Iran's support for Hamas is growing"},
        {"speaker": "Israeli military", "quote": "Stay out of politics"},
        {"speaker": "Israeli military", "quote": "The storm reached the coast at noon"},
    )
    for target, expected in [
        ("Israel", ["support", "neutral", "support", "neutral"]),
        ("Hamas", ["neutral", "neutral", "neutral", "neutral"]),
    ]:
        tagged = stance(claims, target=target, gazetteer=gazetteer, nlp=nlp)
        assert tagged["stance"].tolist() == expected, target


def test_he_in_reported_speech_is_the_speakers_own_camp(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "Rishi Sunak", "kind": "indirect", "quote": "he would expel 20 Russian spies"},
        {"speaker": "Rishi Sunak", "kind": "direct", "quote": "he would expel 20 Russian spies"},
    )
    tagged = stance(claims, target="Russia", gazetteer=gazetteer, nlp=nlp)
    assert tagged["stance"].tolist() == ["oppose", "neutral"]  # quoted, "he" is someone else


def test_negating_a_verb_of_delay_asserts_its_object(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "Jane Roe", "quote": "the world cannot delay a response to Pyongyang's tests"},
        {"speaker": "John Doe", "quote": "the world will not respond to Pyongyang's tests"},
    )
    tagged = stance(claims, gazetteer=gazetteer, nlp=nlp)
    assert tagged["stance"].tolist() == ["oppose", "neutral"]
    assert "negated by 'not'" in tagged.loc[1, "stance_evidence"]


def test_a_target_of_ones_own_that_an_article_never_names_takes_no_stance(nlp, gazetteer):
    claims = claims_frame(
        {"doc_id": "gaza", "speaker": "Jane Roe", "quote": "the strikes are a grave threat"},
        {"doc_id": "gaza", "speaker": "John Doe", "quote": "the siege is brutal"},
        {"doc_id": "kyiv", "speaker": "Ann Lee", "quote": "the shelling is a grave threat"},
        {"doc_id": "kyiv", "speaker": "Ann Lee", "quote": "Moscow must be stopped"},
    )
    for target in ("Russia", "russia"):
        tagged = stance(claims, target=target, gazetteer=gazetteer, nlp=nlp)
        assert tagged["stance"].tolist() == ["neutral", "neutral", "oppose", "oppose"]
        assert "no claim of the article names the target" in tagged.loc[0, "stance_evidence"]
    rows = pd.DataFrame({"quote": ["The regime is a grave threat.", "Moscow lies"]})
    tagged = stance(rows, target="Russia", gazetteer=gazetteer, nlp=nlp)  # no doc_id: a row
    assert tagged["stance"].tolist() == ["neutral", "oppose"]  # is an article of its own


def test_stance_and_topics_refuse_what_they_cannot_read(nlp, gazetteer):
    claims = claims_frame({"speaker": "Jane Roe", "quote": "Moscow lies"})
    with pytest.raises(TypeError, match=r"E005.*target.*list"):
        stance(claims, target=["Russia", "China"], gazetteer=gazetteer, nlp=nlp)
    with pytest.raises(ValueError, match=r"E011.*stance.*'quote'"):
        stance(claims.drop(columns="quote"), gazetteer=gazetteer, nlp=nlp)
    with pytest.raises(ValueError, match=r"E011.*tag_topics.*'quote'"):
        tag_topics(claims.drop(columns="quote"), nlp=nlp)


def test_nothing_short_of_asserts_what_follows(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "Jane Roe", "quote": "Russia's attacks were nothing short of genocide"},
        {"speaker": "Ann Lee", "quote": "Russia's attacks were not far short of genocide"},
        {"speaker": "John Doe", "quote": "Russia's attacks were not genocide"},
    )
    tagged = stance(claims, target="Russia", gazetteer=gazetteer, nlp=nlp)
    assert tagged["stance"].tolist() == ["oppose", "oppose", "neutral"]


def test_the_speakers_own_camp_by_name_is_its_we(nlp, gazetteer):
    claims = claims_frame(
        {
            "speaker": "Volodymyr Zelensky",
            "speaker_role": "Ukrainian President",
            "quote": "Ukraine must win the battle against Russia",
        },
        {  # the same words from a speaker the gazetteer cannot place: Ukraine's own battle
            "speaker": "Jane Roe",
            "quote": "Ukraine must win the battle against Russia",
        },
    )
    tagged = stance(claims, target="Russia", gazetteer=gazetteer, nlp=nlp)
    assert tagged["stance"].tolist() == ["oppose", "neutral"]
    assert "negative 'battle' about the target" in tagged.loc[0, "stance_evidence"]


@pytest.mark.parametrize(
    ("speaker", "quote", "expected", "evidence"),
    [  # accusations of the target's conduct
        ("Antony Blinken", "Russia has interfered in the election", "oppose", "'interfered'"),
        (
            "Donald Trump",
            "We were taken advantage of by the Russians",
            "oppose",
            "'taken advantage",
        ),
        # positive relational language about it
        ("Donald Trump", "Putin is a terrific leader", "support", "positive 'terrific'"),
        (
            "David Simas",
            "We congratulate the Russian people on the vote",
            "support",
            "'congratulate'",
        ),
        ("David Simas", "A deal would be good for Russia", "support", "positive 'good'"),
        ("David Simas", "A deal would be good for Ukraine", "neutral", "no evaluative cue"),
    ],
)
def test_accusations_and_praise_of_the_target(nlp, gazetteer, speaker, quote, expected, evidence):
    claims = claims_frame({"speaker": speaker, "quote": quote})
    tagged = stance(claims, "Russia", gazetteer=gazetteer, nlp=nlp)
    assert tagged.loc[0, "stance"] == expected
    assert evidence in tagged.loc[0, "stance_evidence"]


def test_a_place_is_judged_only_by_words_about_it(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "Joe Biden", "quote": "This is a dangerous escalation"},
        {"speaker": "Antony Blinken", "cue": "condemned", "quote": "the attacks"},
        {"speaker": "Lloyd Austin", "quote": "The Middle East is dangerous"},
        {"doc_id": "d1", "speaker": "Tehran", "quote": "it was not involved"},  # names Iran
    )
    region = stance(claims, "Middle East", gazetteer=gazetteer, nlp=nlp).head(3)
    actor = stance(claims, "Iran", gazetteer=gazetteer, nlp=nlp).head(3)
    assert region["stance"].tolist() == ["neutral", "neutral", "oppose"]
    assert actor["stance"].tolist() == ["oppose", "oppose", "neutral"]


def test_a_speaker_keeps_its_side_for_reported_acts(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "Ali Baraka", "quote": "North Korea could attack the US over the war in Gaza"},
        {
            "speaker": "Ali Baraka",
            "quote": "The day may come when North Korea will intervene, it is part of our alliance",
        },
        {"speaker": "Antony Blinken", "quote": "North Korea could attack the US"},
    )
    tagged = stance(claims, gazetteer=gazetteer, nlp=nlp)
    assert tagged["stance"].tolist() == ["support", "support", "oppose"]
    assert "other claims support" in tagged.loc[0, "stance_evidence"]


def test_a_role_said_once_places_all_the_speakers_claims(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "Ivan Petrov", "speaker_role": "Russian lawmaker", "quote": "We are ready"},
        {"speaker": "Ivan Petrov", "quote": "Our missiles can reach London"},
        {"doc_id": "d2", "speaker": "Ivan Petrov", "quote": "Our missiles can reach London"},
    )
    tagged = stance(claims, target="Russia", gazetteer=gazetteer, nlp=nlp)
    assert tagged["stance"].tolist() == ["support", "support", "neutral"]
    assert tagged.loc[1, "stance_evidence"] == "speaker 'Ivan Petrov' is on the target's side"


def test_a_pronoun_stands_for_the_target_its_article_names_most(nlp, gazetteer):
    claims = claims_frame(
        {"speaker": "Antony Blinken", "quote": "they will launch a missile soon"},
        {"speaker": "Lloyd Austin", "quote": "Seoul says they will launch a missile soon"},
        {"speaker": "Jake Sullivan", "quote": "he is reckless"},  # else some other person
    )
    about_the_north = pd.DataFrame(
        {
            "doc_id": ["d1"] * 4,
            "entity": ["North Korea", "Kim Jong Un", "Japan", "North Korea"],
            "entity_type": ["country", "person", "country", "country"],
        }
    )
    about_japan = about_the_north.assign(entity=["Japan", "Japan", "Japan", "North Korea"])
    read = {
        name: stance(claims, gazetteer=gazetteer, nlp=nlp, mentions=mentions)
        for name, mentions in (("north", about_the_north), ("japan", about_japan), ("none", None))
    }
    assert read["north"]["stance"].tolist() == ["oppose", "neutral", "oppose"]  # after Seoul: Seoul
    assert read["north"].loc[0, "stance_evidence"] == (
        "reported act 'launch', 'missile' by the target's side"
    )
    assert read["japan"]["stance"].tolist() == ["neutral", "neutral", "neutral"]
    assert read["none"]["stance"].tolist() == ["neutral", "neutral", "neutral"]


def test_a_pronoun_in_reported_speech_stands_for_its_speaker(nlp, gazetteer):
    quote = "its nuclear program is peaceful"
    claims = claims_frame(
        {"speaker": "Iran", "cue": "says", "kind": "indirect", "quote": quote},
        {"speaker": "analysts", "cue": "say", "kind": "indirect", "quote": quote},
    )
    mentions = pd.DataFrame(
        {"doc_id": ["d1"] * 2, "entity": ["North Korea"] * 2, "entity_type": ["country"] * 2}
    )
    tagged = stance(claims, gazetteer=gazetteer, nlp=nlp, mentions=mentions)
    assert tagged["stance"].tolist() == ["neutral", "oppose"]  # no one placed: the North


def test_a_named_speaker_who_takes_a_side_twice_makes_a_case(nlp, gazetteer):
    case = ["North Korea is reckless", "Pyongyang's provocations are dangerous"]
    plain = "It is time to plan a response"
    claims = claims_frame(
        *({"speaker": "Victor Cha", "quote": q} for q in [*case, plain]),
        {"speaker": "Victor Cha", "quote": "We are closely following the situation"},
        *({"speaker": "Sue Terry", "quote": q} for q in [case[0], plain]),  # one side, once
        *({"speaker": "analysts", "quote": q} for q in [*case, plain]),  # a description
    )
    tagged = stance(claims, gazetteer=gazetteer, nlp=nlp)
    assert tagged["stance"].tolist() == [
        *("oppose", "oppose", "oppose", "neutral"),
        *("oppose", "neutral"),
        *("oppose", "oppose", "neutral"),
    ]
    assert tagged.loc[2, "stance_evidence"] == (
        "no evaluative cue about the target, but the speaker's other claims oppose the target"
    )


def test_the_targets_side_reporting_takes_no_side_whatever_its_case(nlp, gazetteer):
    quotes = ["Western powers staged the crisis", "The talks must go on", "The storm came at noon"]
    claims = claims_frame(*({"speaker": "KCNA", "quote": q} for q in quotes))
    tagged = stance(claims, gazetteer=gazetteer, nlp=nlp)
    assert tagged["stance"].tolist() == ["support", "support", "neutral"]
    assert tagged.loc[2, "stance_evidence"].endswith("but the claim takes no side")


def test_stance_takes_the_target_column_then_the_tag(nlp, gazetteer):
    claims = claims_frame({"quote": "a", "target": "Israel"}, {"quote": "b", "target": None})
    assert stance(claims, gazetteer=gazetteer, nlp=nlp)["target"].tolist() == [
        "Israel",
        "Kim Jong Un",
    ]


def test_stance_takes_a_target_per_article(nlp, gazetteer):
    claims = claims_frame(
        {"doc_id": "a1", "speaker": "Antony Blinken", "quote": "Moscow's brutal war"},
        {"doc_id": "a2", "speaker": "Antony Blinken", "quote": "Moscow's brutal war"},
    )
    tagged = stance(claims, {"a1": "Russia"}, gazetteer=gazetteer, nlp=nlp)
    assert tagged["target"].tolist() == ["Russia", "Kim Jong Un"]
    assert tagged["stance"].tolist() == ["oppose", "neutral"]


def test_stance_without_a_target_is_neutral(nlp, gazetteer):
    claims = claims_frame({"quote": "North Korea is dangerous", "tag": "Terrorism"})
    tagged = stance(claims, gazetteer=gazetteer, nlp=nlp)
    assert tagged.loc[0, ["stance", "target", "stance_evidence"]].tolist() == [
        "neutral",
        None,
        "no target",
    ]


def test_stance_does_not_mutate_its_input(nlp, gazetteer):
    claims = claims_frame({"quote": "North Korea is dangerous"})
    before = claims.copy()
    stance(claims, gazetteer=gazetteer, nlp=nlp)
    pd.testing.assert_frame_equal(claims, before)


# --------------------------------------------------------------------------- parsed articles

SENTENCES = [
    "Antony Blinken condemned North Korea's missile launches and provocations on Monday.",
    '"We are closely following the situation in the Middle East," Park Jin said.',
    "North Korea denied the allegations of arms deals, KCNA reported.",
    "Pyongyang has sent more than a million artillery shells to Russia, "
    "the National Intelligence Service told lawmakers.",
]
ARTICLE = " ".join(SENTENCES[:2]) + "\n\n" + " ".join(SENTENCES[2:])
ARTICLE_CLAIMS = [  # speaker, cue, quote, its sentence
    ("Antony Blinken", "condemned", "North Korea's missile launches and provocations", 0),
    ("Park Jin", "said", "We are closely following the situation in the Middle East", 1),
    ("North Korea", "denied", "the allegations", 2),
    ("NIS", "told", "Pyongyang has sent more than a million artillery shells to Russia", 3),
]


def article_claims() -> pd.DataFrame:
    """The hand-made article's claims, with the offsets and sentences the pipeline gives."""
    rows = []
    for speaker, cue, quote, sent in ARTICLE_CLAIMS:
        start = ARTICLE.index(quote)
        rows.append(
            {
                "doc_id": "d1",
                "tag": "Kim Jong Un",
                "speaker": speaker,
                "cue": cue,
                "start": start,
                "end": start + len(quote),
                "quote": quote,
                "sentence": SENTENCES[sent],
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("context", ["quote", "sentence", "fallback"])
def test_tag_topics_with_docs_equals_parsing_again(nlp, context):
    claims = article_claims()
    parsed = tag_topics(claims, nlp=nlp, context=context)
    with_docs = tag_topics(claims, nlp=nlp, context=context, docs={"d1": nlp(ARTICLE)})
    assert with_docs["topics"].tolist() == parsed["topics"].tolist()
    assert any(parsed["topics"])


def test_stance_with_docs_equals_parsing_again(nlp, gazetteer):
    claims = article_claims()
    parsed = stance(claims, gazetteer=gazetteer, nlp=nlp)
    with_docs = stance(claims, gazetteer=gazetteer, nlp=nlp, docs={"d1": nlp(ARTICLE)})
    pd.testing.assert_frame_equal(with_docs, parsed)
    assert parsed["stance"].tolist() == ["oppose", "neutral", "support", "oppose"]


def test_docs_whose_text_misses_the_quote_are_not_used(nlp, gazetteer):
    claims = article_claims()
    other = {"d1": nlp(ARTICLE.replace("North Korea", "South Korea"))}
    assert tag_topics(claims, nlp=nlp, docs=other).equals(tag_topics(claims, nlp=nlp))
    pd.testing.assert_frame_equal(
        stance(claims, gazetteer=gazetteer, nlp=nlp, docs=other),
        stance(claims, gazetteer=gazetteer, nlp=nlp),
    )


# --------------------------------------------------------------------------- terms


def test_suggest_terms_ranks_a_planted_term_first(nlp):
    inside = [
        f"The centrifuge hall number {n} was expanded" for n in ("one", "two", "three", "four")
    ]
    outside = ["The hall was painted", "Officials expanded the port", "Number four was sold"]
    claims = pd.DataFrame(
        {"quote": inside + outside, "topics": [["nuclear_missile"]] * 4 + [[]] * 3}
    )
    terms = suggest_terms(claims, "nuclear_missile", top=3, nlp=nlp)
    assert list(terms.columns) == ["term", "z", "count_topic", "count_rest"]
    assert terms.loc[0, ["term", "count_topic", "count_rest"]].tolist() == ["centrifuge", 4, 0]
    assert terms["z"].is_monotonic_decreasing


def test_suggest_terms_says_when_there_is_nothing_to_compare(nlp):
    claims = pd.DataFrame({"quote": ["Hackers stole coins"], "topics": [["cyber"]]})
    with pytest.raises(ValueError, match=r"E021.*no claim has 'sanctions'.*found.*: cyber"):
        suggest_terms(claims, "sanctions", nlp=nlp)
    with pytest.raises(ValueError, match=r"E021.*every claim has 'cyber'"):
        suggest_terms(claims, "cyber", nlp=nlp)
    with pytest.raises(ValueError, match=r"E011.*quote"):
        suggest_terms(claims.rename(columns={"quote": "text"}), "cyber", nlp=nlp)
    only_stopwords = pd.DataFrame({"quote": ["it is", "we are"], "topics": [["cyber"], []]})
    assert suggest_terms(only_stopwords, "cyber", nlp=nlp).empty


# --------------------------------------------------------------------------- seed gold


def seed_claims(shared_dir) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The seed gold claims as a claims frame (with their sentences), and the gold itself."""
    from toolkit.evaluation import load_gold
    from toolkit.nlp import load_model

    gold = load_gold(shared_dir / "gold" / "seed.jsonl")
    records = [
        json.loads(line) for line in (shared_dir / "gold" / "seed.jsonl").open(encoding="utf-8")
    ]
    text = (shared_dir / "gold" / f"{records[0]['doc_id']}.txt").read_text(encoding="utf-8")
    doc = load_model()(text)
    rows = []
    for record in records:
        span = doc.char_span(record["start"], record["end"], alignment_mode="expand")
        sents = [sent for sent in doc.sents if sent.end > span.start and sent.start < span.end]
        rows.append(
            {
                "doc_id": record["doc_id"],
                "tag": "Kim Jong Un",
                "quote": record["quote"],
                "kind": record["kind"],
                "cue": record.get("cue"),
                "speaker": record["speaker"],
                "sentence": text[sents[0].start_char : sents[-1].end_char],
            }
        )
    return pd.DataFrame(rows), gold


@pytest.mark.shared
def test_seed_gold_stance_and_topics_reach_the_targets(shared_dir, nlp, gazetteer):
    from toolkit.evaluation import evaluate

    claims, gold = seed_claims(shared_dir)
    tagged = stance(tag_topics(claims, nlp=nlp), gazetteer=gazetteer, nlp=nlp)
    scores = evaluate(gold, tagged)
    print(
        f"\nseed: stance macro-F1 {scores['stance_macro_f1']:.3f}, "
        f"accuracy {scores['stance_accuracy']:.3f} (n={scores['n_stance']}), "
        f"topic micro-F1 {scores['topic_f1']:.3f} (n={scores['n_topic']})"
    )
    assert scores["n_matched"] == len(gold[~gold["optional"]])
    for key, target in SEED_TARGETS.items():
        assert scores[key] >= target, f"{key} {scores[key]:.3f} < {target}"
