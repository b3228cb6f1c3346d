"""Reading YAML with positions: every value keeps the line and column it came from.

The loader composes the file into PyYAML nodes with the safe loader (no custom
tags, no objects) and reads values out of those nodes, so that each problem can be
reported as ``FILE:LINE:COL: what is wrong (field path)``. Problems are collected,
not raised one at a time, so a therapist sees every mistake in one run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import CollectionEndEvent, CollectionStartEvent, DocumentStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kneecoach.engine.errors import UserError
from kneecoach.engine.limits import MAX_FILE_BYTES, MAX_LIST_ITEMS, MAX_TEXT_CHARS, Limit
from kneecoach.engine.model import Range
from kneecoach.engine.printable import code_point, excerpt, printable, unsafe_characters

MAX_BYTES = MAX_FILE_BYTES
Choice = TypeVar("Choice", bound=str)
MAX_DEPTH = 50  # lists and mappings inside each other; a session needs about 6
YAML_TAG = "tag:yaml.org,2002:"
MERGE_TAG = YAML_TAG + "merge"
# The tags the safe loader builds, and "!" (plain text); anything else is refused.
SAFE_TAGS = frozenset(tag for tag in SafeConstructor.yaml_constructors if tag) | {"!"}

try:  # libyaml when the wheel has it: several times faster, same positions
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader


def close_match(word: str, choices: Iterable[str], cutoff: float) -> str | None:
    """The nearest of ``choices`` to a misspelt ``word``, for "did you mean"."""
    import difflib  # only when something is wrong: keeps start-up quick

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


@dataclass(frozen=True)
class SessionError:
    """One problem in one file, at one place."""

    file: str
    line: int
    column: int
    message: str
    field: str = ""
    warning: bool = False  # the file works; something in it is worth a look

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        kind = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}:{self.column}: {kind}{self.message}{where}"


class SessionFileError(UserError):
    """Raised when a session file has problems; ``errors`` lists every one, and
    ``warnings`` what was found besides (for `kneecoach validate`)."""

    def __init__(self, errors: list[SessionError], warnings: Sequence[SessionError] = ()) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors
        self.warnings = list(warnings)

    @property
    def lines(self) -> list[str]:
        """One line per problem, each ``FILE:LINE:COL: message (field)``."""
        return [str(error) for error in self.errors]


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return excerpt(node.value) if node.value != "" else "nothing"


def _cut(message: str, limit: int = 120) -> str:
    """PyYAML's own words, which may quote what it found (an alias, a tag), cut."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(YAML_TAG) :] if tag.startswith(YAML_TAG) else tag


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, like YAML's marks) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[start:offset].decode("utf-8", errors="replace").lstrip("\ufeff")
    return data.count(b"\n", 0, offset) + 1, len(prefix) + 1


def compose(data: bytes, file: str) -> Node | None:
    """Decode and compose a file's bytes into a node tree, or raise SessionFileError."""

    def fail(line: int, column: int, message: str) -> SessionFileError:
        return SessionFileError([SessionError(file, line, column, message)])

    if len(data) > MAX_BYTES:
        # load_session reads at most MAX_BYTES + 1 bytes: the real size is not known here.
        raise fail(
            1, 1, f"file is too large (over {MAX_BYTES:,} bytes; a session file is at most 1 MB)"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(1, 1, "not UTF-8 text (it is UTF-16): save the file as UTF-8")
    if b"\x00" in data:
        raise fail(*_position(data, data.index(b"\x00")), "binary data: this is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(*_position(data, exc.start), "not UTF-8 text: save the file as UTF-8") from None
    if not text.strip():
        raise fail(1, 1, "file is empty: a session needs id, title, source and exercises")
    try:
        try:
            _first_pass(text, _Loader, fail)
        except yaml.MarkedYAMLError as exc:
            if _Loader is yaml.SafeLoader or "nesting depth" not in str(exc.problem):
                raise
            # libyaml (PyYAML >= 6.0.3) stops deep nesting itself, further in and in
            # its own words; the pure-Python parser finds where it passes our limit.
            _first_pass(text, yaml.SafeLoader, fail)
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.split("\n")
        if line > len(lines):  # "end of file" past a last line with no newline
            line, column = len(lines), len(lines[-1]) + 1
        problem = exc.problem or exc.context or "cannot be read"
        if exc.context and problem.startswith(("but ", "second ")):
            # PyYAML splits these in two: "expected a single document in the stream",
            # "but found another document"; the second half alone makes no sense.
            problem = f"{exc.context}, {problem}"
        raise fail(line, column, f"not valid YAML: {_cut(problem)}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a position
        raise fail(1, 1, f"not valid YAML: {exc}") from None


def _first_pass(text: str, loader: Any, fail: Callable[[int, int, str], SessionFileError]) -> None:
    """Over the events, before composing: refuse tags the safe loader would not
    build, and nesting deep enough to overflow the (recursive) composer."""
    depth = documents = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                return  # yaml.compose reports the second document
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in SAFE_TAGS and (mark := event.start_mark) is not None:
            raise fail(
                mark.line + 1, mark.column + 1, f"unsupported YAML tag {excerpt(_tag_name(tag))}"
            )
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH and (mark := event.start_mark) is not None:
                raise fail(
                    mark.line + 1,
                    mark.column + 1,
                    f"nested too deeply (more than {MAX_DEPTH} lists or mappings in each other)",
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


class NodeReader:
    """Reads typed values out of nodes, recording problems instead of raising."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[SessionError] = []
        self.warnings: list[SessionError] = []
        self._constructor = SafeConstructor()

    def error(self, node: Node, message: str, field: str) -> None:
        mark = node.start_mark
        self.errors.append(SessionError(self.file, mark.line + 1, mark.column + 1, message, field))

    def warn(self, node: Node, message: str, field: str) -> None:
        mark = node.start_mark
        self.warnings.append(
            SessionError(self.file, mark.line + 1, mark.column + 1, message, field, warning=True)
        )

    def scalar(self, node: Node, field: str) -> Any:
        """The Python value of a scalar node, or None (with an error) for anything else."""
        if not isinstance(node, ScalarNode):
            self.error(node, f"expected a single value, got {_describe(node)}", field)
            return None
        try:
            return self._constructor.construct_object(node, deep=True)
        except ConstructorError:
            self.error(node, f"unsupported YAML tag {excerpt(_tag_name(node.tag))}", field)
            return None
        except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError):
            # "2024-13-45" looks like a date but is none; "!!int ten"; "!!bool maybe".
            kind = _tag_name(node.tag).lstrip("!")
            self.error(
                node, f"{excerpt(node.value)} is not a valid {kind} (put text in quotes)", field
            )
            return None

    def mapping(
        self,
        node: Node,
        field: str,
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> dict[str, Node] | None:
        """The keys of a mapping node; reports unknown, duplicate and missing keys."""
        what = f"{field}" if field else "the file"
        if not isinstance(node, MappingNode):
            self.error(node, f"expected a mapping of keys for {what}, got {_describe(node)}", field)
            return None
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG and not isinstance(value_node, MappingNode):
                # `<<: [*a, *b]` nested a few times grows exponentially when flattened
                self.error(key_node, "a merge key takes one mapping (<<: *name)", field)
                return None
        own = {id(key_node) for key_node, _ in node.value if key_node.tag != MERGE_TAG}
        try:
            self._constructor.flatten_mapping(node)
        except ConstructorError as exc:
            self.error(node, f"bad merge key: {exc.problem}", field)
            return None
        allowed = list(allowed)
        found: dict[str, Node] = {}
        written: dict[str, int] = {}  # line of each key written here (not merged in with <<)
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, f"keys must be names, got {_describe(key_node)}", field)
                continue
            before = len(self.errors)
            key = self.scalar(key_node, field)
            if len(self.errors) > before:
                continue
            if not isinstance(key, str):
                self.error(key_node, f"keys must be names, got {excerpt(key)}", field)
                continue
            path = f"{field}.{key}" if field else key
            if key in written and id(key_node) in own:
                first = written[key]
                self.error(
                    key_node, f"duplicate key {excerpt(key)}, first given at line {first}", path
                )
            elif key not in allowed:
                close = close_match(key, allowed, cutoff=0.6)
                hint = (
                    f" (did you mean {close!r}?)"
                    if close
                    else f"; expected one of: {', '.join(allowed)}"
                )
                self.error(key_node, f"unknown key {excerpt(key)}{hint}", path)
            else:
                # Merged keys come first: a later one, or one written here, overrides them.
                found[key] = value_node
                if id(key_node) in own:
                    written[key] = key_node.start_mark.line + 1
        for key in required:
            if key not in found:
                self.error(node, f"missing required key {key!r}", field or key)
        return found

    def sequence(self, node: Node, field: str, most: int | None = None) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"expected a list, got {_describe(node)}", field)
            return None
        if most is not None and len(node.value) > most:
            self.error(node, f"too many items: {len(node.value):,} (at most {most})", field)
            return None
        return list(node.value)

    def text(self, node: Node, field: str, most: int = MAX_TEXT_CHARS) -> str | None:
        """One line of text, its whitespace collapsed; control characters and
        escape sequences are left out, with a warning (they never reach a screen)."""
        if isinstance(node, MappingNode):
            self.error(
                node, "expected text, got a mapping (put text containing ': ' in quotes)", field
            )
            return None
        before = len(self.errors)
        value = self.scalar(node, field)
        if value is None:
            if len(self.errors) == before:
                self.error(node, "expected text, got nothing", field)
            return None
        if not isinstance(value, str):
            self.error(node, f"expected text, got {excerpt(value)} (put it in quotes)", field)
            return None
        unsafe = [c for c in unsafe_characters(value) if not c.isspace()]
        if unsafe:
            codes = ", ".join(code_point(c) for c in unsafe[:3]) + (", …" if unsafe[3:] else "")
            self.warn(
                node,
                f"control characters ({codes}) in the text are left out: kneecoach never"
                " sends them to a terminal",
                field,
            )
        value = " ".join(printable(value).split())
        if not value:
            self.error(node, "text is empty", field)
            return None
        if len(value) > most:
            self.error(
                node, f"text is too long: {len(value):,} characters (at most {most:,})", field
            )
            return None
        return value

    def text_list(
        self, node: Node, field: str, required: bool = False, most: int = MAX_LIST_ITEMS
    ) -> tuple[str, ...]:
        """A list of text; a single line of text is taken as a list of one."""
        if required and isinstance(node, SequenceNode) and not node.value:
            self.error(node, "needs at least one line of text", field)
            return ()
        if (
            isinstance(node, ScalarNode)
            and isinstance(node.value, str)
            and node.tag.endswith(":str")
        ):
            one = self.text(node, field)
            return (one,) if one is not None else ()
        items = self.sequence(node, field, most)
        if items is None:
            return ()
        result = [self.text(item, f"{field}[{index}]") for index, item in enumerate(items)]
        return tuple(item for item in result if item is not None)

    def flag(self, node: Node, field: str) -> bool | None:
        value = self.scalar(node, field)
        if value is None and isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            self.error(node, "expected true or false, got nothing", field)
            return None
        if value is not None and not isinstance(value, bool):
            self.error(node, f"expected true or false, got {excerpt(value)}", field)
            return None
        return value

    def choice(self, node: Node, field: str, choices: Sequence[Choice]) -> Choice | None:
        """One of ``choices`` (returned as the choice itself, so its type is kept)."""
        before = len(self.errors)
        value = self.scalar(node, field)
        if len(self.errors) > before:
            return None
        for choice in choices:
            if value == choice:
                return choice
        close = close_match(str(value), choices, cutoff=0.5)
        hint = f" (did you mean {close!r}?)" if close else ""
        self.error(node, f"must be one of {', '.join(choices)}; got {excerpt(value)}{hint}", field)
        return None

    def number(
        self, node: Node, field: str, whole: bool, allow_zero: bool, most: Limit | None = None
    ) -> float | None:
        """A number of at most ``most``: checked before any arithmetic, so that a
        400-digit integer or ``1.0e+308`` is one line, not an OverflowError."""
        before = len(self.errors)
        value = self.scalar(node, field)
        if len(self.errors) > before:
            return None
        kind = "a whole number" if whole else "a number"
        shown = excerpt(value)
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            self.error(node, f"expected {kind}, got {shown}", field)
            return None
        if whole and isinstance(value, float) and not value.is_integer():
            self.error(node, f"expected {kind}, got {shown}", field)
            return None
        if value < 0 or (value == 0 and not allow_zero):
            bound = "zero or more" if allow_zero else "greater than zero"
            self.error(node, f"must be {bound}, got {shown}", field)
            return None
        if value == float("inf"):
            self.error(node, "must be a finite number", field)
            return None
        if most is not None and value > most.most:
            self.error(node, f"must be at most {most.describe()}, got {shown}", field)
            return None
        return value

    def range(
        self,
        node: Node,
        field: str,
        whole: bool = False,
        allow_zero: bool = False,
        most: Limit | None = None,
    ) -> Range | None:
        """One number, or ``[low, high]`` with low <= high."""
        if isinstance(node, SequenceNode):
            if len(node.value) != 2:
                self.error(node, f"a range is [low, high], got {len(node.value)} values", field)
                return None
            low = self.number(node.value[0], field, whole, allow_zero, most)
            high = self.number(node.value[1], field, whole, allow_zero, most)
            if low is None or high is None:
                return None
            if low > high:
                self.error(
                    node, f"range must be [low, high] with low <= high, got [{low}, {high}]", field
                )
                return None
            return Range(low, high)
        value = self.number(node, field, whole, allow_zero, most)
        return None if value is None else Range(value, value)
