"""Reading an import's entries ahead of the batch being written
(moving.runner): in a process of its own where one can be forked with no
database connection open (`Forked`, PostgreSQL), else in a thread
(`Prefetch`). Either hands the importing thread the entries in file
order, and raises there what the reading met."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.db import connections

from moving.readers import Entry


def position(handle: IO[bytes]) -> int:
    """How far into the file `handle` is (for the progress bar), or 0."""
    try:
        return handle.tell()
    except (OSError, ValueError):
        return 0


class Prefetch:
    """The importer's entries, read and computed in a thread of their own
    while the batch before them is written: the reading (decoding MARC,
    mapping it) overlaps the database's work on the batch instead of
    waiting for it. The thread keeps at most `ahead` chunks of `chunk`
    entries ready, in order; an exception it meets is raised here, in
    the importing thread, where the entries are taken. `close` stops it
    (a run stopped or failed leaves no thread reading a closed file).
    Where a process can read (`Forked`), one does instead: a thread
    shares the interpreter's lock with the importing thread, so the two
    take turns more than they overlap."""

    _END = object()

    def __init__(self, entries: Iterator[Entry], chunk: int = 250, ahead: int = 8) -> None:
        self._entries = entries
        self._chunk = chunk
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=ahead)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, name="import-reader", daemon=True)
        self._thread.start()

    def _put(self, item: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def _read(self) -> None:
        chunk: list[Entry] = []
        try:
            for entry in self._entries:
                chunk.append(entry)
                if len(chunk) >= self._chunk:
                    if not self._put(chunk):
                        return
                    chunk = []
            end: object = self._END
        except BaseException as exc:  # noqa: BLE001 (raised again in the importing thread)
            # The entries read before it are imported first, as they were
            # when reading and writing took turns.
            end = exc
        if chunk and not self._put(chunk):
            return
        self._put(end)

    def __iter__(self) -> Iterator[Entry]:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            yield from item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


class ReaderFailed(RuntimeError):
    """The reading process ended without saying why (killed, out of
    memory), or met an error that could not be sent back as it was."""


class _NoDatabase:
    """What the reading process has in the place of a database connection:
    an importer's `entries` that reached for the database fails loudly."""

    def __call__(self, *args: object, **kwargs: object) -> None:
        raise RuntimeError("an import's entries are read in a process that has no database")


class Forked:
    """The importer's entries, read and computed in a child process while
    the importing process writes the batch before them: on two cores the
    reading (decoding MARC or CSV, mapping, checking) runs beside the
    importing process's own work and its PostgreSQL backend's, where a
    thread (`Prefetch`) would take turns with the importing thread under
    the interpreter's lock.

    The child is forked once the database connections are closed, never
    opens one (a reach for the database raises there and is reported
    here), and sends `chunk` entries at a time, pickled, over a pipe, with
    the file position each chunk ends at (`position`, for the progress
    bar). It works up to `ahead` chunks ahead: one sending thread of its
    own writes them while it goes on reading. An exception it meets is
    raised here after the entries read before it; a child that dies
    without a word raises ReaderFailed. It ignores Ctrl-C (the importing
    process stops it), dies with the importing process (Linux's parent
    death signal, else a broken pipe), and `close` kills and reaps it, so
    no reader outlives a run, whether it stopped, failed or ended."""

    def __init__(
        self,
        entries: Iterator[Entry],
        handle: IO[bytes],
        chunk: int = 500,
        ahead: int = 16,
    ) -> None:
        connections.close_all()
        self.position = position(handle)
        self._done = False
        receiver, sender = multiprocessing.Pipe(duplex=False)
        parent = os.getpid()
        # A Ctrl-C between the fork and the child's ignoring it would stop
        # the child with a traceback: it waits, blocked, until then (and in
        # the parent until the fork is done).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        pid = -1
        try:
            pid = os.fork()
            if pid == 0:  # pragma: no cover (the child's coverage is not collected)
                status = 1
                try:
                    receiver.close()
                    _child_begins(parent, sender)
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                    _send_entries(entries, handle, sender, chunk, ahead)
                    status = 0
                finally:
                    os._exit(status)
        finally:
            if pid != 0:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        sender.close()
        self.pid: int | None = pid
        self._receiver = receiver

    def __iter__(self) -> Iterator[Entry]:
        loads = pickle.loads
        while True:
            try:
                frame = self._receiver.recv_bytes()
            except EOFError:
                raise ReaderFailed(
                    f"the reading process ended unexpectedly ({self._reap()})"
                ) from None
            kind, position, payload = _without_collection(loads, frame)
            if kind == _CHUNK:
                self.position = position
                yield from payload
            elif kind == _ERROR:
                raise payload
            else:
                self._done = True
                return

    def _reap(self) -> str:
        if self.pid is None:
            return "reaped"
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.WIFSIGNALED(status):
            return f"signal {os.WTERMSIG(status)}"
        return f"exit status {os.waitstatus_to_exitcode(status)}"

    def close(self) -> None:
        if self.pid is not None:
            if not self._done:
                # Reading ahead of a run that stopped: nothing it holds is
                # wanted, and it writes nothing anywhere.
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
            self._reap()
        self._receiver.close()


_CHUNK, _ERROR, _END = 0, 1, 2


def _without_collection(loads: Callable[[bytes], Any], frame: bytes) -> Any:
    """A frame loaded with the cyclic garbage collector paused: loading
    makes thousands of objects, none of them in a cycle, and the collector
    passes they set off cost three times the loading itself (50,000 MARC
    records: 0.85 s against 0.18 s)."""
    if not gc.isenabled():
        return loads(frame)
    gc.disable()
    try:
        return loads(frame)
    finally:
        gc.enable()


# Linux's prctl(PR_SET_PDEATHSIG): a signal the child gets when its parent
# dies.
_PR_SET_PDEATHSIG = 1


def _child_begins(parent: int, sender: Any) -> None:  # pragma: no cover (in the child)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's signal handlers (a test runner's, the held Ctrl-C's) and
    # its connections are not the child's: it only reads and sends.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)  # the importing process is already gone
    # What the child inherited (Django, its models) is never garbage:
    # the collector's passes need not go over it again.
    gc.freeze()
    for alias in connections:
        wrapper = connections[alias]
        # Whatever it inherited is the parent's: a socket still referenced
        # here (the parent closes its connections before forking, but
        # never mind how) is dropped unused, never shared, and any use of
        # the database then reaches connect(), which refuses.
        wrapper.connection = None
        wrapper.in_atomic_block = False
        wrapper.closed_in_transaction = False
        wrapper.connect = _NoDatabase()  # type: ignore[method-assign]
    with contextlib.suppress(OSError, ValueError):
        # A larger pipe: fewer wake-ups of either side per chunk.
        fcntl.fcntl(sender.fileno(), _F_SETPIPE_SZ, 1 << 20)


_F_SETPIPE_SZ = 1031


def _send_entries(
    entries: Iterator[Entry], handle: IO[bytes], sender: Any, chunk: int, ahead: int
) -> None:  # pragma: no cover (in the child)
    frames: queue.Queue[bytes | None] = queue.Queue(maxsize=ahead)

    def send() -> None:
        try:
            while (frame := frames.get()) is not None:
                sender.send_bytes(frame)
        except OSError:
            # The importing process is gone or closed its end: nothing
            # more to do.
            os._exit(1)

    thread = threading.Thread(target=send, name="import-sender", daemon=True)
    thread.start()
    dumps = pickle.dumps
    protocol = pickle.HIGHEST_PROTOCOL
    batch: list[Entry] = []
    try:
        for entry in entries:
            batch.append(entry)
            if len(batch) >= chunk:
                frames.put(dumps((_CHUNK, position(handle), batch), protocol))
                batch = []
        if batch:
            frames.put(dumps((_CHUNK, position(handle), batch), protocol))
        frames.put(dumps((_END, 0, None), protocol))
    except BaseException as exc:  # noqa: BLE001 (raised again in the importing process)
        if batch:
            frames.put(dumps((_CHUNK, position(handle), batch), protocol))
        try:
            frame = dumps((_ERROR, 0, exc), protocol)
            pickle.loads(frame)  # noqa: S301 (its own frame: does it come back?)
        except Exception:  # noqa: BLE001 (an exception that does not pickle)
            frame = dumps((_ERROR, 0, ReaderFailed(f"{type(exc).__name__}: {exc}")), protocol)
        frames.put(frame)
    frames.put(None)
    thread.join()
