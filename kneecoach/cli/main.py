"""The ``kneecoach`` command: parse, hand over to the command's module, and turn
every problem the user can fix (a ``UserError``) into its lines on standard error
and exit 1.

No command but ``run`` (and the bare ``kneecoach``) imports Textual, so ``kneecoach
list`` and friends start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from kneecoach.cli.parser import parse
from kneecoach.engine.errors import UserError
from kneecoach.engine.printable import printable

# command -> the module under kneecoach/cli/ whose run(args) does it
COMMANDS = {
    "list": "listing",
    "plan": "plan",
    "figures": "figures",
    "validate": "validate",
    "run": "run",
    "history": "history",
    "export": "export",
    "dose": "dose",
    "report": "report",
    None: "run",  # no command: the picker
}


def handler(command: str | None) -> Callable[[argparse.Namespace], int]:
    module = importlib.import_module(f"kneecoach.cli.{COMMANDS[command]}")
    run: Callable[[argparse.Namespace], int] = module.run
    return run


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(None if argv is None else list(argv))
    try:
        return handler(args.command)(args)
    except UserError as exc:  # a bad file, an unknown id, a config or log problem
        for line in exc.lines:  # they name files and quote what is in them
            print(printable(line), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kneecoach plan ... | head`: the reader left; say nothing more.
        sys.stderr.close()
        return 0
