"""The docs stand alone: the glossary names code that exists, and nothing cites files outside the repository.

Sources are cited by title and section, or by the article of an act (docs/sources.md); the working
extracts and converted source texts the product was built from are not part of the repository.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.db import models

import ksr

ROOT = Path(__file__).resolve().parents[3]
DOCS = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md", ROOT / "CONTRIBUTING.md"]

# A citation of a file that is not in the repository: a working extract (three digits and ".md"), a
# converted source text ("seed" and its number, the seeds folder, the shared folder next to the
# repository) or a line of one ("L" and a line number). Written so that it does not match itself.
OUTSIDE_CITATION = re.compile(
    r"\b\d{3}[ab]?\.md\b|\bseed \d{3}\b|seeds[/]|(?<![\w/])L\d{3,}\b|\.\.[/]shared", re.IGNORECASE
)

# --------------------------------------------------------------------------------------------
# (a) every code name in the glossary exists
# --------------------------------------------------------------------------------------------

IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
DOTTED = re.compile(rf"^{IDENTIFIER}(?:\.{IDENTIFIER})+$")
CALL = re.compile(rf"^(?P<name>{IDENTIFIER}(?:\.{IDENTIFIER})*)\((?P<field>{IDENTIFIER})=(?P<value>[^)]*)\)$")
CAMEL = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+$|^[A-Z][a-z]+[A-Z]?[a-z0-9]*$")
CONSTANT = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def _ksr_modules() -> list[ModuleType]:
    found = []
    for info in pkgutil.walk_packages(ksr.__path__, "ksr."):
        parts = info.name.split(".")
        if {"tests", "migrations", "management"} & set(parts) or parts[-1] in {"settings", "wsgi", "asgi", "conftest"}:
            continue
        found.append(importlib.import_module(info.name))
    return found


@cache
def _index() -> dict[str, list[Any]]:
    """Every class, function and constant defined in a ksr module, by name."""
    index: dict[str, list[Any]] = {}
    for module in _ksr_modules():
        for name, value in vars(module).items():
            if getattr(value, "__module__", module.__name__) == module.__name__ or name.isupper():
                index.setdefault(name, []).append(value)
    return index


@cache
def _field_names_and_values() -> set[str]:
    """Model field names and choice values: what a snake_case glossary name may also be."""
    names: set[str] = set()
    for model in apps.get_models():
        if model.__module__.startswith("ksr."):
            names.update(f.name for f in model._meta.get_fields())
    for values in _index().values():
        for value in values:
            if isinstance(value, type) and issubclass(value, models.Choices):
                names.update(str(v) for v in value.values)
    return names


def _walk(obj: Any, parts: list[str]) -> bool:
    for part in parts:
        if hasattr(obj, part):
            obj = getattr(obj, part)
        elif isinstance(obj, ModuleType):
            try:
                obj = importlib.import_module(f"{obj.__name__}.{part}")
            except ModuleNotFoundError:
                return False
        else:
            return False
    return True


def _resolves(name: str) -> bool:
    first, *rest = name.split(".")
    if apps.is_installed(f"ksr.{first}") and rest:
        app_module = importlib.import_module(f"ksr.{first}")
        if _walk(app_module, rest):
            return True
        # "networks.AuspicesAct": a name from any module of the app
        return any(
            value.__module__.startswith(f"ksr.{first}.") and _walk(value, rest[1:])
            for value in _index().get(rest[0], [])
            if hasattr(value, "__module__")
        )
    return any(_walk(value, rest) for value in _index().get(first, []))


def code_names(text: str) -> list[str]:
    """The names in backticks that look like code identifiers (classes, dotted names, snake_case)."""
    names: list[str] = []
    for span in re.findall(r"`([^`]+)`", text):
        span = span.strip()
        first, *others = [p.strip() for p in span.split(" / ")]
        call = CALL.match(first)
        if call:
            names.append(call["name"])
            names.append(f"{call['name']}.{call['field']}")
            continue
        if not (DOTTED.match(first) or CAMEL.match(first) or CONSTANT.match(first) or SNAKE.match(first)):
            continue
        names.append(first)
        # "UnitLevel.VOIVODESHIP / POWIAT / GMINA": the others are siblings of the first
        parent = first.rsplit(".", 1)[0] if "." in first else None
        names += [f"{parent}.{o}" for o in others if parent and re.fullmatch(IDENTIFIER, o)]
    return names


def missing_glossary_names(text: str) -> list[str]:
    missing = []
    for name in dict.fromkeys(code_names(text)):
        if SNAKE.match(name) and "." not in name:
            if name in _field_names_and_values() or name in _index():
                continue
        elif _resolves(name):
            continue
        missing.append(name)
    return missing


def test_code_names_in_the_glossary_exist():
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert len(code_names(text)) > 50  # the parser found the names
    assert missing_glossary_names(text) == []


def test_the_glossary_check_notices_a_name_that_does_not_exist():
    text = "| x | y | `registry.Organisation`, `NoSuchThing`, `cases.Participant.no_such_field`, `no_such_name` |"
    assert missing_glossary_names(text) == ["NoSuchThing", "cases.Participant.no_such_field", "no_such_name"]


# --------------------------------------------------------------------------------------------
# (b), (c) nothing cites files outside the repository
# --------------------------------------------------------------------------------------------


def outside_citations(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OUTSIDE_CITATION.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    return found


_MD, _LINE, _UP, _SEED = ".md", "L", "../", "seed"  # so that this file does not cite anything itself


@pytest.mark.parametrize(
    "cited",
    [f"001a{_MD} §6.2 R3", f"{_SEED} 001 {_LINE}436", f"({_LINE}1562)", f"{_UP}shared/x", f"002{_MD} §3.3.2"],
)
def test_the_citation_pattern_finds_outside_files(cited):
    assert OUTSIDE_CITATION.search(cited)


@pytest.mark.parametrize(
    "fine", ["Model KSR, II.3", "UZS art. 18a ust. 1", "HTML5", "README.md", "0002-access-model.md", f"UR{_LINE}1234"]
)
def test_the_citation_pattern_leaves_citations_by_title_alone(fine):
    assert not OUTSIDE_CITATION.search(fine)


def test_docs_cite_no_file_outside_the_repository():
    assert outside_citations(DOCS) == []


def test_code_cites_no_file_outside_the_repository():
    paths = [
        p
        for p in sorted((ROOT / "ksr").rglob("*"))
        if p.suffix in (".py", ".html", ".po", ".txt", ".md") and "__pycache__" not in p.parts
    ]
    assert outside_citations(paths) == []
