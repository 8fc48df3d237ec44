"""The one seam between the domain and NiceGUI's worker pools.

Services never import ``run.cpu_bound`` / ``run.io_bound`` themselves: they are handed a ``Runtime`` (built once in
``build_services``) and call ``await runtime.cpu(fn, ...)`` for Pillow work and ``await runtime.io(fn, ...)`` for
blocking I/O (files, boto3, argon2). The seam settles the two awkward cases in one place:

- the pool is gone because the app is shutting down: NiceGUI answers ``None``; the runtime raises
  ``asyncio.CancelledError`` so callers unwind exactly as when their task is cancelled on shutdown;
- a ``RoutixError`` raised inside a worker process: NiceGUI wraps it in ``SubprocessException``; the runtime
  re-raises the original error class with its user message, so "The file is damaged" survives the process hop.

``InlineRuntime`` runs the same functions in the calling thread: the command line uses it, and so can a test that
wants no process pool.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import Any, ParamSpec, Protocol, TypeVar

from nicegui import run

from routix.core import errors

P = ParamSpec('P')
R = TypeVar('R')


class Runtime(Protocol):
    """Where blocking work runs: ``cpu`` for CPU-bound, ``io`` for blocking I/O."""

    async def cpu(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``fn`` off the event loop in a worker process (it must be a picklable module-level function)."""
        ...

    async def io(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``fn`` off the event loop in a worker thread."""
        ...


class NiceGuiRuntime:
    """NiceGUI's process and thread pools (``run.cpu_bound`` / ``run.io_bound``)."""

    async def cpu(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run in NiceGUI's process pool; worker-side RoutixErrors come back as themselves."""
        try:
            boxed = await run.cpu_bound(_boxed, fn, args, kwargs)
        except run.SubprocessException as e:
            error = getattr(errors, e.original_type, None)
            if isinstance(error, type) and issubclass(error, errors.RoutixError):
                raise error(e.original_message) from None
            raise
        return _unbox(boxed)

    async def io(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run in NiceGUI's thread pool."""
        return _unbox(await run.io_bound(_boxed, fn, args, kwargs))


class InlineRuntime:
    """Runs blocking work in a thread of the default executor (CPU work too): no process pool to start or stop."""

    async def cpu(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``fn`` in a thread (the GIL makes this no faster than inline, but the loop stays responsive)."""
        return await asyncio.get_running_loop().run_in_executor(None, functools.partial(fn, *args, **kwargs))

    async def io(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``fn`` in a thread."""
        return await asyncio.get_running_loop().run_in_executor(None, functools.partial(fn, *args, **kwargs))


def _boxed(fn: Callable[..., R], args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[R] | errors.RoutixError:
    """Call ``fn`` in the worker and wrap its result, so a function that returns None is told apart from shutdown."""
    try:
        return (fn(*args, **kwargs),)
    except errors.RoutixError as error:  # returned, not raised: it pickles whole, so its code and params cross over
        return error


def _unbox(boxed: tuple[R] | errors.RoutixError | None) -> R:
    if boxed is None:
        raise asyncio.CancelledError  # NiceGUI's pools answer None once the app is shutting down
    if isinstance(boxed, errors.RoutixError):
        raise boxed
    return boxed[0]
