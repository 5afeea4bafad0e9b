"""Parquet output: schema derived from the JSON Schemas, lossless rows, deterministic bytes, common readers."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers import SEEDS
from zhextract import schemas
from zhextract.build import BuildConfig, build
from zhextract.formats import parquet
from zhextract.formats.arrow_schema import (
    TABLES,
    SchemaMappingError,
    arrow_schema,
    schema_from_json,
    to_arrow_row,
    to_json_row,
)
from zhextract.formats.json_arrow import table_from_lines
from zhextract.pipeline import process_bytes
from zhextract.step import Context
from zhextract.validate import validate


@pytest.fixture(scope="module")
def articles() -> list[dict[str, Any]]:
    return [process_bytes(s.read_bytes(), s.stem, s.name, Context()) for s in SEEDS]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pq")
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, corpus / seed.name)
    build(BuildConfig(corpus=corpus, out=root / "dataset", workers=1))
    return root / "dataset"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _walk_json(node: dict[str, Any], root: dict[str, Any], path: str = "") -> set[str]:
    """Every property path of a JSON Schema, following $refs (one level of documents)."""
    if "$ref" in node:
        ref = node["$ref"]
        doc = schemas.load(ref.split("#")[0].removesuffix(".schema.json")) if not ref.startswith("#") else root
        target: Any = doc
        for part in filter(None, ref.partition("#")[2].split("/")):
            target = target[part]
        return _walk_json(target, doc, path)
    out = set()
    for name, sub in node.get("properties", {}).items():
        out.add(f"{path}{name}")
        out |= _walk_json(sub, root, f"{path}{name}.")
    if "items" in node:
        out |= _walk_json(node["items"], root, path)
    return out


def _walk_arrow(t: pa.DataType | pa.Schema, path: str = "") -> set[str]:
    out = set()
    if isinstance(t, pa.Schema) or pa.types.is_struct(t):
        for f in t:
            out.add(f"{path}{f.name}")
            out |= _walk_arrow(f.type, f"{path}{f.name}.")
    elif pa.types.is_list(t) and not (pa.types.is_struct(t.value_type)
                                      and [f.name for f in t.value_type] == ["key", "value"]):
        out |= _walk_arrow(t.value_type, path)
    return out


@pytest.mark.parametrize("table", sorted(TABLES))
def test_the_arrow_schema_has_every_field_of_the_json_schema_and_no_other(table: str) -> None:
    json_schema = schemas.load(TABLES[table])
    assert _walk_arrow(arrow_schema(table)) == _walk_json(json_schema, json_schema)


def test_required_fields_are_not_nullable_and_optional_or_null_typed_ones_are() -> None:
    article = arrow_schema("articles")
    assert not article.field("id").nullable and not article.field("text").nullable
    assert article.field("title").nullable  # ["string", "null"]
    edit = article.field("edits").type.value_type
    assert not edit.field("rule").nullable and edit.field("why").nullable  # why is optional
    assert article.field("stats").type == pa.list_(pa.field("element", pa.struct(
        [pa.field("key", pa.string(), nullable=False), pa.field("value", pa.int64(), nullable=False)]), nullable=False))
    number = arrow_schema("numbers")
    assert number.field("value").type == pa.float64() and number.field("approx").nullable  # enum with null
    assert arrow_schema("events").field("date").type.field("vague").type == pa.bool_()  # const true


def test_a_field_added_to_the_json_schema_reaches_the_arrow_schema() -> None:
    """An ``entities`` list on the article needs no second, hand-written schema."""
    schema = copy.deepcopy(schemas.load("article"))
    schema["properties"]["entities"] = {"type": "array", "items": {
        "type": "object", "required": ["name", "type"],
        "properties": {"name": {"type": "string"}, "type": {"enum": ["company", "person"]},
                       "span": {"$ref": "#/$defs/span"}}}}
    schema["required"].append("entities")
    arrow = schema_from_json(schema)
    entity = arrow.field("entities").type.value_type
    assert [f.name for f in entity] == ["name", "type", "span"]
    assert entity.field("span").type == pa.list_(pa.field("element", pa.int64(), nullable=False))
    assert not arrow.field("entities").nullable


@pytest.mark.parametrize("node", [
    {"oneOf": [{"type": "string"}, {"type": "integer"}]},
    {"type": ["string", "integer"]},
    {"type": "object"},
    {"enum": ["a", 1]},
])
def test_a_json_schema_construct_arrow_cannot_carry_is_refused_by_name(node: dict[str, Any]) -> None:
    with pytest.raises(SchemaMappingError, match="x"):
        schema_from_json({"type": "object", "properties": {"x": node}})


def test_every_seed_article_goes_through_arrow_and_back_unchanged(articles: list[dict[str, Any]]) -> None:
    schema, json_schema = arrow_schema("articles"), schemas.load("article")
    table = pa.Table.from_pylist([to_arrow_row(a, schema) for a in articles], schema=schema)
    back = [to_json_row(row, schema, json_schema) for row in table.to_pylist()]
    assert back == articles
    assert any(e.get("why") for a in articles for e in a["edits"])  # optional fields were exercised
    assert any("why" not in e for a in articles for e in a["edits"])


def test_build_writes_parquet_tables_with_the_jsonl_records(dataset: Path) -> None:
    for table in TABLES:
        assert list(parquet.read_records(dataset / f"{table}.parquet", table)) == _jsonl(dataset / f"{table}.jsonl")
        assert pq.read_schema(dataset / f"{table}.parquet").remove_metadata() == arrow_schema(table)
    assert validate(dataset)[0] == []


def test_validate_notices_a_parquet_file_that_disagrees(dataset: Path, tmp_path: Path) -> None:
    copy_ = tmp_path / "copy"
    shutil.copytree(dataset, copy_)
    table = pq.read_table(copy_ / "articles.parquet")
    titles = table.column("title").to_pylist()
    titles[0] = "改过的标题"
    pq.write_table(table.set_column(table.schema.get_field_index("title"), table.schema.field("title"),
                                    pa.array(titles, pa.string())), copy_ / "articles.parquet")
    problems = validate(copy_)[0]
    assert problems == ["articles.parquet: row 1 differs from articles.jsonl:1"]
    (copy_ / "numbers.parquet").unlink()
    assert "numbers.parquet: missing" in validate(copy_)[0]


def test_parquet_bytes_are_the_same_on_every_build_and_row_groups_follow_the_size(
        dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, corpus / seed.name)
    build(BuildConfig(corpus=corpus, out=tmp_path / "again", workers=2, force=True))
    for name in ("articles.parquet", "events.parquet", "numbers.parquet"):
        assert (tmp_path / "again" / name).read_bytes() == (dataset / name).read_bytes()
    assert pq.ParquetFile(dataset / "events.parquet").num_row_groups == 1
    monkeypatch.setattr(parquet, "ROW_GROUP_BYTES", 4096)
    build(BuildConfig(corpus=corpus, out=tmp_path / "small-groups", workers=1, force=True))
    events = pq.ParquetFile(tmp_path / "small-groups" / "events.parquet")
    assert events.num_row_groups > 3
    assert events.metadata.row_group(0).num_rows < events.metadata.num_rows
    assert validate(tmp_path / "small-groups")[0] == []


def test_duckdb_reads_the_tables(dataset: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    articles = _jsonl(dataset / "articles.jsonl")
    con = duckdb.connect()
    rows = con.execute(f"SELECT id, title, len(edits), meta.reference_basis FROM '{dataset}/articles.parquet' "
                       "ORDER BY id").fetchall()
    assert rows == [(a["id"], a["title"], len(a["edits"]), a["meta"]["reference_basis"]) for a in articles]
    per_article = con.execute(f"SELECT article_id, count(*) FROM '{dataset}/events.parquet' GROUP BY 1 "
                              "ORDER BY 1").fetchall()
    assert per_article == [(a["id"], len(a["events"])) for a in articles if a["events"]]
    total = con.execute(f"SELECT sum(value) FROM '{dataset}/numbers.parquet' WHERE kind = 'money'").fetchone()[0]
    assert total == pytest.approx(sum(n["value"] for a in articles for n in a["numbers"] if n["kind"] == "money"))


def test_pandas_reads_the_tables(dataset: Path) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_parquet(dataset / "numbers.parquet")
    numbers = _jsonl(dataset / "numbers.jsonl")
    assert len(frame) == len(numbers)
    assert frame["text"].tolist() == [n["text"] for n in numbers]
    assert frame["article_id"].tolist() == [n["article_id"] for n in numbers]
    articles = pd.read_parquet(dataset / "articles.parquet")
    assert articles["text"].tolist() == [a["text"] for a in _jsonl(dataset / "articles.jsonl")]


def test_hugging_face_datasets_reads_the_tables(dataset: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_parquet(str(dataset / "articles.parquet"), cache_dir=str(tmp_path / "cache"))
    articles = _jsonl(dataset / "articles.jsonl")
    assert ds.num_rows == len(articles)
    first = ds[0]
    assert first["id"] == articles[0]["id"] and first["text"] == articles[0]["text"]
    assert [e["rule"] for e in first["edits"]] == [e["rule"] for e in articles[0]["edits"]]
    assert {s["key"]: s["value"] for s in first["stats"]} == articles[0]["stats"]
    events = datasets.Dataset.from_parquet(str(dataset / "events.parquet"), cache_dir=str(tmp_path / "cache"))
    assert events.num_rows == len(_jsonl(dataset / "events.jsonl"))


def test_the_tables_are_built_with_the_system_allocator_and_the_callers_pool_is_restored(tmp_path: Path) -> None:
    """mimalloc kept a row group's pages after it was written; the writers use malloc, then give the pool back,
    also after an error."""
    before = pa.default_memory_pool().backend_name
    with parquet.ParquetTables.in_folder(tmp_path):
        assert pa.default_memory_pool().backend_name == "system"
    assert pa.default_memory_pool().backend_name == before
    with pytest.raises(RuntimeError), parquet.ParquetTables.in_folder(tmp_path):
        raise RuntimeError("a failing build")
    assert pa.default_memory_pool().backend_name == before


# ---------------------------------------------------------------- JSON lines to Arrow in C++
def test_writing_the_tables_does_not_import_pandas(articles: list[dict[str, Any]], tmp_path: Path) -> None:
    """pyarrow imports pandas (40 MB) the first time it converts a Python value; the writers never ask it to,
    so a build's driver stays without it (in a fresh process: this one may have imported it already)."""
    lines = tmp_path / "articles.jsonl"
    # Every path of the conversion: a null struct filled (a quantity without a period), empty and absent counters.
    records = [*articles, {**articles[0], "stats": {"规则.名": 1}}, {**articles[1], "stats": {}},
               {k: v for k, v in articles[2].items() if k != "stats"}]
    lines.write_text("\n".join(_lines(records)), encoding="utf-8")
    code = ("import sys, pathlib\n"
            "from zhextract.formats.parquet import ParquetTables\n"
            "lines = pathlib.Path(sys.argv[1]).read_text(encoding='utf-8').splitlines()\n"
            "import json\n"
            "with ParquetTables.in_folder(pathlib.Path(sys.argv[2])) as tables:\n"
            "    for line in lines:\n"
            "        a = json.loads(line)\n"
            "        tables.add(line, [json.dumps(e, ensure_ascii=False) for e in a['events']],\n"
            "                   [json.dumps(n, ensure_ascii=False) for n in a['numbers']])\n"
            "print('pandas' in sys.modules)\n")
    out = tmp_path / "out"
    out.mkdir()
    r = subprocess.run([sys.executable, "-c", code, str(lines), str(out)], capture_output=True, text=True,
                       check=True)
    assert r.stdout.strip() == "False"
    table = pq.read_table(out / "articles.parquet")
    assert table.column("stats").to_pylist()[-3:-1] == [[{"key": "规则.名", "value": 1}], []]
    assert any(n.get("period") is None for a in articles for n in a["numbers"])


def _lines(records: list[dict[str, Any]]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]


def _both(records: list[dict[str, Any]], table: str) -> tuple[pa.Table, pa.Table]:
    """The table pyarrow's JSON reader gives, and the one ``from_pylist`` builds from the same records."""
    schema = arrow_schema(table)
    lines = _lines(records)
    return table_from_lines(lines, schema), pa.Table.from_pylist([to_arrow_row(r, schema) for r in records],
                                                                 schema=schema)


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pq.ParquetWriter(sink, table.schema, **parquet.WRITER_OPTIONS) as writer:
        writer.write_table(table, row_group_size=table.num_rows)
    return sink.getvalue().to_pybytes()


@pytest.mark.parametrize("table", ["articles", "events", "numbers"])
def test_the_json_reader_gives_the_table_and_the_bytes_from_pylist_gives(
        articles: list[dict[str, Any]], table: str) -> None:
    records = articles if table == "articles" else [r for a in articles for r in a[table]]
    # Records of every shape the schema allows: a quantity without a period (a null struct whose
    # required children are then null too), an article whose counters are empty or absent.
    if table == "numbers":
        assert any(r.get("period") is None for r in records) and any(r.get("period") for r in records)
    if table == "articles":
        records = [*records, {**records[0], "stats": {}}, {k: v for k, v in records[1].items() if k != "stats"}]
    read, built = _both(records, table)
    assert read.equals(built)
    assert _parquet_bytes(read) == _parquet_bytes(built)


def test_the_json_reader_finds_a_map_written_anywhere_in_the_line(articles: list[dict[str, Any]]) -> None:
    first = {"stats": {"a.b": 2, "c.d": 1}, **{k: v for k, v in articles[0].items() if k != "stats"}}
    odd = {**articles[1], "stats": {"x.y": 3}}
    odd["title"] = '标题里写着 "stats": {"假": 1}'  # the key's text inside a string value
    read, built = _both([first, odd], "articles")
    assert read.equals(built)
    assert read.column("stats").to_pylist()[1] == [{"key": "x.y", "value": 3}]


def test_the_json_reader_refuses_a_record_without_a_required_value(articles: list[dict[str, Any]]) -> None:
    number = copy.deepcopy(articles[0]["numbers"][0])
    schema = arrow_schema("numbers")
    del number["sentence"]
    with pytest.raises(ValueError, match="sentence"):
        table_from_lines(_lines([number]), schema)
    with_period = next(n for a in articles for n in a["numbers"] if n.get("period"))
    broken = copy.deepcopy(with_period)
    broken["period"]["precision"] = None
    with pytest.raises(ValueError, match=r"period\.precision"):
        table_from_lines(_lines([broken]), schema)


def test_schemas_the_json_reader_cannot_type_are_converted_in_python() -> None:
    # a map below the top level, and a required nested list under a nullable struct: both go through
    # from_pylist, with the same result as the records converted there directly
    counters = pa.list_(pa.field("element", pa.struct([pa.field("key", pa.string(), nullable=False),
                                                       pa.field("value", pa.int64())]), nullable=False))
    nested_map = pa.schema([pa.field("id", pa.string(), nullable=False),
                            pa.field("meta", pa.struct([pa.field("counts", counters)]))])
    records = [{"id": "a", "meta": {"counts": {"x": 1, "y": 2}}}, {"id": "b", "meta": None}]
    table = table_from_lines(_lines(records), nested_map)
    assert table.equals(pa.Table.from_pylist([to_arrow_row(r, nested_map) for r in records], schema=nested_map))
    assert table.column("meta").to_pylist()[0] == {"counts": [{"key": "x", "value": 1}, {"key": "y", "value": 2}]}
    span = pa.list_(pa.field("element", pa.int64(), nullable=False))
    nested_list = pa.schema([pa.field("id", pa.string(), nullable=False),
                             pa.field("period", pa.struct([pa.field("span", span, nullable=False)]))])
    records = [{"id": "a", "period": {"span": [1, 2]}}, {"id": "b", "period": None}]
    table = table_from_lines(_lines(records), nested_list)
    assert table.to_pylist() == records
