"""The house rules of ``docs/architecture.md``, checked on the source: who imports whom, where names live.

- Only the stage table (``pipeline.stages``), the CLI and the evaluation room import a stage
  package from outside; a stage package imports no other stage package, and of the
  evaluation room only its pure scorer (its ``commands`` module may ask the stage table for a
  file name).
- No import cycle between the package's modules.
- Stage-file names are spelled (as code, not prose) only in the stage table.
- ``pipeline/ner`` and ``pipeline/relations`` hold no evaluation, training or scoring code.
- ``evidence --help`` imports no spaCy.
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.stages import STAGE_FILES, STAGES

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"
STAGE_PACKAGES = {f"pipeline.{stage.function.__module__.split('.')[1]}" for stage in STAGES}
CONSUMERS = ("pipeline.stages", "pipeline.cli", "pipeline.evaluation")
SCORER = "pipeline.evaluation.scoring"  # the one P/R/F1 scorer; reconcile's metrics use it too


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _package_of(name: str) -> str:
    return name if MODULES.get(name, Path()).name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str) -> set[str]:
    """Every pipeline module ``name`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name).split(".")
                base = base[:len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # "from . import x" imports the submodule x when there is one
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in MODULES else module for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES)
    return found - {name}


GRAPH = {name: _imports(name) for name in MODULES}


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_graph_sees_the_stage_table_import_every_stage():
    assert STAGE_PACKAGES == {"pipeline.ingest", "pipeline.ner", "pipeline.relations", "pipeline.reconcile",
                              "pipeline.report"}
    assert {p for p in STAGE_PACKAGES if any(_in(t, p) for t in GRAPH["pipeline.stages"])} == STAGE_PACKAGES


def test_each_stage_function_takes_exactly_the_files_the_table_names():
    for stage in STAGES:
        parameters = inspect.signature(stage.function).parameters
        keywords = {name for name, p in parameters.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
        assert keywords == set(stage.reads + stage.may_read + stage.writes), stage.name
        assert keywords <= set(STAGE_FILES), stage.name
    written = [key for stage in STAGES for key in stage.writes]
    assert len(written) == len(set(written))  # one writer per file


def test_only_the_stage_table_the_cli_and_evaluation_import_a_stage_package():
    wrong = []
    for name, targets in GRAPH.items():
        if any(_in(name, c) for c in CONSUMERS):
            continue
        own = next((p for p in STAGE_PACKAGES if _in(name, p)), None)
        for target in targets:
            if own is None and any(_in(target, p) for p in STAGE_PACKAGES):
                wrong.append(f"{name} -> {target} (shared module imports a stage)")
            elif own is not None and any(_in(target, p) for p in STAGE_PACKAGES - {own}):
                wrong.append(f"{name} -> {target} (a stage imports another stage)")
            elif own is not None and _in(target, "pipeline.evaluation") and target != SCORER:
                wrong.append(f"{name} -> {target} (a stage imports the evaluation room)")
            elif (own is not None and target in ("pipeline.stages", "pipeline.cli")
                  and not name.endswith(".commands")):
                wrong.append(f"{name} -> {target} (a stage imports the table or the CLI)")
    assert wrong == []


def test_no_import_cycle():
    # explicit imports only: a package's __init__ importing its own submodules is how Python packages work
    edges = GRAPH
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target] if target in path else [name, target])
            elif target not in state:
                visit(target, path + [target])
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings, with their line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_stage_file_names_are_spelled_only_in_the_stage_table():
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in STAGE_FILES.values()) + r")(?!\w)")
    spelled = [f"{name}:{line}: {text!r}" for name, path in MODULES.items() if name != "pipeline.stages"
               for line, text in _code_strings(path) if pattern.search(text)]
    assert spelled == []


def test_the_name_check_finds_a_spelled_name(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('"""Writes mentions.jsonl (prose is fine)."""\nOUT = "mentions.jsonl"\n', encoding="utf-8")
    assert [text for _, text in _code_strings(probe)] == ["mentions.jsonl"]


EVALUATION_WORDS = re.compile(r"evaluat|train|scor|(^|_)f1|precision|recall|chemprot|devset|benchmark")


@pytest.mark.parametrize("package", ["pipeline.ner", "pipeline.relations"])
def test_extraction_rooms_hold_no_evaluation_training_or_scoring(package):
    found = []
    for name, path in MODULES.items():
        if not _in(name, package):
            continue
        if EVALUATION_WORDS.search(name.rpartition(".")[2]):
            found.append(f"module {name}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{name}.{node.name}" for node in tree.body
                  if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and EVALUATION_WORDS.search(node.name.lower())]
        found += [f"{name} -> {t}" for t in GRAPH[name] if _in(t, "pipeline.evaluation") or _in(t, "pipeline.corpora")]
    assert found == []


def test_help_imports_no_spacy():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "pipeline", "--help"],
                            capture_output=True, text=True, check=True)
    imported = {line.rpartition("|")[2].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "pipeline.stages" in imported  # the check sees the modules --help loads
    assert sorted(m for m in imported if m.split(".")[0] in ("spacy", "scispacy", "thinc")) == []


def test_tests_scripts_and_benchmarks_build_stage_file_paths_from_the_table():
    # A path to a stage file is built from STAGE_FILES; a string that only *is* a file's name is a
    # second spelling. Messages that mention a file ("mentions.jsonl:2: not valid JSON") are fine:
    # they check what a user reads.
    names = set(STAGE_FILES.values())
    this_file = Path(__file__).resolve()
    spelled = [f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}"
               for folder in ("tests", "scripts", "benchmarks")
               for path in sorted((PACKAGE.parent / folder).rglob("*.py")) if path.resolve() != this_file
               for line, text in _code_strings(path) if text in names]
    assert spelled == []
