"""The reader: header variants, files without a header, folders, tables and bad files."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from toolkit.reading import ARTICLE_COLUMNS, as_articles, find_title, parse_header, read_corpus


@pytest.mark.parametrize(
    ("text", "date", "tag"),
    [
        (" date 2023-11-12 Kim Jong Un.\n\nBody.", "2023-11-12", "Kim Jong Un"),
        ("date 2020-01-31 Russia.\nBody.", "2020-01-31", "Russia"),
        ("   date 2019-05-02 Middle East\n\nBody.", "2019-05-02", "Middle East"),
        ("\ufeff date 2018-07-04 United States.\n", "2018-07-04", "United States"),
    ],
)
def test_parse_header_variants(text, date, tag):
    parsed_date, parsed_tag = parse_header(text)
    assert parsed_date == pd.Timestamp(date)
    assert parsed_tag == tag


@pytest.mark.parametrize("text", ["No header at all.", "The date 2020-01-01 was cold."])
def test_parse_header_absent(text):
    assert parse_header(text) == (None, None)


def test_parse_header_with_impossible_date_keeps_the_tag():
    assert parse_header("date 2020-13-45 North Korea.") == (None, "North Korea")


def test_find_title_takes_a_short_first_line():
    assert (
        find_title(" date 2020-01-01 Russia.\n\nPutin Meets Kim\n\nBody text.") == "Putin Meets Kim"
    )
    assert (
        find_title(" date 2020-01-01 Russia.\n\nA long first sentence that ends with a period.")
        is None
    )


def test_read_sample_file(sample_path):
    articles = read_corpus(sample_path)
    assert list(articles.columns) == ARTICLE_COLUMNS
    row = articles.iloc[0]
    assert row["doc_id"] == "000_7aa5f2e1afbc3548"
    assert row["date"] == pd.Timestamp("2023-11-12")
    assert row["tag"] == "Kim Jong Un"
    assert row["text"] == sample_path.read_text(encoding="utf-8")


def test_folder_is_recursive_sorted_and_skips_bad_files(tmp_path):
    (tmp_path / "b.txt").write_text(" date 2021-02-02 China.\n\nSecond.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("No header, still read.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "zeros.txt").write_bytes(b"\x00" * 2000)
    (tmp_path / "C.TXT").write_text("Upper-case names are text files too.", encoding="utf-8")
    with pytest.warns(UserWarning, match="W001"):
        articles = read_corpus(tmp_path)
    assert articles["doc_id"].tolist() == ["C", "b", "a"]
    assert articles.loc[articles.doc_id == "a", "tag"].isna().all()
    assert articles.loc[articles.doc_id == "a", "date"].isna().all()
    reasons = {e["path"].split("/")[-1]: e["reason"] for e in articles.attrs["errors"]}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["latin1.txt"].startswith("not UTF-8 text")
    assert reasons["zeros.txt"] == "binary data, not text (a NUL byte at character 0)"


def test_a_pattern_with_a_folder_matches_below_the_root(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Seoul said so.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Tokyo agreed.", encoding="utf-8")
    assert read_corpus(tmp_path, pattern="sub/*.txt")["doc_id"].tolist() == ["a"]
    assert read_corpus(tmp_path, pattern="*.TXT")["doc_id"].tolist() == ["b", "a"]


def test_missing_path_is_reported_not_raised(tmp_path):
    with pytest.warns(UserWarning, match="No such file"):
        articles = read_corpus([tmp_path / "nope.txt"])
    assert articles.empty
    assert articles.attrs["errors"][0]["path"].endswith("nope.txt")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_tables(tmp_path, suffix):
    table = pd.DataFrame(
        {
            "doc_id": ["x1", "x2"],
            "text": [" date 2022-03-01 Ukraine.\n\nKyiv said so.", "Plain text."],
            "tag": ["", "Israel"],
        }
    )
    path = tmp_path / f"articles{suffix}"
    if suffix == ".jsonl":
        table.to_json(path, orient="records", lines=True)
    elif suffix == ".csv":
        table.to_csv(path, index=False)
    else:
        table.to_parquet(path)
    articles = read_corpus(path)
    assert articles["doc_id"].tolist() == ["x1", "x2"]
    assert articles.loc[0, "tag"] == "Ukraine"  # from the header when the column is empty
    assert articles.loc[1, "tag"] == "Israel"
    assert articles.loc[0, "date"] == pd.Timestamp("2022-03-01")


def test_table_without_text_column_is_reported(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame({"body": ["x"]}).to_csv(path, index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = read_corpus(path)
    assert articles.empty
    assert "E003" in articles.attrs["errors"][0]["reason"]
    assert any("E003" in str(w.message) for w in caught)


def test_repeated_stems_stay_addressable(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(f"Text of {folder}.", encoding="utf-8")
    assert read_corpus(tmp_path)["doc_id"].tolist() == ["same", "same~2"]


def test_table_rows_without_text_are_reported_and_ids_kept_as_written(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        '{"doc_id": 0, "text": "First."}\n{"doc_id": "007", "text": ""}\n{"doc_id": null, "text": "Third."}\n',
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match="row with no text"):
        articles = read_corpus(path)
    assert articles["doc_id"].tolist() == ["0", "rows-2"]
    assert articles.attrs["errors"] == [{"path": f"{path}#1", "reason": "row with no text"}]


def test_a_date_that_is_no_date_is_left_empty_with_a_warning_naming_the_row(tmp_path):
    path = tmp_path / "dated.csv"
    path.write_text("text,date\nFirst.,2023-11-12\nSecond.,yesterday\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"W002.*dated.csv#1.*'yesterday'"):
        articles = read_corpus(path)
    assert articles["date"].isna().tolist() == [False, True]
    assert articles["text"].tolist() == ["First.", "Second."]  # the article itself is kept


def test_a_number_in_a_date_column_is_no_date_not_a_day_of_1970():
    table = pd.DataFrame({"text": ["First."], "date": [1700000000]})
    with pytest.warns(UserWarning, match=r"W002.*'1700000000'"):
        articles = as_articles(table)
    assert articles["date"].isna().all()


def test_an_impossible_header_date_is_reported_not_silently_dropped(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_text(" date 2023-13-45 Russia.\nMoscow said so.", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"W002.*odd.txt.*'2023-13-45'"):
        (article,) = read_corpus(path).itertuples()
    assert pd.isna(article.date) and article.tag == "Russia"


def test_a_table_date_stands_in_for_an_impossible_header_date_without_a_warning(tmp_path):
    path = tmp_path / "dated.csv"
    path.write_text('text,date\n" date 2023-13-45 Russia.\nBody.",2023-01-05\n', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        articles = read_corpus(path)
    assert articles.loc[0, "date"] == pd.Timestamp("2023-01-05")


def test_windows_line_ends_are_kept_so_offsets_match_the_file(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b" date 2020-01-01 Russia.\r\n\r\nBody text.")
    (article,) = read_corpus(path).itertuples()
    assert article.text == path.read_bytes().decode("utf-8")
    assert article.tag == "Russia"


def test_a_dataframe_of_ones_own_becomes_an_articles_table():
    table = pd.DataFrame(
        {
            "text": [" date 2023-11-12 Kim Jong Un.\nSeoul said so.", "  ", "Moscow denied it."],
            "tag": [None, None, "Russia"],
        }
    )
    with pytest.warns(UserWarning, match=r"<DataFrame>#1"):
        articles = as_articles(table)
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert articles["doc_id"].tolist() == ["row-0", "row-2"]
    assert articles["tag"].tolist() == ["Kim Jong Un", "Russia"]
    assert articles.loc[0, "date"] == pd.Timestamp("2023-11-12")
    assert articles.attrs["errors"] == [{"path": "<DataFrame>#1", "reason": "row with no text"}]
    assert as_articles(articles) is articles  # already an articles table


def test_a_dataframe_without_text_is_refused_with_its_columns():
    with pytest.raises(ValueError, match=r"E003.*columns: body"):
        as_articles(pd.DataFrame({"body": ["Seoul said so."]}))


def test_texts_in_any_usual_shape_become_articles():
    header = " date 2023-11-12 Kim Jong Un.\nSeoul said so."
    assert as_articles(header)[["doc_id", "tag", "text"]].values.tolist() == [
        ["row-0", "Kim Jong Un", header]
    ]
    assert as_articles(["One.", "Two."])["text"].tolist() == ["One.", "Two."]
    series = pd.Series({"a1": "One.", "b2": "Two."})
    assert as_articles(series)["doc_id"].tolist() == ["a1", "b2"]
    assert as_articles(pd.Series(["One."]))["doc_id"].tolist() == ["row-0"]
    assert as_articles({"text": ["One."], "doc_id": ["x"]})["doc_id"].tolist() == ["x"]


@pytest.mark.parametrize("given", ["news/typo.txt", ["notes.txt", "missing.jsonl"]])
def test_a_missing_files_name_is_reported_not_read_as_a_text(given):
    with pytest.warns(UserWarning, match=r"W001.*No such file or folder"):
        articles = as_articles(given)
    assert articles.empty
    assert len(articles.attrs["errors"]) == (1 if isinstance(given, str) else 2)


def test_two_corpora_concatenated_keep_every_article_addressable(sample_path):
    corpus = read_corpus(sample_path)
    both = as_articles(pd.concat([corpus, corpus], ignore_index=True))
    assert both["doc_id"].tolist() == [corpus.loc[0, "doc_id"], corpus.loc[0, "doc_id"] + "~2"]


def test_a_path_given_as_text_or_path_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2023-11-12 Russia.\nMoscow said so.", encoding="utf-8")
    for given in (tmp_path, str(tmp_path)):
        articles = as_articles(given)
        assert articles["doc_id"].tolist() == ["a"]
        assert articles["tag"].tolist() == ["Russia"]


def test_a_list_of_paths_is_read_as_files(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f" date 2023-11-12 Russia.\n{name}", encoding="utf-8")
    paths = sorted(tmp_path.glob("*.txt"))
    for given in (paths, [str(path) for path in paths]):
        assert as_articles(given)["doc_id"].tolist() == ["a", "b"]
    assert as_articles(["a.txt is no file here"])["doc_id"].tolist() == ["row-0"]  # a text


@pytest.mark.parametrize("given", [3, [1, 2], b"bytes", {"text": 5}])
def test_what_holds_no_texts_is_refused_by_name(given):
    with pytest.raises(TypeError, match=r"E020.*from a (int|list|bytes|mapping)"):
        as_articles(given)
