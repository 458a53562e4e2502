"""Pause Python's cyclic garbage collector while a phase builds long-lived data.

Loading a handbook allocates millions of small containers (parsed YAML,
editor positions, models) that all stay alive. Every generation-2 collection
walks every one of them, so the collector's share of loading grew faster than
the handbook: at 4,000 roles it was 40% of `rolebook check` and the reason
4x the roles took 5x the time. Nothing these phases allocate needs the cycle
collector (the data is trees, freed by reference counting), so it is switched
off for their duration and restored after, even when they raise.
"""

from __future__ import annotations

import atexit
import functools
import gc
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

F = TypeVar("F", bound=Callable)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cycle collector inside the block; leave it as it was after (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def gc_paused(function: F) -> F:
    """Decorator form of `collector_paused`."""
    @functools.wraps(function)
    def paused(*args, **kwargs):
        with collector_paused():
            return function(*args, **kwargs)
    return paused  # type: ignore[return-value]


_EXIT_HOOKED = False


def skip_collection_at_exit() -> None:
    """Spare a one-shot command the full collection Python runs as it shuts down.

    After `rolebook check` on 4,000 roles that last pass walked the whole
    loaded handbook for 0.6 s only to free memory the process was about to
    give back anyway. Registered once; the command's own work is unchanged.
    """
    global _EXIT_HOOKED
    if not _EXIT_HOOKED:
        _EXIT_HOOKED = True
        atexit.register(gc.disable)


def settle_loaded_data() -> None:
    """For a one-shot command: move what is alive now (the loaded handbook) out of the collector's sight.

    The first collection after loading would otherwise walk the whole handbook
    once more (0.5 s at 4,000 roles) though none of it can be cyclic garbage.
    Frozen objects are still freed by reference counting. Only the owner of a
    one-shot process calls this (the `rolebook` command run from its own
    command line, see `cli.Commands`), never a test or a host calling in-process:
    a server that keeps reloading must not freeze each load.
    """
    gc.freeze()
