from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline, loaded once for the whole run."""
    from quotes.run import load_pipeline

    return load_pipeline()
