"""Extraction never reads the gold table: no extraction module imports ``pipeline.gold``,
names the gold folder, or takes the run's ``gold_dir``.

``annotations/relations_dev/`` (the relations stage's own development set) is not the gold table.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PIPELINE = Path(__file__).resolve().parent.parent.parent / "pipeline"
EXTRACTION_PACKAGES = ("ingest", "ner", "relations")
_GOLD_PATH = re.compile(r"(^|[/\\])annotations([/\\](?!relations_dev)|$)")
_GOLD_NAMES = {"gold_dir", "DEFAULT_GOLD_DIR", "load_gold", "validate_gold"}


def _path_parts(node: ast.AST) -> list[ast.AST]:
    """The operands of a ``a / "b" / "c"`` path expression, left to right."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _path_parts(node.left) + _path_parts(node.right)
    return [node]


def _joined_path_constants(tree: ast.AST) -> tuple[list[tuple[int, str]], set[int]]:
    """String pieces of ``/`` path expressions joined ("annotations" / "x" -> "annotations/x")."""
    joined, inside = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and id(node) not in inside:
            parts = _path_parts(node)
            strings = [p for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)]
            if strings:
                joined.append((node.lineno, "/".join(p.value for p in strings)))
                inside.update(id(p) for p in strings)
            inside.update(id(n) for n in ast.walk(node))
    return joined, inside


def _gold_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    joined, inside_paths = _joined_path_constants(tree)
    found = [f"line {line}: path {value!r}" for line, value in joined if _GOLD_PATH.search(value)]
    for node in ast.walk(tree):
        if id(node) in inside_paths and isinstance(node, ast.Constant):
            continue
        if isinstance(node, ast.ImportFrom):
            module = ("." * node.level) + (node.module or "")
            if re.search(r"(^|\.)gold(\.|$)", module):
                found.append(f"line {node.lineno}: from {module} import ...")
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names if ".gold" in a.name]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _GOLD_PATH.search(node.value):
            found.append(f"line {node.lineno}: path {node.value!r}")
        elif isinstance(node, ast.Attribute) and node.attr in _GOLD_NAMES:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in _GOLD_NAMES:
            found.append(f"line {node.lineno}: {node.id}")
    return found


def _extraction_modules() -> list[Path]:
    return sorted(p for package in EXTRACTION_PACKAGES for p in (PIPELINE / package).rglob("*.py"))


def test_the_scan_catches_a_gold_import(tmp_path: Path) -> None:
    module = tmp_path / "sneaky.py"
    module.write_text("from ..gold import load_gold\nPATH = 'annotations/findings.tsv'\n"
                      "DEV = 'annotations/relations_dev/x.tsv'\ndef f(ctx):\n    return ctx.gold_dir\n"
                      "GOLD = ROOT / 'annotations' / 'agents.tsv'\nOK = ROOT / 'annotations' / 'relations_dev'\n",
                      encoding="utf-8")
    assert _gold_uses(module) == ["line 6: path 'annotations/agents.tsv'", "line 1: from ..gold import ...",
                                  "line 2: path 'annotations/findings.tsv'", "line 5: .gold_dir"]


@pytest.mark.parametrize("path", _extraction_modules(), ids=lambda p: str(p.relative_to(PIPELINE)))
def test_extraction_module_does_not_read_gold(path: Path) -> None:
    assert _gold_uses(path) == [], f"{path} reaches the gold table"
