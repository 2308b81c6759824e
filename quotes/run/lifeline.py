"""Worker processes end when the process that started them ends, however it ends.

A parent killed outright (``kill -9``, the out-of-memory killer) runs no clean-up, and its
workers, each holding a spaCy pipeline, would live on. Two mechanisms, both set up by
:func:`die_with_parent` in the worker:

- Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` (through ``ctypes``): the kernel kills the worker
  the moment its parent dies. The signal follows the *thread* that started the worker; the
  pool starts its workers from the main thread, which lives as long as the process.
- Everywhere (macOS, BSD, and Linux as a second line): a daemon thread in the worker that
  looks at ``os.getppid()`` every :data:`WATCH_SECONDS`; once the parent is gone the process is
  reparented (to init or a subreaper) and the worker exits.

Windows has neither and needs neither here: its default start method (spawn) plus a job object
are the usual answer there, and quotegraph's workers are only tested on Linux and macOS.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0


def parent_death_signal(signum: int = signal.SIGKILL) -> bool:
    """Ask the Linux kernel to send ``signum`` to this process when its parent dies; False where
    that is not available (not Linux, no C library found)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent:
            os._exit(1)  # nothing to save: the parent that wanted the results is gone


def die_with_parent(parent: int, interval: float = WATCH_SECONDS) -> None:
    """End this process when ``parent`` (the pid that started it) ends: the parent-death signal
    where the system has one, and a watchdog thread in any case."""
    parent_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, interval), name="quotegraph-parent-watch", daemon=True).start()
