"""The shipped notebooks: stored clean, parametrised for papermill, and they run on data/."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from toolkit.brief import NOTEBOOK, execute_brief

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
DATA = REPO / "data"
BRIEF_PARAMETERS = {
    "corpus", "title", "date_from", "date_to", "speakers", "topics", "target", "join_quotes",
}  # fmt: skip


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


@pytest.mark.parametrize("name", ["brief.ipynb", "explore.ipynb"])
def test_stored_without_outputs(name):
    nb = read(name)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
    assert nb.metadata.kernelspec.name == "python3"


def test_brief_notebook_is_found_from_the_package():
    assert NOTEBOOK == NOTEBOOKS / "brief.ipynb"
    assert NOTEBOOK.is_file()


def test_brief_parameters_cell():
    nb = read("brief.ipynb")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assigned = {
        target.id
        for node in ast.parse(tagged[0].source).body
        if isinstance(node, ast.Assign)
        for target in node.targets
    }
    assert assigned == BRIEF_PARAMETERS


def test_brief_reads_well_without_code():
    nb = read("brief.ipynb")
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown"]
    assert all(h.startswith("#") for h in headings)
    assert "## Claims" in headings


def run(tmp_path: Path, notebook: Path, parameters: dict) -> nbformat.NotebookNode:
    executed = tmp_path / notebook.name
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "cache"))
        mp.chdir(tmp_path)
        execute_brief(notebook, executed, parameters, timeout=600)
    nb = nbformat.read(executed, as_version=4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    return nb


def outputs_of(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    return [
        o.data[mime]
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.output_type in ("display_data", "execute_result") and mime in o.get("data", {})
    ]


@pytest.mark.slow
def test_brief_runs_when_nothing_matches(tmp_path):
    nb = run(
        tmp_path,
        NOTEBOOK,
        {"corpus": str(DATA), "speakers": ["Nobody At All"], "title": None},
    )
    page = "".join(outputs_of(nb, "text/html"))
    assert "No claims match the filters." in page
    assert "No claims." in page


@pytest.mark.slow
def test_explore_notebook_shows_the_explorer(tmp_path):
    # the notebook opens "../data/" from notebooks/, where Jupyter runs it
    (tmp_path / "data").symlink_to(DATA, target_is_directory=True)
    (tmp_path / "notebooks").mkdir()
    nb = run(tmp_path / "notebooks", NOTEBOOKS / "explore.ipynb", {})
    assert outputs_of(nb, "application/vnd.jupyter.widget-view+json")
