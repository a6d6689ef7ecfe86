"""Real-browser tests: the explorer in JupyterLab, the brief offline, the PDF brief.

The browser is the system's Chromium (Debian's ``apt-get install chromium``) driven by
playwright from PyPI; nothing downloads a browser. Every test here skips, saying why,
where either is missing. Screenshots go to ``test-artifacts/`` for a look afterwards.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from toolkit.brief import CHROMIUM_FLAGS, chromium_executable, render_brief
from toolkit.explorer import PAGE_SIZE

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = chromium_executable()

LAB_START_S = 90  # the server answering /api/status
NOTEBOOK_OPEN_MS = 60_000  # Lab's page, the notebook and its kernel
RUN_START_MS = 15_000  # a code cell's prompt showing [*] after Run All
EXPLORER_MS = 180_000  # run all: import spaCy, process data/, draw the explorer
REDRAW_MS = 30_000  # one filter change

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("playwright") is None,
        reason="playwright is not installed (pip install -e '.[dev]')",
    ),
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed (apt-get install chromium); browser tests skipped",
    ),
]


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS), timeout=60_000
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


class Requests:
    """A page route that lets through only the allowed URLs and records the rest."""

    def __init__(self, allowed: tuple[str, ...]) -> None:
        self.allowed = allowed
        self.blocked: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        if url.startswith(self.allowed):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


# -- the explorer in JupyterLab ------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_for_server(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + LAB_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited with {process.returncode}:\n{tail(log)}")
        try:
            get_json(f"{url}/api/status")
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {LAB_START_S} s:\n{tail(log)}")


def lab_env(tmp: Path, cache_dir: Path) -> dict[str, str]:
    """This venv's environment with Jupyter's user folders in tmp: no user kernels,
    settings, workspaces or startup files leak in, and the news popup stays off."""
    dirs = {
        name: tmp / folder
        for name, folder in (
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "share"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTERLAB_SETTINGS_DIR", "settings"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
            ("IPYTHONDIR", "ipython"),
        )
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    labconfig = dirs["JUPYTER_CONFIG_DIR"] / "labconfig"
    labconfig.mkdir()
    (labconfig / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER")}
    env.update({name: str(path) for name, path in dirs.items()})
    env["TOOLKIT_CACHE_DIR"] = str(cache_dir)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def assert_kernel_is_this_python(env: dict[str, str]) -> None:
    """The python3 kernel Lab offers is this venv's (ipykernel's native spec runs the
    server's own interpreter, which is this one)."""
    listing = subprocess.run(
        [sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    spec = json.loads(listing.stdout)["kernelspecs"]["python3"]
    argv0 = spec["spec"]["argv"][0]
    in_venv = Path(spec["resource_dir"]).resolve().is_relative_to(Path(sys.prefix).resolve())
    assert in_venv or Path(argv0).resolve() == Path(sys.executable).resolve(), spec
    assert argv0 in ("python", sys.executable), spec


@dataclass(frozen=True)
class Lab:
    url: str
    log: Path


@pytest.fixture(scope="module")
def lab(tmp_path_factory, cache_dir) -> Iterator[Lab]:
    """JupyterLab on 127.0.0.1 with no token, rooted in a copy of notebooks/ and data/."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_*"))
    shutil.copytree(DATA, root / "data")  # the notebook opens "../data/"
    env = lab_env(root / ".jupyter-home", cache_dir)
    assert_kernel_is_this_python(env)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = root / "lab.log"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:  # CI containers run as root, which Jupyter refuses by default
        command.append("--allow-root")
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_server(url, process, log)
        yield Lab(url, log)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def wait_until_idle(page, timeout_ms: int) -> None:
    """Wait for a kernel that is connected and idle: the toolbar's indicator says idle
    (it does before a kernel exists too) and the status bar names a kernel, "| Idle"."""
    page.wait_for_function(
        """() => {
            const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const items = Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'));
            return indicator !== null && indicator.dataset.status === 'idle'
                && items.some(item => /^(?!No Kernel).+ \\| Idle$/.test(item.textContent.trim()));
        }""",
        timeout=timeout_ms,
    )


def run_all_cells(page) -> None:
    """Run → Run All Cells, as an analyst would, and wait for a code cell to start.

    Should Lab first ask which kernel (a cell run before the kernel is attached), the
    page's dialog handler picks the default and the menu is used once more.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    for attempt in range(2):
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        try:
            page.wait_for_function(
                """() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
                    .some(prompt => /\\[(\\*|\\d+)\\]/.test(prompt.textContent))""",
                timeout=RUN_START_MS,
            )
            return
        except PlaywrightTimeoutError:
            if attempt:
                raise


SNAPSHOT_JS = """() => ({
    rows: document.querySelectorAll('.tk-claims tr.tk-claim').length,
    plots: Array.from(document.querySelectorAll('img.widget-image')).map(img => img.src),
    summary: Array.from(document.querySelectorAll('.widget-html-content'))
        .map(el => el.textContent).find(text => / of \\d+ claims/.test(text)) || null,
})"""


@pytest.fixture(scope="module")
def sample_claims(cache_dir):
    """data/'s claims, as the kernel will find them (and in the cache it will read)."""
    from toolkit.pipeline import process_corpus

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TOOLKIT_CACHE_DIR", str(cache_dir))
        return process_corpus(DATA, cache=True).claims


def test_explorer_filters_in_jupyterlab(browser, lab, sample_claims):
    total = len(sample_claims)
    n_oppose = int((sample_claims["stance"] == "oppose").sum())
    rows_all, rows_oppose = min(total, PAGE_SIZE), min(n_oppose, PAGE_SIZE)
    assert rows_oppose != rows_all, "data/ needs fewer oppose claims than a page shows"

    requests = Requests(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.route("**/*", requests)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Should a cell run before the kernel is attached, Lab asks which kernel: the default.
    page.add_locator_handler(
        page.locator(".jp-Dialog", has_text="Select Kernel"),
        lambda dialog: dialog.locator(".jp-mod-accept").click(),
    )
    try:
        page.goto(f"{lab.url}/lab/tree/notebooks/explore.ipynb", timeout=NOTEBOOK_OPEN_MS)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=NOTEBOOK_OPEN_MS)
        wait_until_idle(page, NOTEBOOK_OPEN_MS)

        run_all_cells(page)
        page.wait_for_selector(".tk-claims tr.tk-claim", timeout=EXPLORER_MS)
        wait_until_idle(page, EXPLORER_MS)
        # Charts are drawn while their tab is open: open it, so a filter change redraws them.
        page.locator(".lm-TabBar-tabLabel", has_text=re.compile(r"^Charts$")).click()
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('img.widget-image'))"
            ".filter(img => img.src && img.src !== window.location.href).length === 2",
            timeout=REDRAW_MS,
        )
        wait_until_idle(page, REDRAW_MS)
        before = page.evaluate(SNAPSHOT_JS)
        shot = artifact("explorer-all.png")
        page.screenshot(path=shot)
        print(f"screenshot: {shot}")
        assert before["rows"] == rows_all, before
        assert len(before["plots"]) == 2 and all(before["plots"]), before

        page.locator(
            ".widget-toggle-button", has_text=re.compile(r"^\s*oppose \(\d+\)\s*$")
        ).click()
        page.wait_for_function(
            f"""() => {{
                const now = ({SNAPSHOT_JS})();
                return now.summary !== {json.dumps(before["summary"])}
                    && now.plots.every((src, i) => src && src !== {json.dumps(before["plots"])}[i]);
            }}""",
            timeout=REDRAW_MS,
        )
        wait_until_idle(page, REDRAW_MS)
        after = page.evaluate(SNAPSHOT_JS)
        shot = artifact("explorer-oppose.png")
        page.screenshot(path=shot)
        print(f"screenshot: {shot}")

        chart = page.locator("img.widget-image").first
        chart.wait_for(state="visible", timeout=REDRAW_MS)
        width = chart.evaluate("img => img.complete ? img.naturalWidth : 0")
        shot = artifact("explorer-oppose-charts.png")
        page.screenshot(path=shot)
        print(f"screenshot: {shot}")
    except Exception as exc:
        shot = artifact("explorer-failed.png")
        page.screenshot(path=shot)
        raise AssertionError(
            f"{exc}\nscreenshot: {shot}\npage errors: {errors}\nJupyterLab's log:\n{tail(lab.log)}"
        ) from exc
    finally:
        page.close()

    assert after["rows"] == rows_oppose != before["rows"], (before, after)
    assert after["summary"].strip().startswith(f"{n_oppose} of {total} claims"), after
    assert all(new != old for new, old in zip(after["plots"], before["plots"], strict=True))
    assert width > 0
    assert errors == []
    assert requests.blocked == []


# -- the brief, offline --------------------------------------------------------------------


@pytest.fixture(scope="module")
def brief_file(tmp_path_factory, cache_dir) -> Path:
    out = tmp_path_factory.mktemp("brief") / "brief.html"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TOOLKIT_CACHE_DIR", str(cache_dir))
        return render_brief(DATA, out, title="Sample brief")


def test_brief_loads_offline_with_its_images(browser, brief_file):
    context = browser.new_context(offline=True)
    requests = Requests(("file:", "data:"))
    context.route("**/*", requests)
    seen: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: seen.append(request.url))
    try:
        page.goto(brief_file.as_uri(), wait_until="load", timeout=30_000)
        images = page.eval_on_selector_all(
            "img", "imgs => imgs.map(img => [img.complete, img.naturalWidth, img.alt])"
        )
        shot = artifact("brief.png")
        page.screenshot(path=shot, full_page=True)
        print(f"screenshot: {shot}")
    finally:
        context.close()
    assert requests.blocked == []
    assert [url for url in seen if not url.startswith(("file:", "data:"))] == []
    assert images, "the brief has no images"
    assert all(complete and width > 0 for complete, width, _ in images), images


# -- PDF ------------------------------------------------------------------------------------


def test_pdf_brief_from_the_command_line(tmp_path, cache_dir):
    out = tmp_path / "brief.pdf"
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(cache_dir)}
    command = ["brief", "--corpus", str(DATA), "--out", str(out), "--format", "pdf"]
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", *command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 20_000
    assert b"/Image" in pdf
