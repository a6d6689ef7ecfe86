"""Find and load the lexicons and taxonomies shipped in the repository's ``data/``.

``TOOLKIT_DATA_DIR`` overrides the folder, so an analyst can point the toolkit at a
copy of the lexicons they have edited.

Example:
    >>> from toolkit.resources import load_yaml
    >>> "say" in load_yaml("cues.yml")["verbs"]
    True
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import Errors

PACKAGED_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """Return the folder that holds the lexicons: ``TOOLKIT_DATA_DIR`` or the repository's ``data/``."""
    return Path(os.environ.get("TOOLKIT_DATA_DIR", PACKAGED_DATA_DIR))


def data_path(name: str | os.PathLike) -> Path:
    """Return the path of a data file, accepting an absolute path or a name inside :func:`data_dir`;
    a file the analyst's folder does not hold is the repository's own, so a folder of the
    few files one has edited is enough."""
    path = Path(name)
    if path.is_absolute() or path.exists():
        return path
    for folder in (data_dir(), PACKAGED_DATA_DIR):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(Errors.E007.format(name=name, where=data_dir()))


@cache
def _load_yaml_cached(path: str, mtime: float) -> Any:
    with open(path, encoding="utf-8") as handle:
        try:
            return yaml.safe_load(handle)
        except yaml.YAMLError as exc:
            raise ValueError(
                Errors.E008.format(path=path, reason=str(exc).replace("\n", " "))
            ) from exc


def load_yaml(name: str | os.PathLike) -> Any:
    """Load a YAML data file by name or path; re-read when the file changes."""
    path = data_path(name)
    return _load_yaml_cached(str(path), path.stat().st_mtime)


def string_list(value: Any, what: str, source: str) -> list[str]:
    """A data file's list of strings (``None`` reads as empty); anything else is an E008.

    Example:
        >>> string_list(["a", "b"], "aliases", "gazetteer.yml")
        ['a', 'b']
    """
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(
            Errors.E008.format(path=source, reason=f"'{what}' must be a list of strings")
        )
    return value
