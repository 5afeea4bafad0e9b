"""JSON lines to an Arrow table in C++, typed by a table's schema: what the Parquet writers convert with.

Parsing the lines in Python (``json.loads``) and building the table from the
objects (``pa.Table.from_pylist``) made up half of writing a dataset's
Parquet files, and ran in the build's one driver process after the workers
were done.  pyarrow's JSON reader parses the same lines into the same
columns without creating a Python object per value.  Two things it cannot
do, restored here:

* **nullability**: the reader needs every field nullable (a struct that is
  null, such as a quantity's ``period``, has null children even where the
  schema says they never are), so it reads a *loose* copy of the schema and
  :func:`_conform` relabels the columns with the real one; a required value
  that is really missing still fails, as it did with ``from_pylist``;
* **maps** (the article's ``stats``, a JSON object of counters stored as a
  list of key/value pairs): read from each line with the C decoder and
  converted as before.

The result is the table ``from_pylist`` built, value for value (and the
Parquet bytes, given the same batches: tests/test_parquet.py compares both).

The few arrays made here from Python values (a map's keys, counts and
offsets, the empty value that fills a null) are laid out in their buffers
directly rather than by ``pa.array``/``pa.scalar``: those first ask whether
the value is a pandas object, which imports pandas (40 MB of memory, in the
driver, whose peak is the build's) although no pandas object is ever there.
"""

from __future__ import annotations

import io
import json
from array import array
from functools import cache
from itertools import accumulate
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from zhextract.formats.arrow_schema import has_map, is_map, to_arrow_row, to_arrow_value

_DECODER = json.JSONDecoder()


class RequiredFieldMissing(ValueError):
    """A record lacks a value the schema requires."""


def table_from_lines(lines: list[str], schema: pa.Schema) -> pa.Table:
    """The records of ``lines`` (compact JSON, one record each) as one table of ``schema``, in one chunk."""
    plan = _plan(schema)
    if plan is None:  # a map below the top level: the reader has no way to it
        return _from_pylist(lines, schema)
    try:
        return _read(lines, schema, *plan)
    except _Unsupported:
        return _from_pylist(lines, schema)


def _from_pylist(lines: list[str], schema: pa.Schema) -> pa.Table:
    """The lines converted by Python: what the reader cannot type."""
    return pa.Table.from_pylist([to_arrow_row(json.loads(line), schema) for line in lines], schema=schema)


def _read(lines: list[str], schema: pa.Schema, loose: pa.Schema, maps: frozenset[str]) -> pa.Table:
    data = "\n".join(lines).encode("utf-8")
    read = pj.read_json(io.BytesIO(data),
                        read_options=pj.ReadOptions(block_size=max(len(data) + 1, 1 << 20)),
                        parse_options=pj.ParseOptions(explicit_schema=loose,
                                                      unexpected_field_behavior="ignore"))
    columns = []
    for f in schema:
        if f.name in maps:
            columns.append(_map_array(_map_values(lines, f.name), f.type))
        else:
            column = read.column(f.name).combine_chunks()
            columns.append(_conform(column, f.type, f.nullable, f.name))
    return pa.Table.from_arrays(columns, schema=schema)


@cache
def _plan(schema: pa.Schema) -> tuple[pa.Schema, frozenset[str]] | None:
    """The loose schema the reader parses with (top-level maps left out), and the names of those maps."""
    maps = frozenset(f.name for f in schema if is_map(f.type))
    if any(has_map(f.type) for f in schema if f.name not in maps):
        return None
    return pa.schema([pa.field(f.name, _loose(f.type)) for f in schema if f.name not in maps]), maps


def _loose(t: pa.DataType) -> pa.DataType:
    """``t`` with every field nullable."""
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _loose(f.type)) for f in t])
    if pa.types.is_list(t):
        return pa.list_(pa.field(t.value_field.name, _loose(t.value_type)))
    return t


def _map_values(lines: list[str], name: str) -> list[Any]:
    """The value of top-level field ``name`` in each line.

    The writers put a map last (the article's ``stats``), so its value is
    decoded from its key to the end of the line; a line laid out otherwise
    is decoded whole.  Inside JSON strings every quote is escaped, so the
    key's text can only be found as a key.
    """
    key = json.dumps(name) + ":"
    out = []
    for line in lines:
        at = line.rfind(key)
        value: Any = None
        if at > 0 and line[at - 1] == ",":
            try:
                value, end = _DECODER.raw_decode(line, at + len(key))
            except ValueError:
                end = -1
            if line[end:].strip() != "}":
                value = json.loads(line).get(name)
        else:
            value = json.loads(line).get(name)
        out.append(value)
    return out


def _map_array(maps: list[dict[str, Any] | None], t: pa.DataType) -> pa.Array:
    """JSON objects as a map column of type ``t`` (a list of key/value structs); flat arrays when values are
    scalars (an article's counters: a hundred each), rather than a dict per pair."""
    entry = t.value_type
    value_type = entry.field("value").type
    if pa.types.is_nested(value_type):
        return pa.array([to_arrow_value(m, t) for m in maps], type=t)
    offsets = [0]
    keys: list[str] = []
    values: list[Any] = []
    for m in maps:
        if m is not None:
            keys.extend(m)
            values.extend(m.values())
        offsets.append(len(keys))
    pairs = pa.StructArray.from_arrays([_strings(keys, entry.field("key").type), _numbers(values, value_type)],
                                       fields=list(entry))
    mask = _bools([m is None for m in maps]) if None in maps else None
    return pa.ListArray.from_arrays(_numbers(offsets, pa.int32()), pairs, type=t, mask=mask)


_TYPECODES = {pa.int32(): "i", pa.int64(): "q", pa.float64(): "d"}


def _numbers(values: list[Any], t: pa.DataType) -> pa.Array:
    """``pa.array(values, t)`` for numbers without nulls, from their machine representation."""
    code = _TYPECODES.get(t)
    if code is not None and array(code).itemsize == t.bit_width // 8 and all(type(v) is int for v in values):
        try:
            return pa.Array.from_buffers(t, len(values), [None, pa.py_buffer(array(code, values))])
        except OverflowError:  # pa.array says what is wrong
            pass
    return pa.array(values, t)


def _bools(flags: list[bool]) -> pa.Array:
    """``pa.array(flags)``: one bit each, the first in the lowest bit of the first byte."""
    bits = bytearray((len(flags) + 7) // 8)
    for i, flag in enumerate(flags):
        if flag:
            bits[i >> 3] |= 1 << (i & 7)
    return pa.Array.from_buffers(pa.bool_(), len(flags), [None, pa.py_buffer(bytes(bits))])


def _strings(values: list[Any], t: pa.DataType) -> pa.Array:
    """``pa.array(values, t)`` for strings without nulls: their UTF-8 bytes and offsets."""
    if t == pa.string() and all(type(v) is str for v in values):
        encoded = [v.encode("utf-8") for v in values]
        ends = array("i", accumulate(map(len, encoded), initial=0)) if encoded else array("i", [0])
        if ends.itemsize == 4 and ends[-1] < 1 << 31:
            return pa.Array.from_buffers(t, len(values), [None, pa.py_buffer(ends), pa.py_buffer(b"".join(encoded))])
    return pa.array(values, t)


def _conform(arr: pa.Array, t: pa.DataType, nullable: bool, path: str) -> pa.Array:
    """``arr`` (read with a loose type) as type ``t``: same buffers, the schema's nullability.

    A null the schema does not allow is an error where a reader would see
    it; under a null parent it is replaced by an empty value no reader sees
    (as ``from_pylist`` builds the children of a null struct).
    """
    if arr.offset:
        arr = pa.concat_arrays([arr])  # starting at 0: its children need no offset of their own
    if not nullable and arr.null_count:
        raise RequiredFieldMissing(f"{path}: a required value is missing")
    if pa.types.is_struct(t):
        children = []
        for i, f in enumerate(t):
            child = arr.field(i)
            if not f.nullable and child.null_count:
                if pc.any(pc.and_(pc.is_null(child), arr.is_valid())).as_py():
                    raise RequiredFieldMissing(f"{path}.{f.name}: a required value is missing")
                child = _filled(child, f.type)
            children.append(_conform(child, f.type, f.nullable, f"{path}.{f.name}"))
        return pa.Array.from_buffers(t, len(arr), arr.buffers()[:1], null_count=arr.null_count, children=children)
    if pa.types.is_list(t):
        vf = t.value_field
        values = _conform(arr.values, vf.type, vf.nullable, f"{path}[]")
        return pa.Array.from_buffers(t, len(arr), arr.buffers()[:2], null_count=arr.null_count, children=[values])
    return arr


def _filled(arr: pa.Array, t: pa.DataType) -> pa.Array:
    """``arr`` with its nulls (all under null parents) replaced by an empty value of ``t``."""
    if pa.types.is_nested(t):
        raise _Unsupported(t)  # no such field in our schemas; the caller converts in Python instead
    if pa.types.is_string(t):
        empty = _strings([""], t)
    elif not (pa.types.is_boolean(t) or pa.types.is_integer(t) or pa.types.is_floating(t)):
        raise _Unsupported(t)
    else:  # False, 0, 0.0: all bits zero
        empty = pa.Array.from_buffers(t, 1, [None, pa.py_buffer(bytes(max(1, t.bit_width // 8)))])
    return pc.fill_null(arr, empty[0])


class _Unsupported(Exception):
    """A required nested field under a null parent: converted by ``from_pylist`` instead."""
