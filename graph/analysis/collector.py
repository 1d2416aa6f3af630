"""Python's cyclic garbage collector held off while a phase builds many long-lived objects."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection in the block (objects are still freed when their last reference
    goes), so that the rows and measures of a large graph are not walked again and again; the
    collector's state is restored after. Usable as a decorator."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
