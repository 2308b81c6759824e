"""The house's rooms: data flows one way, and other rooms import a room only through its package.

Order of the flow (a module may import from its own room and from rooms before it):
the shared base (``quotes.model``, ``quotes.text``, ``quotes.lexicon``), ``io``, ``enrich``,
``engine``, ``claims``, the spaCy ``component``, ``graph``, ``run``, ``evaluate``, and ``cli``.
``quotes/__init__.py`` is the public front door and may reach any room.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOW = ("base", "io", "enrich", "engine", "claims", "component", "graph", "run", "evaluate", "cli")
ROOMS = ("io", "enrich", "engine", "claims", "run", "evaluate")
BASE = {"quotes", "quotes.model", "quotes.text", "quotes.lexicon", "quotes.lexicons"}


def room_of(module: str) -> str | None:
    """The room a dotted module name belongs to, or None for modules outside the project."""
    parts = module.split(".")
    if parts[0] == "graph":
        return "graph"
    if parts[0] != "quotes":
        return None
    if module in BASE:
        return "base"
    if parts[1] in ROOMS or parts[1] in ("component", "cli"):
        return parts[1]
    raise AssertionError(f"{module}: a module outside every room; add it to the flow")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every project import in a file, top-level or inside a function, as absolute names."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def imports_in(source: str, name: str, is_package: bool = False) -> list[tuple[int, str]]:
    package = name if is_package else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
    return [(line, target) for line, target in found if room_of(target) is not None]


SOURCES = sorted(p for p in [*(ROOT / "quotes").rglob("*.py"), *(ROOT / "graph").rglob("*.py")]
                 if p != ROOT / "quotes" / "__init__.py")


def backward_imports(imports: list[tuple[int, str]], name: str) -> list[str]:
    own = room_of(name)
    return [f"{name}:{line} imports {target} ({room_of(target)}), which sits after {own} in the flow"
            for line, target in imports if FLOW.index(room_of(target)) > FLOW.index(own)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_runs_back_up_the_flow(path):
    assert backward_imports(imports_of(path), module_name(path)) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_other_rooms_enter_a_room_through_its_package(path):
    own = room_of(module_name(path))
    for line, target in imports_of(path):
        parts = target.split(".")
        theirs = room_of(target)
        if theirs != own and theirs in ROOMS:
            assert len(parts) == 2, f"{path.relative_to(ROOT)}:{line} reaches inside {theirs}: import from quotes.{theirs}"


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_says_what_it_is_for_and_exports(room):
    init = ROOT / "quotes" / room / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"quotes/{room}/__init__.py has no docstring"
    exported = [n for n in tree.body if isinstance(n, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
    assert exported, f"quotes/{room}/__init__.py has no __all__"


@pytest.mark.parametrize(("source", "name", "backward"), [
    ("def f():\n    from ..run import load_pipeline\n", "quotes.engine.reported", 1),  # lazy, still caught
    ("from quotes.evaluate import score\n", "quotes.run.commands", 1),
    ("from ..enrich import annotate_quote\nfrom ..model import Quote\n", "quotes.engine.assemble", 0),
    ("from .speakers import fold\nimport spacy\n", "quotes.engine.reported", 0),
    ("from quotes.enrich import clean_person_name\n", "graph.build", 0),
])
def test_the_checker_itself(source, name, backward):
    assert len(backward_imports(imports_in(source, name), name)) == backward
