"""Arrow schemas derived from the dataset's JSON Schemas, and the row conversions both ways.

The JSON Schemas in ``schema/*.json`` are the one description of the
dataset.  The Parquet files are typed by an Arrow schema computed from them
here, so a field added to a JSON Schema (a new list on the article, a new
key of an edit) reaches the Parquet files without a second, hand-written
schema that could drift.  The mapping:

==============================================  ====================================
JSON Schema                                     Arrow
==============================================  ====================================
``string``, ``enum`` of strings                 ``string``
``integer`` / ``number`` / ``boolean``          ``int64`` / ``float64`` / ``bool``
``const: true``                                 ``bool``
``array`` of ``items``                          ``list<item>``
``array`` of two ``prefixItems`` (a span)       ``list<int64>``
``object`` with ``properties``                  ``struct`` (same field order)
``object`` with ``additionalProperties`` only   ``list<struct<key, value>>`` (a map;
                                                Hugging Face ``datasets`` has no map type)
``$ref``                                        the referenced schema
==============================================  ====================================

A field is non-nullable when it is required and its type does not allow
null.  An optional field the record leaves out is null in Arrow and left
out again when a row is read back (:func:`to_json_row`).  A construct with
no faithful Arrow type (``oneOf``, a union of two non-null types, ...)
raises :class:`SchemaMappingError`, so a schema change that Parquet cannot
carry fails the tests instead of losing data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pyarrow as pa

from zhextract import schemas
from zhextract.errors import ZhextractError

# The Parquet tables and the JSON Schema of their rows.
TABLES = {"articles": "article", "events": "event", "numbers": "number"}

_SCALARS = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
_UNSUPPORTED = ("oneOf", "anyOf", "allOf", "not", "if", "patternProperties")


class SchemaMappingError(ZhextractError):
    """A JSON Schema construct that has no faithful Arrow type."""


Node = dict[str, Any]
Resolver = Callable[[str, Node], tuple[Node, Node]]


def _resolve(ref: str, root: Node, load: Callable[[str], Node]) -> tuple[Node, Node]:
    """``(schema, its root document)`` of a ``$ref``: ``#/$defs/x`` or ``other.schema.json``."""
    doc_part, _, pointer = ref.partition("#")
    doc = load(doc_part.removesuffix(".schema.json")) if doc_part else root
    node: Any = doc
    for part in filter(None, pointer.split("/")):
        node = node[part]
    return node, doc


def _types(node: Node, path: str) -> tuple[list[str], bool]:
    """The node's non-null JSON types and whether null is allowed."""
    if "const" in node:
        value = node["const"]
        kind = {bool: "boolean", str: "string", int: "integer", float: "number"}.get(type(value))
        if kind is None:
            raise SchemaMappingError(f"{path}: const {value!r} has no Arrow type")
        return [kind], False
    if "enum" in node:
        kinds = {type(v) for v in node["enum"] if v is not None}
        if kinds != {str}:
            raise SchemaMappingError(f"{path}: enum {node['enum']!r}: only strings (and null) map to Arrow")
        return ["string"], None in node["enum"]
    declared = node.get("type")
    if declared is None:
        raise SchemaMappingError(f"{path}: no type")
    declared = [declared] if isinstance(declared, str) else list(declared)
    return [t for t in declared if t != "null"], "null" in declared


def _arrow_type(node: Node, root: Node, path: str, load: Callable[[str], Node]) -> tuple[pa.DataType, bool]:
    """``(type, nullable-by-type)`` of one JSON Schema node."""
    if "$ref" in node:
        target, doc = _resolve(node["$ref"], root, load)
        return _arrow_type(target, doc, path, load)
    bad = [k for k in _UNSUPPORTED if k in node]
    if bad:
        raise SchemaMappingError(f"{path}: {', '.join(bad)} has no Arrow type")
    kinds, nullable = _types(node, path)
    if len(kinds) != 1:
        raise SchemaMappingError(f"{path}: a union of {kinds} has no Arrow type")
    kind = kinds[0]
    if kind in _SCALARS:
        return _SCALARS[kind], nullable
    if kind == "array":
        if "prefixItems" in node:
            items = node["prefixItems"]
            item_types = {_arrow_type(i, root, f"{path}[]", load)[0] for i in items}
            if len(item_types) != 1:
                raise SchemaMappingError(f"{path}: a tuple of mixed types has no Arrow type")
            return pa.list_(pa.field("element", item_types.pop(), nullable=False)), nullable
        if "items" not in node:
            raise SchemaMappingError(f"{path}: an array without items")
        item, item_null = _arrow_type(node["items"], root, f"{path}[]", load)
        return pa.list_(pa.field("element", item, nullable=item_null)), nullable
    if kind == "object":
        if "properties" in node:
            return pa.struct(_fields(node, root, path, load)), nullable
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            value, value_null = _arrow_type(extra, root, f"{path}{{}}", load)
            entry = pa.struct([pa.field("key", pa.string(), nullable=False),
                               pa.field("value", value, nullable=value_null)])
            return pa.list_(pa.field("element", entry, nullable=False)), nullable
        raise SchemaMappingError(f"{path}: an object without properties or typed additionalProperties")
    raise SchemaMappingError(f"{path}: type {kind!r} has no Arrow type")


def _fields(node: Node, root: Node, path: str, load: Callable[[str], Node]) -> list[pa.Field]:
    required = set(node.get("required", ()))
    fields = []
    for name, sub in node["properties"].items():
        arrow, nullable = _arrow_type(sub, root, f"{path}.{name}" if path else name, load)
        meta = {"description": sub["description"]} if isinstance(sub.get("description"), str) else None
        fields.append(pa.field(name, arrow, nullable=nullable or name not in required, metadata=meta))
    return fields


def schema_from_json(schema: Node, load: Callable[[str], Node] = schemas.load) -> pa.Schema:
    """The Arrow schema of records valid under the JSON Schema ``schema`` (an object schema)."""
    if schema.get("type") != "object" or "properties" not in schema:
        raise SchemaMappingError("a table's JSON Schema must be an object with properties")
    return pa.schema(_fields(schema, schema, "", load))


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``articles``, ``events`` or ``numbers``, from the shipped JSON Schemas."""
    return schema_from_json(schemas.load(TABLES[table]))


# ---------------------------------------------------------------- rows both ways
def is_map(t: pa.DataType) -> bool:
    return (pa.types.is_list(t) and pa.types.is_struct(t.value_type)
            and [f.name for f in t.value_type] == ["key", "value"])


def has_map(t: pa.DataType) -> bool:
    if is_map(t):
        return True
    if pa.types.is_list(t):
        return has_map(t.value_type)
    if pa.types.is_struct(t):
        return any(has_map(f.type) for f in t)
    return False


def to_arrow_row(row: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """A JSON record shaped for ``pa.Table.from_pylist``: maps become key/value lists.

    Only fields whose type holds a map are touched, so most of a record
    (text, edits, events) passes through as it is.
    """
    out = dict(row)
    for name, t in _map_fields(schema):
        if out.get(name) is not None:
            out[name] = to_arrow_value(out[name], t)
    return out


_MAP_FIELDS: dict[int, tuple[pa.Schema, list[tuple[str, pa.DataType]]]] = {}


def _map_fields(schema: pa.Schema) -> list[tuple[str, pa.DataType]]:
    """The top-level fields of ``schema`` whose type holds a map, found once per schema (not per row)."""
    known = _MAP_FIELDS.get(id(schema))
    if known is None or known[0] is not schema:
        known = _MAP_FIELDS[id(schema)] = (schema, [(f.name, f.type) for f in schema if has_map(f.type)])
    return known[1]


def to_arrow_value(value: Any, t: pa.DataType) -> Any:
    if value is None:
        return None
    if is_map(t):
        return [{"key": k, "value": to_arrow_value(v, t.value_type.field("value").type)} for k, v in value.items()]
    if pa.types.is_list(t):
        return [to_arrow_value(v, t.value_type) for v in value]
    if pa.types.is_struct(t):
        out = dict(value)
        for f in t:
            if f.name in out:
                out[f.name] = to_arrow_value(out[f.name], f.type)
        return out
    return value


def to_json_row(row: dict[str, Any], schema: pa.Schema, json_schema: Node,
                load: Callable[[str], Node] = schemas.load) -> dict[str, Any]:
    """A row read from Parquet as the JSON record it was made from.

    Maps become objects again, and an optional field that is null but whose
    JSON type does not allow null was absent from the record, so it is left
    out (``absorbs`` of an edit, ``open`` of a date).
    """
    return _from_struct(row, list(schema), json_schema, json_schema, load)


def _from_struct(row: dict[str, Any], fields: list[pa.Field], node: Node, root: Node,
                 load: Callable[[str], Node]) -> dict[str, Any]:
    out = {}
    props = node.get("properties", {})
    required = set(node.get("required", ()))
    for f in fields:
        value = row.get(f.name)
        if value is None:
            if f.name in required:  # a required field that is null in the record
                out[f.name] = None
            continue  # an optional field the record left out
        sub, doc = _deref(props.get(f.name, {}), root, load)
        out[f.name] = _from_value(value, f.type, sub, doc, load)
    return out


def _deref(node: Node, root: Node, load: Callable[[str], Node]) -> tuple[Node, Node]:
    while "$ref" in node:
        node, root = _resolve(node["$ref"], root, load)
    return node, root


def _from_value(value: Any, t: pa.DataType, node: Node, root: Node, load: Callable[[str], Node]) -> Any:
    if is_map(t):
        extra, doc = _deref(node.get("additionalProperties", {}), root, load)
        return {e["key"]: _from_value(e["value"], t.value_type.field("value").type, extra, doc, load) for e in value}
    if pa.types.is_list(t):
        items, doc = _deref(node.get("items", {}), root, load)
        return [_from_value(v, t.value_type, items, doc, load) for v in value]
    if pa.types.is_struct(t):
        return _from_struct(value, list(t), node, root, load)
    if pa.types.is_floating(t) and float(value).is_integer():
        return int(value)  # JSON wrote an integral number as an integer
    return value
