"""The README's output samples are what the code prints now: its seed table, its record and the
others are remade by docs/make_readme_samples.py, and this test fails when they are stale."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "make_readme_samples.py"


@pytest.fixture(scope="module")
def samples():
    spec = importlib.util.spec_from_file_location("make_readme_samples", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def readme(samples):
    return samples.readme_samples((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_has_every_sample(samples, readme):
    assert set(readme) == set(samples.SAMPLES)
    assert {"extract-table", "extract-record"} <= set(readme)


@pytest.mark.parametrize("name", ["extract-table", "extract-record", "claim-record", "evaluate-table",
                                  "transcript-text", "transcript-claims"])
def test_readme_sample_is_what_the_code_prints(samples, readme, name):
    made = samples.render_samples([name])[name]
    assert readme[name] == made, f"README.md's {name} is stale: run python docs/make_readme_samples.py"


def test_readme_record_is_the_jsonl_record(samples, readme):
    """The record sample is JSON, the same object ``extract`` writes for that quote."""
    import json

    assert json.loads(readme["extract-record"]) == samples.split_record()
    assert "\u2026" in json.loads(readme["extract-record"])["text"]


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("<!-- sample a -->\n```text\nold\n```\n<!-- /sample -->\n", {"a": "new\n"}),
        ("x\n<!-- sample b-c -->\n```json\n{}\n```\n<!-- /sample -->\ny\n", {"b-c": "{\"k\": 1}\n"}),
    ],
)
def test_samples_are_replaced_in_place(samples, body, names):
    done = samples.with_samples(body, names)
    assert samples.readme_samples(done) == names
    assert samples.with_samples(done, samples.readme_samples(body)) == body
