"""The command line: ``parser`` holds the words, one module per command does the
work (``listing``, ``plan``, ``validate``, ``run``, ``dose``, ``history``,
``export``), ``main`` dispatches and reports errors in one line."""

from kneecoach.cli.main import main

__all__ = ["main"]
