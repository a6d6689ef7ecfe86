"""Tables to and from files: what is written reads back as it was, in every format."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.tables import read_table, write_table


def claims_like() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": ["0123:0", "0123:1"],
            "doc_id": ["0123", "0123"],
            "date": pd.to_datetime(["2023-11-12", None]),
            "quote": ["[1, 2]", "[sic]"],  # text, though it looks like JSON lists
            "topics": [["sanctions", "cyber"], []],
            "pred_topics": [["cyber"], None],  # a matches table: nothing predicted
            "score": np.array([1, 2], dtype=np.int64),
        }
    )


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_table_reads_back_as_it_was_written(tmp_path, suffix):
    path = tmp_path / f"claims{suffix}"
    write_table(claims_like(), path)
    table = read_table(path)
    assert table["doc_id"].tolist() == ["0123", "0123"]  # an id, not the number 123
    assert table["topics"].tolist() == [["sanctions", "cyber"], []]
    assert table["pred_topics"].iloc[0] == ["cyber"]
    assert table["pred_topics"].iloc[1] is None or pd.isna(table["pred_topics"].iloc[1])
    assert table["quote"].tolist() == ["[1, 2]", "[sic]"]
    assert table["date"].dt.strftime("%Y-%m-%d").tolist()[0] == "2023-11-12"
    assert pd.isna(table["date"].iloc[1])
    assert table["score"].tolist() == [1, 2]


def test_numpy_scalars_in_a_text_column_are_written(tmp_path):
    table = pd.DataFrame({"value": pd.Series([np.int64(3), "x"], dtype=object)})
    write_table(table, tmp_path / "t.csv")
    assert read_table(tmp_path / "t.csv")["value"].astype(str).tolist() == ["3", "x"]


def test_an_empty_json_lines_table_is_an_empty_file(tmp_path):
    path = tmp_path / "none.jsonl"
    write_table(claims_like().iloc[:0], path)
    assert path.read_text() == ""
    assert read_table(path).empty


def test_another_suffix_is_refused_by_name(tmp_path):
    with pytest.raises(ValueError, match=r"E005.*\.xlsx"):
        read_table(tmp_path / "claims.xlsx")
