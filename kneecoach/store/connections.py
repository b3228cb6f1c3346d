"""Each thread's own connection to the log: SQLite connections are not shared
between threads, so ``WorkoutLog`` keeps one per thread that uses it here.

The connections of threads that have ended are closed as soon as another is kept,
so a worker thread per history screen does not leak one each time.
"""

from __future__ import annotations

import sqlite3
import threading


class ThreadConnections:
    """The connections of the threads using one log.

    ``shared``: one connection every thread uses instead (a log opened to read only
    may be a copy in memory, which other connections could not open).
    """

    def __init__(self, shared: sqlite3.Connection | None = None) -> None:
        self._local = threading.local()
        self._open: dict[threading.Thread, sqlite3.Connection] = {}
        self._lock = threading.Lock()
        self._shared = shared
        if shared is not None:
            self.keep(shared)

    def current(self) -> sqlite3.Connection | None:
        """This thread's connection, or the shared one; None if it has none yet."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None and self._shared is not None:
            connection = self._shared
        return connection

    def keep(self, connection: sqlite3.Connection) -> sqlite3.Connection:
        """Remember this thread's connection, and close those of threads that ended."""
        self._local.connection = connection
        with self._lock:
            ended = [thread for thread in self._open if not thread.is_alive()]
            for thread in ended:
                self._open.pop(thread).close()
            self._open[threading.current_thread()] = connection
        return connection

    def close(self) -> None:
        """Close every thread's connection; call once no thread is using them."""
        with self._lock:
            connections, self._open = self._open, {}
        for connection in connections.values():
            connection.close()
        self._local = threading.local()
