"""Start the quotegraph command line from a checkout: ``python cli.py extract seeds/``.

The command line itself lives in ``quotes/cli.py``; the installed ``quotegraph`` script runs the same.
"""

import sys

INSTALL = """\
quotegraph cannot start: the module {name!r} is missing from this Python ({python}).
Install quotegraph with its dependencies in a virtual environment, from this folder:

    python3 -m venv .venv && .venv/bin/pip install '.[dev]'

then run .venv/bin/quotegraph (or .venv/bin/python cli.py), for example:

    .venv/bin/quotegraph extract seeds/
"""

try:
    from quotes.cli import app
except ModuleNotFoundError as missing:  # outside an install: say how to install, not a traceback
    sys.stderr.write(INSTALL.format(name=missing.name, python=sys.executable))
    sys.exit(2)

if __name__ == "__main__":
    app()
