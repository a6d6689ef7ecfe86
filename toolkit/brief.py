"""Execute the brief notebook on a corpus and export it as a self-contained HTML (or PDF) file.

The brief is ``notebooks/brief.ipynb``, run with papermill in a temporary folder, then
exported with nbconvert with the code hidden. The HTML works offline: plots are
embedded PNG images and no script or style is fetched from a CDN (require.js,
MathJax, Mermaid and the widget manager are left out of the template). Article text
is escaped in every table.

The kernel is always this Python: the notebook runs on ``sys.executable`` through
ipykernel's own kernel spec, whatever ``python3`` kernel spec the user has installed,
and the kernel imports the same ``toolkit`` as the caller.

This module also holds the small display helpers the notebook's cells call.

Example:
    >>> import toolkit as tk
    >>> tk.render_brief("data/", "out/brief.html", title="North Korea")  # doctest: +SKIP
    PosixPath('out/brief.html')
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.errors import Errors
from toolkit.explorer import as_list, claims_table_html, figure_png

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = PACKAGE_ROOT / "notebooks" / "brief.ipynb"
FORMATS = ("html", "pdf")
KERNEL_NAME = "python3"
TIMEOUT = 1800
TOP_PAIRS = 15
# Quotes read left-aligned (the notebook's default style aligns every cell right).
TABLE_STYLE = "<style>.tk-table td, .tk-table th {text-align: left; vertical-align: top;}</style>"
TOP_DISAGREEMENTS = 10

# The lab template, minus everything it would fetch from the network.
OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
{%- set alt = output | get_metadata('alt', 'image/png') %}
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}" alt="{{ (alt or 'Figure') | escape_html }}">
</div>
{% endblock data_png %}
"""
OFFLINE_TEMPLATE_NAME = "toolkit_offline.html.j2"
REMOTE_TAG_RE = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>",
    flags=re.IGNORECASE,
)
# PDF briefs are printed by the system's Chromium (Debian's `chromium`), never a downloaded one.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_DEFAULT = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
)
PDF_TIMEOUT_MS = 120_000

# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def _kernel_manager_class():
    """Return a kernel manager class that starts ipykernel on this very interpreter."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager, KernelManager
    from traitlets import default

    class ThisPythonKernelManager(AsyncKernelManager):
        """``python3`` is ipykernel's native spec, i.e. ``sys.executable``; no other spec counts."""

        @default("kernel_spec_manager")
        def _this_python_only(self) -> KernelSpecManager:
            return KernelSpecManager(kernel_dirs=[], ensure_native_kernel=True)

        @default("transport_encryption")
        def _encrypted_where_the_kernel_can(self) -> str:
            """CurveZMQ keys when the kernel supports them (ipykernel warns without)."""
            return "auto"

        async def start_kernel(self, **kw: Any) -> None:
            env = dict(kw.pop("env", None) or os.environ)
            paths = [str(PACKAGE_ROOT), env.get("PYTHONPATH", "")]
            env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
            await KernelManager._async_start_kernel(self, env=env, **kw)

    return ThisPythonKernelManager


def _parameters(corpus: Any, **values: Any) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, os.PathLike):
            return str(Path(value).resolve())
        if hasattr(value, "isoformat"):
            return pd.Timestamp(value).strftime("%Y-%m-%d")
        if isinstance(value, Iterable):
            return [plain(item) for item in value]
        return str(value)

    if isinstance(corpus, str | os.PathLike):
        corpus = str(Path(corpus).resolve())
    else:
        corpus = [str(Path(path).resolve()) for path in corpus]
    return {"corpus": corpus, **{name: plain(value) for name, value in values.items()}}


def execute_brief(
    notebook: Path,
    executed: Path,
    parameters: dict[str, Any],
    *,
    kernel_name: str | None = None,
    timeout: int = TIMEOUT,
) -> None:
    """Run the brief notebook with papermill, in ``executed``'s folder, on this Python."""
    import papermill as pm

    engine_kwargs: dict[str, Any] = {}
    if kernel_name is None:
        kernel_name = KERNEL_NAME
        engine_kwargs["kernel_manager_class"] = _kernel_manager_class()
    pm.execute_notebook(
        str(notebook),
        str(executed),
        parameters=parameters,
        kernel_name=kernel_name,
        cwd=str(executed.parent),
        progress_bar=False,
        execution_timeout=timeout,
        **engine_kwargs,
    )


# ---------------------------------------------------------------------------
# Exporting
# ---------------------------------------------------------------------------


def _exporter(fmt: str):
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter_class = _pdf_exporter_class() if fmt == "pdf" else HTMLExporter
    exporter = exporter_class(
        template_name="lab",
        extra_loaders=[DictLoader({OFFLINE_TEMPLATE_NAME: OFFLINE_TEMPLATE})],
        template_file=OFFLINE_TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
        require_js_url="",
        mathjax_url="",
        widget_renderer_url="",
        jupyter_widgets_base_url="",
    )
    remove = TagRemovePreprocessor(
        remove_cell_tags={"parameters", "injected-parameters", "remove-cell"}, enabled=True
    )
    exporter.register_preprocessor(remove, enabled=True)
    return exporter


def strip_remote(page: str) -> str:
    """Remove any ``<script src=...>`` or ``<link href=...>`` that points at another host.

    Example:
        >>> strip_remote('<script src="https://cdn.x/a.js"></script><p>ok</p>')
        '<p>ok</p>'
    """
    return REMOTE_TAG_RE.sub("", page)


def export_brief(executed: Path, out: Path, *, fmt: str = "html", title: str | None = None) -> Path:
    """Export an executed brief notebook to ``out`` with the code hidden and nothing remote."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.pop("widgets", None)  # no widget state, so no widget-manager script
    if title:
        nb.metadata["title"] = title
    if fmt == "pdf":
        try:
            body, _ = _exporter(fmt).from_notebook_node(nb)
        except RuntimeError as exc:
            raise RuntimeError(Errors.E014.format(reason=str(exc).splitlines()[0])) from exc
        out.write_bytes(body)
        return out
    body, _ = _exporter(fmt).from_notebook_node(nb)
    out.write_text(strip_remote(body), encoding="utf-8")
    return out


def chromium_executable() -> str | None:
    """Return the system Chromium (``/usr/bin/chromium`` on Debian), or ``None``."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return str(CHROMIUM_DEFAULT) if CHROMIUM_DEFAULT.is_file() else None


def print_pdf(page: str, *, executable: str, timeout_ms: int = PDF_TIMEOUT_MS) -> bytes:
    """Print an HTML page to PDF with headless Chromium, every non-file request refused.

    Uses playwright's sync API, so call it outside an event loop (see
    :func:`_pdf_exporter_class`).
    """
    from playwright.sync_api import sync_playwright

    def local_only(route) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    with tempfile.TemporaryDirectory(prefix="toolkit-pdf-") as tmp:
        path = Path(tmp) / "brief.html"
        path.write_text(page, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable,
                args=list(CHROMIUM_FLAGS),
                timeout=timeout_ms,
                handle_sigint=False,
                handle_sigterm=False,
                handle_sighup=False,
            )
            try:
                tab = browser.new_page()
                tab.route("**/*", local_only)
                tab.emulate_media(media="print")
                tab.goto(path.as_uri(), wait_until="load", timeout=timeout_ms)
                return tab.pdf(print_background=True)
            finally:
                browser.close()


def _pdf_exporter_class():
    """Return nbconvert's webpdf exporter printing with the system Chromium, offline."""
    from nbconvert import WebPDFExporter

    class SystemChromiumPDFExporter(WebPDFExporter):
        """``WebPDFExporter`` whose browser is :func:`chromium_executable`; nothing is downloaded."""

        def run_playwright(self, html: str) -> bytes:
            executable = chromium_executable()
            if executable is None:
                raise RuntimeError("Chromium is not installed")
            # playwright's sync API refuses to run inside an event loop (a notebook): use a thread.
            with ThreadPoolExecutor(max_workers=1) as pool:
                job = pool.submit(print_pdf, strip_remote(html), executable=executable)
                try:
                    return job.result()
                except Exception as exc:  # playwright's errors have no common base class
                    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
                    raise RuntimeError(f"Chromium failed: {reason}") from exc

    return SystemChromiumPDFExporter


def _check_webpdf() -> None:
    """Fail before running the notebook when a PDF can't be made."""
    if importlib.util.find_spec("playwright") is None:
        raise RuntimeError(Errors.E014.format(reason="playwright is not installed"))
    if chromium_executable() is None:
        raise RuntimeError(Errors.E014.format(reason="Chromium is not installed"))


def _check_corpus(corpus: Any) -> None:
    """Fail before starting a kernel when no article of the corpus can be read."""
    from toolkit.reading import read_corpus

    paths = [corpus] if isinstance(corpus, str | os.PathLike) else list(corpus)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = read_corpus(paths)
    if articles.empty:
        skipped = articles.attrs.get("errors", [])
        why = "; ".join(f"{e['path']}: {e['reason']}" for e in skipped[:3]) or (
            "no .txt file or .jsonl/.csv/.parquet table there"
        )
        raise ValueError(Errors.E009.format(paths=", ".join(map(str, paths)), why=why))


def render_brief(
    corpus: str | os.PathLike | Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    title: str | None = None,
    date_from: Any = None,
    date_to: Any = None,
    speakers: Sequence[str] | None = None,
    topics: Sequence[str] | None = None,
    target: str | None = None,
    join_quotes: bool = False,
    fmt: str = "html",
    notebook: str | os.PathLike | None = None,
    kernel_name: str | None = None,
    timeout: int = TIMEOUT,
) -> Path:
    """Execute the brief notebook on a corpus and write it as one self-contained file.

    Args:
        corpus: what ``tk.process_corpus`` reads: a folder, a file or a table (or several).
        out: the file to write; a folder gets ``brief.html`` (or ``brief.pdf``) inside.
        title: the brief's heading; defaults to one naming the corpus.
        date_from, date_to: keep claims in this date range (inclusive).
        speakers, topics: keep claims by these speakers, on any of these topics.
        target: measure stance toward this actor instead of each article's tag.
        join_quotes: one claim per statement, a speaker's quotations in a row joined
            (see :func:`toolkit.join_quotes`).
        fmt: ``"html"``, or ``"pdf"`` (needs playwright and Chromium).
        notebook: another brief notebook with the same parameters.
        kernel_name: a Jupyter kernel to run on; by default this Python interpreter.
        timeout: seconds one cell may run.

    Returns:
        The path written.

    Raises:
        ValueError: for an unknown ``fmt``.
        FileNotFoundError: when the notebook is missing.
        RuntimeError: when the notebook fails (the executed notebook is saved next to
            ``out``), or when PDF is asked for without Chromium.

    Example:
        >>> render_brief("data/", "out/", speakers=["Ali Baraka"])  # doctest: +SKIP
        PosixPath('out/brief.html')
    """
    if fmt not in FORMATS:
        raise ValueError(Errors.E005.format(what="format", value=fmt, choices=", ".join(FORMATS)))
    notebook = Path(notebook) if notebook is not None else NOTEBOOK
    if not notebook.is_file():
        raise FileNotFoundError(Errors.E013.format(path=notebook))
    if fmt == "pdf":
        _check_webpdf()
    _check_corpus(corpus)
    out = Path(out)
    if out.is_dir() or (not out.suffix and not out.exists()):
        out = out / f"brief.{fmt}"
    out.parent.mkdir(parents=True, exist_ok=True)
    parameters = _parameters(
        corpus,
        title=title,
        date_from=date_from,
        date_to=date_to,
        speakers=speakers,
        topics=topics,
        target=target,
        join_quotes=join_quotes,
    )
    with tempfile.TemporaryDirectory(prefix="toolkit-brief-") as tmp:
        executed = Path(tmp) / "brief.ipynb"
        try:
            execute_brief(notebook, executed, parameters, kernel_name=kernel_name, timeout=timeout)
        except Exception as exc:
            saved = out.with_suffix(".failed.ipynb")
            if executed.exists():
                shutil.copyfile(executed, saved)
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise RuntimeError(
                Errors.E015.format(corpus=parameters["corpus"], reason=reason, saved=saved)
            ) from exc
        return export_brief(executed, out, fmt=fmt, title=title or default_title(corpus))


# ---------------------------------------------------------------------------
# Display helpers the notebook calls
# ---------------------------------------------------------------------------


def default_title(corpus: Any) -> str:
    """Return the brief's title when none is given.

    Example:
        >>> default_title("/data/nk/")
        'Claims brief: nk'
    """
    if isinstance(corpus, str | os.PathLike):
        name = Path(corpus).name or str(corpus)
    else:
        name = ", ".join(Path(path).name for path in corpus)
    return f"Claims brief: {name}"


def _html(markup: str):
    from IPython.display import HTML

    return HTML(markup)


def header(
    title: str,
    *,
    date_from: Any = None,
    date_to: Any = None,
    speakers: Sequence[str] | None = None,
    topics: Sequence[str] | None = None,
    target: str | None = None,
    join_quotes: bool = False,
):
    """Return the brief's escaped title and a line saying which filters are on (and
    whether quotations in a row make one claim)."""
    filters = []
    if date_from or date_to:
        filters.append(f"dates {date_from or '…'} to {date_to or '…'}")
    if speakers:
        filters.append("speakers: " + ", ".join(speakers))
    if topics:
        filters.append("topics: " + ", ".join(topics))
    if target:
        filters.append(f"target: {target}")
    line = "; ".join(filters) if filters else "all claims"
    if join_quotes:
        line += " (one claim per statement: a speaker's quotations in a row joined)"
    return _html(f"<h1>{html.escape(title)}</h1><p><em>Filters: {html.escape(line)}</em></p>")


def key_figures(articles: pd.DataFrame, claims: pd.DataFrame):
    """Return a small HTML table of articles, claims, speakers and the date span."""
    dates = pd.to_datetime(claims["date"], errors="coerce").dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dated claims"
    rows = [
        ("Articles", f"{claims['doc_id'].nunique()} with claims, of {len(articles)} read"),
        ("Claims", str(len(claims))),
        ("Speakers", str(claims["speaker"].dropna().nunique())),
        ("Date span", span),
    ]
    cells = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return _html(f'<table class="tk-key-figures">{cells}</table>')


def figure_alt(fig) -> str:
    """Return a figure's alternative text: its titles and axis labels."""
    parts = [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) else []
    for ax in fig.get_axes():
        parts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    return "; ".join(part for part in parts if part) or "Figure"


def show(fig, *, alt: str | None = None) -> None:
    """Display a matplotlib figure as an embedded PNG (with alternative text) and close it."""
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    alt = alt or figure_alt(fig)
    display(Image(data=figure_png(fig), format="png"), metadata={"image/png": {"alt": alt}})
    plt.close(fig)


def note(text: str):
    """Return an escaped, muted line of text (for empty sections)."""
    return _html(f"<p><em>{html.escape(text)}</em></p>")


def frame_html(
    frame: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
):
    """Return a frame as an escaped HTML table; list cells are joined with commas.

    Args:
        frame: the table.
        columns: the columns to show, in order (default: all).
        labels: headings for those columns (default: the column names).

    Example:
        >>> frame_html(pd.DataFrame({"quote": ["<b>x</b>"]})).data.count("&lt;b&gt;")
        1
    """
    shown = (frame if columns is None else frame[list(columns)]).copy()
    for column in shown.columns:
        values = shown[column]
        if values.map(lambda v: isinstance(v, list | tuple) or hasattr(v, "tolist")).any():
            shown[column] = values.map(lambda v: ", ".join(map(str, as_list(v))))
        elif pd.api.types.is_datetime64_any_dtype(values):
            shown[column] = values.dt.strftime("%Y-%m-%d").fillna("")
    if labels is not None:
        shown.columns = list(labels)
    table = shown.to_html(index=False, escape=True, na_rep="", border=0, classes="tk-table")
    return _html(TABLE_STYLE + table)


def claims_table(claims: pd.DataFrame):
    """Return the escaped claims table (speaker, quote in its sentence, stance, topics)."""
    return _html(claims_table_html(claims))


def comention_pairs(claims: pd.DataFrame) -> pd.DataFrame:
    """Return the co-mention pairs of the claims' entities (unit: claim)."""
    from toolkit.stats import comention

    return comention(claims, unit="claim")


def top_pairs(pairs: pd.DataFrame, *, top: int = TOP_PAIRS):
    """Return the most significant co-mention pairs (by G²) as an escaped HTML table."""
    if pairs.empty:
        return note("No two entities are named in the same claim.")
    shown = pairs.sort_values(["g2", "count"], ascending=False).head(top).round(3)
    return frame_html(
        shown,
        columns=["a", "b", "count", "npmi", "lift", "p_value"],
        labels=["Entity", "Entity", "Claims together", "NPMI", "Lift", "p-value"],
    )


def top_disagreements(claims: pd.DataFrame, *, top: int = TOP_DISAGREEMENTS):
    """Return the top disagreements between speakers as an escaped HTML table."""
    from toolkit.stats import disagreements

    table = disagreements(claims)
    if table.empty:
        return note("No speakers take opposite stances on the same target.")
    return frame_html(
        table.head(top),
        columns=[
            "target",
            "topics",
            "speaker_a",
            "stance_a",
            "quote_a",
            "speaker_b",
            "stance_b",
            "quote_b",
        ],
        labels=[
            "Target",
            "Shared topics",
            "Speaker",
            "Stance",
            "Quote",
            "Later speaker",
            "Stance",
            "Quote",
        ],
    )


__all__ = [
    "claims_table",
    "comention_pairs",
    "default_title",
    "execute_brief",
    "export_brief",
    "figure_alt",
    "frame_html",
    "header",
    "key_figures",
    "note",
    "render_brief",
    "show",
    "strip_remote",
    "top_disagreements",
    "top_pairs",
]
