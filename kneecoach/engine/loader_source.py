"""Reading a ``source:``: one line of free text, or an article named for people.

```yaml
source: Written by J. Smith, PT, for A. Patient
source:
  title: 8 Runner's Knee Exercises and Stretches for Pain Relief
  publisher: GoodRx Health
  file: 000_f1a2567069e7c7d3.txt   # optional: the project's own copy; never shown
```
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node

from kneecoach.engine.sources import Source
from kneecoach.engine.yamlnodes import NodeReader

SOURCE_KEYS = ("title", "publisher", "file")


def read_source(reader: NodeReader, node: Node, field: str) -> Source | None:
    """The source at ``node``, or None (the problem reported to ``reader``)."""
    if not isinstance(node, MappingNode):
        text = reader.text(node, field)
        return Source(text) if text else None
    keys = reader.mapping(node, field, SOURCE_KEYS, required=("title",))
    if keys is None:
        return None
    values = {key: reader.text(keys[key], f"{field}.{key}") for key in SOURCE_KEYS if key in keys}
    title = values.get("title")
    if not title or any(value is None for value in values.values()):
        return None
    return Source(title, values.get("publisher") or "", values.get("file") or "")
