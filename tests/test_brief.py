"""Briefs: display helpers, offline HTML export, the kernel, and a full brief of data/."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from toolkit import brief
from toolkit.brief import default_title, export_brief, render_brief, strip_remote

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def remote_refs(page: str) -> list[str]:
    return re.findall(
        r"<script\b[^>]*\bsrc=[\"']?(?:https?:)?//[^>]*>|<link\b[^>]*\bhref=[\"']?(?:https?:)?//[^>]*>",
        page,
        flags=re.IGNORECASE,
    )


def without_data_uris(page: str) -> str:
    """The page minus base64 payloads, which can spell anything ('cdn' included)."""
    return re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "data:", page)


def assert_offline(page: str) -> None:
    assert remote_refs(page) == []
    assert "cdn" not in without_data_uris(page).lower()
    assert "require.js" not in page
    assert "mathjax" not in without_data_uris(page).lower()


def assert_no_code(page: str) -> None:
    assert not re.search(
        r'class="[^"]*(jp-InputPrompt|jp-CodeMirrorEditor|jp-InputArea-editor)', page
    )
    assert '<div class="highlight' not in page
    assert "import toolkit" not in page


# -- display helpers ---------------------------------------------------------------


def test_frame_html_escapes_text_and_joins_lists():
    frame = pd.DataFrame(
        {
            "quote": ["<script>alert(1)</script>"],
            "topics": [["cyber", "sanctions"]],
            "date": pd.to_datetime(["2023-11-12"]),
        }
    )
    page = brief.frame_html(frame).data
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "cyber, sanctions" in page
    assert "2023-11-12" in page


def test_frame_html_labels():
    page = brief.frame_html(pd.DataFrame({"a": [1], "b": [2]}), labels=["Entity", "Entity"]).data
    assert page.count("<th>Entity</th>") == 2


def test_empty_sections_say_so():
    assert "No two entities" in brief.top_pairs(pd.DataFrame(columns=["a", "b"])).data


def test_figure_alt():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.subplots()
    ax.set_title("Claims by speaker")
    ax.set_xlabel("Claims")
    assert brief.figure_alt(fig) == "Claims by speaker; Claims"
    assert brief.figure_alt(Figure()) == "Figure"


def test_header_escapes_title():
    page = brief.header("<img src=x onerror=alert(1)>", speakers=["A <b>"]).data
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "speakers: A &lt;b&gt;" in page


def test_header_says_when_quotations_are_joined():
    assert "one claim per statement" in brief.header("T", join_quotes=True).data
    assert "one claim per statement" not in brief.header("T").data


def test_cli_brief_passes_join_quotes(tmp_path, monkeypatch):
    from toolkit.cli import main

    asked = {}

    def record(corpus, out, **options):
        asked.update(options)
        return Path(out)

    monkeypatch.setattr(brief, "render_brief", record)
    assert main(["brief", "--corpus", str(DATA), "--out", str(tmp_path / "b.html")]) == 0
    assert asked["join_quotes"] is False
    assert main(["brief", "--corpus", str(DATA), "--out", "b.html", "--join-quotes"]) == 0
    assert asked["join_quotes"] is True


@pytest.mark.parametrize("day", ["2023-11", "12/11/2023", "today"])
def test_cli_brief_refuses_a_date_that_is_no_day(tmp_path, capsys, day):
    from toolkit.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["brief", "--corpus", str(DATA), "--out", str(tmp_path / "b.html"), "--to", day])
    assert exit_.value.code == 2
    assert "not a date, YYYY-MM-DD" in capsys.readouterr().err


def test_key_figures():
    articles = pd.DataFrame({"doc_id": ["d1", "d2", "d3"]})
    claims = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2"],
            "speaker": ["A", "B", None],
            "date": pd.to_datetime(["2023-01-02", None, "2023-03-04"]),
        }
    )
    page = brief.key_figures(articles, claims).data
    assert "2 with claims, of 3 read" in page
    assert "2023-01-02 to 2023-03-04" in page


def test_default_title():
    assert default_title("data/") == "Claims brief: data"
    assert default_title(["a/x.txt", "b/y.txt"]) == "Claims brief: x.txt, y.txt"


def test_strip_remote():
    page = (
        '<script src="https://cdnjs.cloudflare.com/x.js"></script>'
        '<link rel="stylesheet" href="http://fonts.example/css">'
        '<script>var local = 1;</script><link rel="icon" href="data:,">'
    )
    assert strip_remote(page) == '<script>var local = 1;</script><link rel="icon" href="data:,">'


# -- errors ---------------------------------------------------------------------------


def test_unknown_format(tmp_path):
    with pytest.raises(ValueError, match=r"\[E005\]"):
        render_brief(DATA, tmp_path / "b.docx", fmt="docx")


def test_missing_notebook(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"\[E013\]"):
        render_brief(DATA, tmp_path, notebook=tmp_path / "nope.ipynb")


def test_pdf_without_chromium_says_how_to_fix(tmp_path, monkeypatch):
    import toolkit.brief

    monkeypatch.setattr(toolkit.brief, "chromium_executable", lambda: None)
    with pytest.raises(
        RuntimeError, match=r"(?s)\[E014\].*Chromium is not installed.*apt-get install chromium"
    ):
        render_brief(DATA, tmp_path, fmt="pdf")


# -- export (no kernel) -------------------------------------------------------------


def executed_notebook(path: Path) -> Path:
    """An executed-looking notebook with code, an image, an HTML table and widget state."""
    code = new_code_cell("import toolkit as tk\nprint('hi')", execution_count=1)
    code.outputs = [
        new_output(
            "display_data",
            data={"image/png": PNG, "text/plain": "<Figure>"},
            metadata={"image/png": {"alt": "Claims <by> speaker"}},
        ),
        new_output(
            "display_data",
            data={"text/html": brief.frame_html(pd.DataFrame({"q": ["<b>x</b>"]})).data},
        ),
    ]
    params = new_code_cell("corpus = 'data/'", execution_count=0)
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(
        metadata={"kernelspec": KERNELSPEC, "widgets": {"state": {}, "version_major": 2}},
        cells=[params, new_markdown_cell("## Section"), code],
    )
    nbformat.write(nb, path)
    return path


def test_export_is_offline_with_code_hidden(tmp_path):
    out = export_brief(executed_notebook(tmp_path / "nb.ipynb"), tmp_path / "b.html", title="T")
    page = out.read_text(encoding="utf-8")
    assert_offline(page)
    assert_no_code(page)
    assert "corpus = " not in page
    assert f'src="data:image/png;base64,{PNG}"' in page
    assert 'alt="Claims &lt;by&gt; speaker"' in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert "<title>T</title>" in page
    assert "<h2" in page and "Section" in page


# -- kernel -------------------------------------------------------------------------------


@pytest.mark.slow
def test_kernel_is_this_python(tmp_path):
    probe = new_notebook(
        metadata={"kernelspec": {**KERNELSPEC, "name": "some-other-kernel"}},
        cells=[
            new_code_cell("corpus = None\ntitle = None", metadata={"tags": ["parameters"]}),
            new_code_cell(
                "import sys, toolkit\nfrom IPython.display import HTML, display\n"
                "display(HTML(f'<p id=probe>{sys.executable}|{toolkit.__file__}|{corpus}</p>'))"
            ),
        ],
    )
    nbformat.write(probe, tmp_path / "probe.ipynb")
    out = render_brief(DATA, tmp_path / "out", notebook=tmp_path / "probe.ipynb")
    assert out == tmp_path / "out" / "brief.html"
    found = re.search(r"<p id=\"?probe\"?>(.*?)\|(.*?)\|(.*?)</p>", out.read_text())
    executable, package, corpus = found.groups()
    assert Path(executable).resolve() == Path(sys.executable).resolve()
    assert Path(package).resolve() == (REPO / "toolkit" / "__init__.py").resolve()
    assert Path(corpus) == DATA.resolve()


@pytest.mark.slow
def test_failed_brief_keeps_the_notebook(tmp_path):
    broken = new_notebook(
        metadata={"kernelspec": KERNELSPEC},
        cells=[
            new_code_cell("corpus = None", metadata={"tags": ["parameters"]}),
            new_code_cell("raise ValueError('no claims here')"),
        ],
    )
    nbformat.write(broken, tmp_path / "broken.ipynb")
    with pytest.raises(RuntimeError, match=r"\[E015\].*no claims here"):
        render_brief(DATA, tmp_path / "b.html", notebook=tmp_path / "broken.ipynb")
    assert (tmp_path / "b.failed.ipynb").exists()


# -- the brief of data/ ----------------------------------------------------------------------

TITLE = "North Korea <brief> & co"


@pytest.fixture(scope="module")
def brief_html(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("brief")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TOOLKIT_CACHE_DIR", str(tmp / "cache"))
        out = render_brief(DATA, tmp / "brief.html", title=TITLE)
    return out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_brief_is_offline(brief_html):
    assert_offline(brief_html)


@pytest.mark.slow
def test_brief_hides_code(brief_html):
    assert_no_code(brief_html)
    assert "injected-parameters" not in brief_html


@pytest.mark.slow
def test_brief_has_title_figures_and_tables(brief_html):
    assert "<title>North Korea &lt;brief&gt; &amp; co</title>" in brief_html
    assert "<h1>North Korea &lt;brief&gt; &amp; co</h1>" in brief_html
    assert brief_html.count("data:image/png;base64,") >= 1
    assert 'class="tk-claims"' in brief_html
    assert len(re.findall(r'<tr class="tk-claim"', brief_html)) >= 1
    for heading in ("Key figures", "Who said what", "Disagreements", "Claims"):
        assert heading in brief_html
