"""The list field types: :class:`Refs`, :class:`Slugs` and :class:`Objects` (see ``fields``).

A list's own limits (``min_items``, ``max_items``, ``unique_items``) are checked by the walker in
``checks.validate``, which reports each item at its own line; each item is checked by
:meth:`ListField.check_item` (ids) or against :attr:`Objects.item` (mappings).
"""

from __future__ import annotations

from pledgewatch.core.fields import (
    EDITOR_SLUG,
    EXPORT_SLUG,
    OBJECTS,
    REFS,
    SLUGS,
    Field,
    Id,
    Link,
    export_ref,
    singular_of,
)


class ListField(Field):
    """A YAML sequence; ``min_items`` and ``max_items`` bound its length (``None``: no upper
    bound); ``unique_items`` refuses an item listed twice."""

    expected, absent, is_list, exports_null = "a list of ids", (), True, False
    unique_items = True

    def __init__(self, name: str, description: str = "", *, required: bool = False,
                 min_items: int = 0, max_items: int | None = None):
        super().__init__(name, description, required=required)
        self.min_items, self.max_items = min_items, max_items

    @property
    def item_noun(self) -> str:
        """An item in words, for "list at least 1 source id"."""
        return "id"

    def check_item(self, node, zone=None) -> str:
        """An item's id (see :meth:`Id.check`); raises ``Rejected``."""
        return Id.check(self, node, zone)

    def model_value(self, values: dict) -> tuple:
        return tuple(values.get(self.name, ()))

    def _json(self) -> dict:
        return self._lengths({"type": "array", "items": dict(EDITOR_SLUG), "uniqueItems": True})

    def _lengths(self, out: dict) -> dict:
        if self.min_items:
            out["minItems"] = self.min_items
        if self.max_items is not None:
            out["maxItems"] = self.max_items
        return out

    def _limits_doc(self) -> str:
        words = [f"at least {self.min_items}"] if self.min_items else []
        words += [f"at most {self.max_items}"] if self.max_items is not None else []
        return "".join(f", {w}" for w in words)

    def export_value(self, value, link: Link) -> list:
        return list(value)


class Slugs(ListField):
    """A list of ids that name no record (topics, aliases), each listed once."""

    type = SLUGS

    def _export(self) -> dict:
        return {"type": "array", "items": EXPORT_SLUG}

    def _export_words(self) -> str:
        return "list of ids"

    def doc(self) -> str:
        return "list of ids" + self._limits_doc()


class Refs(ListField):
    """A list of ids of records of the kind whose folder is ``ref``, each listed once."""

    type = REFS

    def __init__(self, name: str, ref: str, description: str = "", *, required: bool = False,
                 min_items: int = 0, max_items: int | None = None):
        super().__init__(name, description, required=required, min_items=min_items,
                         max_items=max_items)
        self.ref = ref

    @property
    def item_noun(self) -> str:
        return f"{singular_of(self.ref)} id"

    def _export(self) -> dict:
        return {"type": "array", "items": export_ref("reference")}

    def export_value(self, value, link: Link) -> list:
        return [{"id": v, "permalink": link(self.ref, v)} for v in value]

    def _export_words(self) -> str:
        return f"list of {{id, permalink}} of {self.ref}"

    def doc(self) -> str:
        return f"list of {singular_of(self.ref)} ids" + self._limits_doc()


class Objects(ListField):
    """A list of mappings of the fields ``item`` (a pledge's updates); ``noun`` names one."""

    type, expected, unique_items = OBJECTS, "a list of mappings", False

    def __init__(self, name: str, item: tuple[Field, ...], description: str = "", *,
                 required: bool = False, min_items: int = 0, max_items: int | None = None,
                 noun: str = "item"):
        super().__init__(name, description, required=required, min_items=min_items,
                         max_items=max_items)
        self.item, self.noun = tuple(item), noun

    @property
    def item_noun(self) -> str:
        return self.noun

    def check_item(self, node, zone=None):
        raise TypeError(f"{self.name}: the walker checks each mapping against its fields")

    def _json(self) -> dict:
        return self._lengths({"type": "array", "items": object_json_schema(self.item)})

    def export_schema(self, computed: dict | None = None) -> dict:
        """The export schema; ``computed`` maps the names of computed item fields (which the
        build adds, e.g. ``permalink``) to their schemas."""
        properties = {f.name: f.export_schema() for f in self.item} | (computed or {})
        return self._described({"type": "array", "items": {
            "type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}})

    def export_value(self, value, link: Link):
        raise ValueError(f"field {self.name!r}: lists of objects are exported by their kind")

    def _export_words(self) -> str:
        return f"list of {self.noun}s (see below)"

    def doc(self) -> str:
        return f"list of {self.noun}s" + self._limits_doc()


def object_json_schema(fields: tuple[Field, ...]) -> dict:
    """The editor JSON Schema of a mapping of ``fields``: a closed object, listed properties
    only, required ones required."""
    return {
        "type": "object",
        "properties": {f.name: f.json_schema() for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
