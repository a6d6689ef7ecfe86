"""The whole path from articles to tables: parse once, then claims and mentions.

Example:
    >>> import toolkit as tk
    >>> articles = tk.read_corpus("data/")
    >>> docs = tk.parse_articles(articles)
    >>> claims = tk.extract_claims(articles, docs=docs)
    >>> mentions = tk.extract_mentions(articles, docs=docs)
"""

from __future__ import annotations

import hashlib
import os
import sys
import traceback
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from toolkit.attribution import Claim, attribute_doc, load_lexicon
from toolkit.entities import Gazetteer, load_gazetteer, mentions_from_docs
from toolkit.entities.people import people_counts, people_only, person_names, unify_people
from toolkit.errors import Reasons, Warnings
from toolkit.nlp import DEFAULT_BATCH_SIZE, MODEL_ENV_VAR, as_pipeline, parse_texts
from toolkit.reading import ArticlesLike, as_articles, read_corpus  # noqa: F401 (the doctests)
from toolkit.schema import CLAIM_COLUMNS
from toolkit.statements import join_quotes as join_statement_quotes
from toolkit.tagging import stance, tag_topics
from toolkit.tagging.stance_model import (
    load_stance_model,
    stance_model_choice,
    stance_model_fingerprint,
)

EVIDENCE_COLUMNS = ["rule", "evidence", "stance_evidence"]
CACHE_DIR_ENV_VAR = "TOOLKIT_CACHE_DIR"
PIPELINE_VERSION = "1"
CHUNK_ARTICLES = 200  # articles whose Docs process_articles holds in memory at once


@dataclass(frozen=True)
class ClaimOptions:
    """How claims are extracted: the options of :func:`extract_claims`, in one place.

    Example:
        >>> ClaimOptions(target="Russia").evidence
        False
    """

    target: str | Mapping[str, str] | None = None
    taxonomy: str | os.PathLike | None = None
    lexicon: str | os.PathLike | None = None
    evidence: bool = False
    stance_model: str | os.PathLike | None = None
    main_topic: bool = True
    join_quotes: bool = False  # this and the next are applied to the cached tables,
    one_name_per_person: bool = True  # so they are not in the cache key

    def fingerprint(self) -> bytes:
        """The options and the contents of the files they name, for the cache key.

        The stance model counts by its files (``TOOLKIT_STANCE_MODEL`` too); a
        missing one fails here, before any parsing.
        """
        target = sorted(self.target.items()) if isinstance(self.target, Mapping) else self.target
        parts = [repr((target, self.evidence, self.main_topic))]
        for path in (self.taxonomy, self.lexicon):
            parts.append(Path(path).read_text(encoding="utf-8") if path else "")
        model = stance_model_choice(self.stance_model)
        parts.append(f"{model}:{stance_model_fingerprint(model)}" if model else "")
        return "\x00".join(parts).encode()


@dataclass
class Corpus:
    """A processed corpus: the tables an analyst works with, and what could not be read."""

    articles: pd.DataFrame
    claims: pd.DataFrame
    mentions: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["path", "reason"]))


def parse_articles(
    articles: ArticlesLike,
    *,
    nlp: Language | str | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = False,
) -> list[Doc]:
    """Parse every article's text once; the Docs feed both claims and mentions.

    Example:
        >>> docs = parse_articles(read_corpus("data/"))
        >>> len(docs), docs[0].has_annotation("DEP")
        (1, True)
    """
    texts = as_articles(articles)["text"].tolist()  # the rows extract_claims reads
    docs = parse_texts(
        _progress(texts, progress, "parsing"), nlp=nlp, batch_size=batch_size, n_process=n_process
    )
    return list(docs)


def extract_claims(
    articles: ArticlesLike,
    *,
    docs: list[Doc] | None = None,
    mentions: pd.DataFrame | None = None,
    target: str | Mapping[str, str] | None = None,
    taxonomy: str | os.PathLike | None = None,
    lexicon: str | os.PathLike | None = None,
    evidence: bool = False,
    stance_model: str | os.PathLike | None = None,
    main_topic: bool = True,
    join_quotes: bool = False,
    one_name_per_person: bool = True,
    nlp: Language | str | None = None,
    n_process: int = 1,
    progress: bool = False,
) -> pd.DataFrame:
    """Return one row per claim: who said what, with which cue, stance, topics and entities.

    Args:
        articles: the table from :func:`toolkit.read_corpus`, a DataFrame with a
            ``text`` column, texts or a path (see :func:`toolkit.reading.as_articles`).
        docs: the parsed articles, when already at hand (see :func:`parse_articles`).
        mentions: the article's mentions, when already at hand; they give ``entities``.
        target: the actor stance is measured toward; by default each article's tag.
            A mapping ``doc_id -> actor`` sets it for the articles it lists.
        taxonomy: a topics file of one's own (the shipped ``data/topics.yml`` by default).
        lexicon: a cue lexicon of one's own (the shipped ``data/cues.yml`` by default).
        evidence: add the columns ``rule`` and ``evidence``, which say why each claim
            and speaker were chosen (see :func:`toolkit.explain`), and
            ``stance_evidence``, which says what decided the stance.
        stance_model: a stance model's folder or package name, to decide stance
            instead of the lexicon (see :func:`toolkit.train_stance_model`); by
            default ``TOOLKIT_STANCE_MODEL`` when set, else the lexicon.
        main_topic: give every claim its article's main topic, when the article is
            mostly about one (see :func:`toolkit.tagging.main_topics`).
        join_quotes: one claim per statement: a speaker's quotations in a row
            (“...,” he said. “...”) joined into one claim, as some corpora annotate
            them (see :func:`toolkit.join_quotes`). Off, each quotation is its
            own claim, as the gold guidelines have it.
        one_name_per_person: give each person one name across the articles
            ("Donald J. Trump" and "Donald Trump"; see :func:`toolkit.unify_people`).
            Off, each article's own longest name stays, as the gold guidelines
            define the speaker (``toolkit eval`` scores it so).

    Returns:
        DataFrame with the columns of :data:`toolkit.schema.CLAIM_COLUMNS`.

    Example:
        >>> claims = extract_claims(read_corpus("data/"))
        >>> claims.loc[claims.speaker == "Michael O’Hanlon", "kind"].tolist()
        ['direct', 'mixed', 'mixed']
    """
    articles = as_articles(articles)
    options = ClaimOptions(
        target=target,
        taxonomy=taxonomy,
        lexicon=lexicon,
        evidence=evidence,
        stance_model=stance_model,
        main_topic=main_topic,
        join_quotes=join_quotes,
        one_name_per_person=one_name_per_person,
    )
    if chosen := stance_model_choice(stance_model):
        load_stance_model(chosen)  # a missing model fails before the parse
    if docs is None:
        docs = parse_articles(articles, nlp=nlp, n_process=n_process, progress=progress)
    if mentions is None:
        mentions = mentions_from_docs(docs, articles["doc_id"].tolist())
    claims, errors = build_claims(articles, docs, mentions, options, nlp=nlp, progress=progress)
    claims, _ = _finish_claims(claims, mentions, articles, options)
    claims.attrs["errors"] = [*articles.attrs.get("errors", []), *errors]
    return claims


def extract_mentions(
    articles: ArticlesLike,
    *,
    docs: list[Doc] | None = None,
    gazetteer: Gazetteer | None = None,
    one_name_per_person: bool = True,
    nlp: Language | str | None = None,
    n_process: int = 1,
) -> pd.DataFrame:
    """Return one row per mention of a person, organisation, country or group, made canonical.

    Args:
        articles: the table from :func:`toolkit.read_corpus`, a DataFrame with a
            ``text`` column, texts or a path (see :func:`toolkit.reading.as_articles`).
        docs: the parsed articles, when already at hand.
        gazetteer: aliases of one's own on top of the shipped ones, e.g.
            ``tk.load_gazetteer(extra_aliases="my_aliases.tsv")``.
        one_name_per_person: give each person one ``entity`` across the articles
            (see :func:`toolkit.unify_people`), by a map of the mentions alone;
            :func:`process_corpus` builds one map for its claims and mentions together.

    Example:
        >>> mentions = extract_mentions(read_corpus("data/"))
        >>> mentions["entity"].value_counts().index[0]
        'North Korea'
    """
    articles = as_articles(articles)
    if docs is None:
        docs = parse_articles(articles, nlp=nlp, n_process=n_process)
    mentions = mentions_from_docs(docs, articles["doc_id"].tolist(), gazetteer=gazetteer)
    if one_name_per_person:
        mentions = unify_people(
            mentions, person_names(people_counts(mentions), gazetteer=gazetteer)
        )
    return mentions


def claims_from_docs(
    docs: Iterable[Doc],
    articles: pd.DataFrame,
    *,
    lexicon: str | os.PathLike | None = None,
    progress: bool = False,
) -> tuple[pd.DataFrame, list[dict]]:
    """Attribute every parsed article; an article that fails is reported, never fatal.

    Returns the claims (attribution columns only, before topics and stance) and the
    error reports of articles that failed.

    Example:
        >>> articles = read_corpus("data/")
        >>> claims, errors = claims_from_docs(parse_articles(articles), articles)
        >>> claims["rule"].value_counts().index[0], errors
        ('reported_speech', [])
    """
    cue_lexicon = load_lexicon(lexicon)
    gazetteer = load_gazetteer()
    rows, errors = [], []
    meta = articles[["doc_id", "date", "tag", "path", "text"]].to_dict("records")
    for doc, article in zip(
        _progress(docs, progress, "claims", total=len(meta)), meta, strict=True
    ):
        try:
            claims = attribute_doc(doc, lexicon=cue_lexicon, gazetteer=gazetteer)
        except Exception as exc:  # one bad article never stops a batch
            reason = Reasons.ATTRIBUTION_FAILED.format(error=f"{type(exc).__name__}: {exc}")
            errors.append(
                {"path": article["path"], "reason": reason, "trace": traceback.format_exc()}
            )
            warnings.warn(Warnings.W001.format(path=article["path"], reason=reason), stacklevel=2)
            continue
        rows.extend(_claim_row(article, i, claim) for i, claim in enumerate(claims))
    table = pd.DataFrame(rows, columns=[*CLAIM_COLUMNS, *EVIDENCE_COLUMNS])
    table["date"] = pd.to_datetime(table["date"])
    return table, errors


def _claim_row(article: dict, index: int, claim: Claim) -> dict:
    text = article["text"]  # as written, page furniture included (the Doc has it blanked)
    return {
        "claim_id": f"{article['doc_id']}:{index}",
        "doc_id": article["doc_id"],
        "date": article["date"],
        "tag": article["tag"],
        "start": claim.start,
        "end": claim.end,
        "quote": text[claim.start : claim.end],
        "kind": claim.kind,
        "cue": claim.cue,
        "speaker": claim.speaker,
        "speaker_mention": claim.speaker_mention,
        "speaker_role": claim.speaker_role,
        "speaker_type": claim.speaker_type,
        "via": claim.via,
        "sentence": text[claim.sent_start : claim.sent_end].strip(),
        "stance": None,
        "target": None,
        "topics": [],
        "entities": [],
        "rule": claim.rule,
        "evidence": list(claim.evidence),
    }


def add_entities(claims: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``claims`` whose ``entities`` lists the canonical entities named in each quote.

    Example:
        >>> articles = read_corpus("data/")
        >>> claims = add_entities(extract_claims(articles), extract_mentions(articles))
        >>> claims.loc[claims["quote"] == "any arms deal", "entities"].iloc[0]
        []
    """
    claims = claims.copy()
    if claims.empty:
        return claims
    spans = claims[["doc_id", "start", "end"]].rename_axis("row").reset_index()
    inside = spans.merge(
        mentions[["doc_id", "start", "end", "entity"]], on="doc_id", suffixes=("", "_m")
    )
    inside = inside[(inside["start_m"] >= inside["start"]) & (inside["end_m"] <= inside["end"])]
    inside = inside.sort_values(["row", "start_m"])
    named = inside.groupby("row")["entity"].agg(lambda s: list(dict.fromkeys(s)))
    claims["entities"] = [named.get(row, []) for row in claims.index]
    return claims


def process_corpus(
    paths: ArticlesLike,
    *,
    out_dir: str | os.PathLike | None = None,
    cache: bool = True,
    target: str | Mapping[str, str] | None = None,
    taxonomy: str | os.PathLike | None = None,
    lexicon: str | os.PathLike | None = None,
    evidence: bool = False,
    stance_model: str | os.PathLike | None = None,
    main_topic: bool = True,
    join_quotes: bool = False,
    one_name_per_person: bool = True,
    nlp: Language | str | None = None,
    n_process: int = 1,
    progress: bool = False,
) -> Corpus:
    """Read, parse and extract a corpus once; cache the tables; optionally write them out.

    ``paths`` are files, folders or tables to read (see :func:`toolkit.read_corpus`), or
    articles already at hand in any shape :func:`toolkit.reading.as_articles` takes (a
    DataFrame with a ``text`` column, texts). With ``out_dir`` it writes ``claims.parquet``, ``mentions.parquet``,
    ``comention.csv`` and ``errors.csv`` (the inputs that could not be processed).
    ``target``, ``taxonomy``, ``lexicon``, ``evidence``, ``stance_model``, ``main_topic``,
    ``join_quotes`` and ``one_name_per_person`` are those of :func:`extract_claims`.

    Example:
        >>> corpus = process_corpus("data/")  # out_dir="out/" would also write the tables
        >>> sorted(corpus.claims["speaker"].unique())[:2]
        ['Ali Baraka', 'Antony Blinken']
    """
    options = ClaimOptions(
        target=target,
        taxonomy=taxonomy,
        lexicon=lexicon,
        evidence=evidence,
        stance_model=stance_model,
        main_topic=main_topic,
        join_quotes=join_quotes,
        one_name_per_person=one_name_per_person,
    )
    corpus = process_articles(
        as_articles(paths), options, cache=cache, nlp=nlp, n_process=n_process, progress=progress
    )
    if out_dir is not None:
        write_outputs(corpus, out_dir)
    return corpus


def process_articles(
    articles: ArticlesLike,
    options: ClaimOptions | None = None,
    *,
    cache: bool = True,
    nlp: Language | str | None = None,
    n_process: int = 1,
    progress: bool = False,
) -> Corpus:
    """Parse and extract articles already read; their read errors stay in the report.

    The cache (``TOOLKIT_CACHE_DIR``, default ``~/.cache/toolkit``) is keyed by the
    articles (text, date, tag, title), the options and the files they name, the
    lexicons, the model's name and the toolkit's code, so any change is processed anew.

    Example:
        >>> corpus = process_articles(read_corpus("data/"), ClaimOptions(target="Russia"))
        >>> set(corpus.claims["target"])
        {'Russia'}
    """
    articles, options = as_articles(articles), options or ClaimOptions()
    errors = list(articles.attrs.get("errors", []))
    key = _cache_key(articles, options, nlp)
    cached = _read_cache(key) if cache else None
    if cached is not None:
        claims, mentions, attribution_errors = cached
    else:
        claims, mentions, attribution_errors = _process_in_chunks(
            articles, options, nlp=nlp, n_process=n_process, progress=progress
        )
        if cache:
            _write_cache(key, claims, mentions, attribution_errors)
    errors += attribution_errors
    claims, names = _finish_claims(claims, mentions, articles, options)
    if names:
        mentions = unify_people(mentions, names)
    return Corpus(articles, claims, mentions, pd.DataFrame(errors, columns=["path", "reason"]))


def _process_in_chunks(
    articles: pd.DataFrame,
    options: ClaimOptions,
    *,
    nlp: Language | str | None,
    n_process: int,
    progress: bool,
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """Parse and extract ``CHUNK_ARTICLES`` articles at a time, so that only their Docs are
    held in memory (every step reads one article at a time; the results are the same)."""
    starts = range(0, max(len(articles), 1), CHUNK_ARTICLES)  # no article: one empty chunk
    claims, mentions, errors = [], [], []
    for start in _progress(starts, progress and len(starts) > 1, "chunks of articles"):
        chunk = articles.iloc[start : start + CHUNK_ARTICLES]
        docs = parse_articles(chunk, nlp=nlp, n_process=n_process, progress=progress)
        mentions.append(mentions_from_docs(docs, chunk["doc_id"].tolist()))
        found, reports = build_claims(
            chunk, docs, mentions[-1], options, nlp=nlp, progress=progress
        )
        claims.append(found)
        errors += reports
    # a column a chunk left empty is of type object there: infer its type anew
    return (
        pd.concat(claims, ignore_index=True).infer_objects(),
        pd.concat(mentions, ignore_index=True).infer_objects(),
        errors,
    )


def _finish_claims(
    claims: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame, options: ClaimOptions
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The options applied to claims after the cache: one claim per statement
    (:func:`toolkit.join_quotes`), one name per person (:func:`unify_people`, by a map of
    the claims and mentions together). Returns the claims and that map (empty when off)."""
    if options.join_quotes:
        claims = join_statement_quotes(claims, articles)
    if not options.one_name_per_person:
        return claims, {}
    names = person_names(people_counts(claims, mentions))
    return unify_people(claims, names, people=people_only(mentions)), names


def build_claims(
    articles: pd.DataFrame,
    docs: list[Doc],
    mentions: pd.DataFrame,
    options: ClaimOptions,
    *,
    nlp: Language | str | None = None,
    progress: bool = False,
) -> tuple[pd.DataFrame, list[dict]]:
    """Attribute, then add entities, topics and stance; return claims and error reports.

    Example:
        >>> articles = read_corpus("data/")
        >>> docs = parse_articles(articles)
        >>> claims, errors = build_claims(articles, docs, extract_mentions(articles, docs=docs), ClaimOptions())
        >>> errors
        []
    """
    claims, errors = claims_from_docs(docs, articles, lexicon=options.lexicon, progress=progress)
    claims = add_entities(claims, mentions)
    parsed = dict(zip(articles["doc_id"], docs, strict=True))
    claims = tag_topics(
        claims, taxonomy=options.taxonomy, main_topic=options.main_topic, nlp=nlp, docs=parsed
    )
    claims = stance(
        claims,
        target=options.target,
        mentions=mentions,
        nlp=nlp,
        docs=parsed,
        model=options.stance_model,
    )
    columns = CLAIM_COLUMNS + (EVIDENCE_COLUMNS if options.evidence else [])
    reports = [{k: e[k] for k in ("path", "reason")} for e in errors]
    return claims[columns].reset_index(drop=True), reports


def write_outputs(corpus: Corpus, out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write the corpus tables into ``out_dir`` and return their paths.

    Example:
        >>> sorted(write_outputs(process_corpus("data/"), "out/"))  # doctest: +SKIP
        ['claims', 'comention', 'errors', 'mentions']
    """
    from toolkit.stats import comention

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "claims": out / "claims.parquet",
        "mentions": out / "mentions.parquet",
        "comention": out / "comention.csv",
        "errors": out / "errors.csv",
    }
    corpus.claims.to_parquet(paths["claims"], index=False)
    corpus.mentions.to_parquet(paths["mentions"], index=False)
    comention(corpus.mentions, unit="sentence").to_csv(paths["comention"], index=False)
    corpus.errors.to_csv(paths["errors"], index=False)
    return paths


def _cache_key(articles: pd.DataFrame, options: ClaimOptions, nlp: Language | str | None) -> str:
    from toolkit.resources import data_dir

    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    digest.update(options.fingerprint())
    if isinstance(nlp, str):
        nlp = as_pipeline(nlp)
    model = (
        f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
        if nlp
        else os.environ.get(MODEL_ENV_VAR, "")
    )
    digest.update(model.encode())
    for name in sorted(p.name for p in data_dir().glob("*.yml")):
        digest.update((data_dir() / name).read_bytes())
    code = Path(__file__).resolve().parent
    for source in sorted(code.rglob("*.py")):
        digest.update(source.read_bytes())
    for row in articles[["doc_id", "date", "tag", "title", "text"]].itertuples(index=False):
        digest.update("\x00".join(map(str, row)).encode())
    return digest.hexdigest()[:24]


def _cache_dir() -> Path:
    return Path(os.environ.get(CACHE_DIR_ENV_VAR, Path.home() / ".cache" / "toolkit"))


def _read_cache(key: str) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]] | None:
    folder = _cache_dir() / key
    try:
        claims = pd.read_parquet(folder / "claims.parquet")
        mentions = pd.read_parquet(folder / "mentions.parquet")
        errors = pd.read_csv(folder / "errors.csv").to_dict("records")
    except (OSError, ValueError):
        return None
    for column in ("topics", "entities", "evidence"):
        if column in claims:
            claims[column] = claims[column].map(list)
    return claims, mentions, errors


def _write_cache(
    key: str, claims: pd.DataFrame, mentions: pd.DataFrame, errors: list[dict]
) -> None:
    folder = _cache_dir() / key
    try:
        folder.mkdir(parents=True, exist_ok=True)
        claims.to_parquet(folder / "claims.parquet", index=False)
        mentions.to_parquet(folder / "mentions.parquet", index=False)
        pd.DataFrame(errors, columns=["path", "reason"]).to_csv(folder / "errors.csv", index=False)
    except OSError as exc:  # a read-only home must not stop the analysis
        print(Reasons.CACHE_NOT_WRITTEN.format(error=exc), file=sys.stderr)


def _progress(items, enabled: bool, what: str, total: int | None = None):
    if not enabled:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=what, total=total if total is not None else len(items), file=sys.stderr)
