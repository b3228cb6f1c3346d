"""What the services refuse, in one line for the person; the command line prints
it and exits 1. Kept apart so that catching them imports nothing else."""

from __future__ import annotations

from kneecoach.engine.errors import UserError


class SessionNotFound(UserError, LookupError):
    """No session has the id asked for."""


class DoseError(UserError):
    """A dose that cannot be set."""
