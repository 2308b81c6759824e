"""Start the quotegraph command line from a checkout: ``python cli.py extract seeds/``.

The command line itself lives in ``quotes/cli.py``; the installed ``quotegraph`` script runs the same.
"""

from quotes.cli import app

if __name__ == "__main__":
    app()
