"""Text shown on a terminal: what an article or a file name holds may not drive the terminal.

An article can hold ``ESC [2J`` (clear the screen), ``ESC ]0;title BEL`` (set the window's
title) or a right-to-left override that reorders the line it sits in; a file name can hold
them too. Everything quotegraph prints for a person to read (messages on stderr, the table,
records written to a terminal) goes through :func:`shown`, which writes each control
character as a visible escape: ``ESC`` as ``\\x1b``, a C1 control or a bidirectional
override as ``\\u009b`` or ``\\u202e``. Files and pipes get the text exactly as it is.
"""

from __future__ import annotations

from typing import IO, Any

# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they
# reorder what follows them on the line ("Trojan Source").
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


# C0 controls as \xNN; DEL, the C1 controls and the bidirectional controls as \uNNNN, which
# is also a JSON escape: records written to a terminal stay valid JSON (json.dumps already
# writes the C0 controls as \u00NN).
_ESCAPES = {code: _escape(code) for code in [*range(0x20), *range(0x7F, 0xA0)]}  # Unicode's Cc, all of it
_ESCAPES.update({ord(ch): _escape(ord(ch)) for ch in BIDI_CONTROLS})


def shown(text: str, keep: str = "") -> str:
    """``text`` safe to print on a terminal: every control character but those in ``keep``
    (``"\\n"`` for text of several lines) written as a visible escape."""
    if text.isprintable() or not any(ord(ch) in _ESCAPES and ch not in keep for ch in text):
        return text
    table = _ESCAPES if not keep else {code: escape for code, escape in _ESCAPES.items() if chr(code) not in keep}
    return text.translate(table)


class TerminalStream:
    """A text stream that writes :func:`shown` text to a terminal (line breaks and tabs kept);
    anything else (``isatty``, ``fileno``, ``encoding``) is the terminal's own."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(shown(text, keep="\n\t"))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def for_terminal(stream: IO[str]) -> IO[str]:
    """``stream`` itself, or a :class:`TerminalStream` over it when it is a terminal."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    return TerminalStream(stream) if terminal else stream  # type: ignore[return-value]
