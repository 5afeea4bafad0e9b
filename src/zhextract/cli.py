"""The ``zhextract`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from zhextract import __version__
from zhextract.errors import ZhextractError
from zhextract.formats.records import RecordFields
from zhextract.step import MiB, Options

DESCRIPTION = """\
Turn scraped, noisy Chinese news articles into a clean, structured dataset.

Each article goes through four stages: normalize (encoding, Traditional to
Simplified, pinyin notes, spacing, punctuation), strip (spam, boilerplate,
header metadata), repair (names mangled by machine translation) and extract
(dated events and quantities). Every change is recorded with its rule and its
place in the original file.
"""

EPILOG = """\
examples:
  zhextract build                       corpus/ -> dataset/, only changed files reprocessed
  zhextract build news/ --out out/ -w 4 a different corpus, 4 worker processes
  zhextract build news.jsonl            a JSONL file, one article per line (also *.parquet)
  zhextract build crawl.warc.wet.gz     Common Crawl's text extracts, one article per record
  zhextract build s3://b/cc --engine ray --out s3://b/ds
                                        workers write Parquet shards, the driver the manifest
  zhextract process corpus/a.txt        one article's JSON on stdout
  zhextract explain news.jsonl --record ID   one record of a file of records
  zhextract explain corpus/a.txt        what was removed or changed in it, and why
  zhextract validate dataset/           check a dataset against its schema and manifest
  zhextract report dataset/             report.html: the build, what was removed, timeline, articles
  zhextract diff old/ dataset/          what changed between two builds (exit 1 when anything did)

run 'zhextract COMMAND --help' for the options of a command.
"""


def _iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _existing_file(value: str) -> str:
    if not Path(value).is_file():
        raise argparse.ArgumentTypeError(f"no such file: {value}")
    return value


def _add_rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", type=_iso_date, metavar="DATE",
                   help="reference date (YYYY-MM-DD) for 今年/去年/… when an article states no publication "
                        "date of its own and the sidecar has none")
    p.add_argument("--gazetteer", type=_existing_file, action="append", default=[], metavar="PATH",
                   help="extra entity file in the format of data/gazetteer.tsv, merged over the built-in one "
                        "(repeatable)")
    p.add_argument("--max-file-mb", type=float, default=16, metavar="MB",
                   help="refuse files larger than this as not an article (default: %(default)s)")


def _add_record_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("corpora of records (*.jsonl, *.ndjson, *.parquet: one article per record)")
    g.add_argument("--text-field", default="text", metavar="NAME",
                   help="field holding the article's text (default: %(default)s)")
    g.add_argument("--id-field", default="id", metavar="NAME",
                   help="field holding the article's id; a record without it is named after its file and "
                        "line, <file>-<line> (default: %(default)s). Fields 'url' and 'published' play the "
                        "sidecar's role")


def _fields(args: argparse.Namespace) -> RecordFields:
    return RecordFields(text=args.text_field, id=args.id_field)


def _options(args: argparse.Namespace) -> Options:
    return Options(published=args.published, gazetteers=tuple(args.gazetteer),
                   max_file_bytes=int(args.max_file_mb * MiB))


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zhextract", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"zhextract {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build the dataset from a corpus folder or file",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="""\
Build DIR (default dataset/) from every file below CORPUS (default corpus/).

CORPUS is a folder of article files, or a file of records recognised by its
name (or a folder of them): JSONL (*.jsonl, *.ndjson: one JSON object per
line), Parquet (*.parquet: one row per article), WARC or WET (*.warc, *.wet,
optionally .gz: each conversion or response record is an article, with its
URL and crawl date). A record's errors name its file and number (a.jsonl:17).

Writes articles.jsonl, articles/<id>.json, events.jsonl, numbers.jsonl,
timeline.jsonl, articles.parquet, events.parquet, numbers.parquet and
manifest.json. Only new or changed files are processed;
outputs of deleted files are dropped; everything is reprocessed when the
tool version, the rule data or an option changes. The new dataset replaces
the old one in one atomic step: a build killed at any moment leaves the
previous dataset intact, and the next build resumes where it stopped.
Files that cannot be processed are listed (also in manifest.json) and the
exit status is 1; the rest of the batch completes.""")
    b.add_argument("corpus", nargs="?", default="corpus",
                   help="corpus folder or file of records (news.jsonl, crawl.warc.wet.gz), or a filesystem URI "
                        "such as s3://bucket/corpus with --engine ray (default: corpus)")
    b.add_argument("--out", "-o", default="dataset", metavar="DIR|URI",
                   help="dataset folder (default: dataset), or a filesystem URI (s3://bucket/dataset, "
                        "file:///data/ds): the workers then write Parquet shards there themselves and the driver "
                        "only the manifest (meant for --engine ray; no JSONL files, no timeline)")
    b.add_argument("--shard-size", type=int, default=2000, metavar="N",
                   help="articles per Parquet shard when --out is a URI (default: %(default)s)")
    b.add_argument("--workers", "-w", type=int, default=0, metavar="N",
                   help="worker processes (default: all cores; 1 runs in this process)")
    b.add_argument("--force", action="store_true", help="reprocess every file, ignoring the cache")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    b.add_argument("--cache-dir", type=Path, metavar="DIR",
                   help="where finished articles are kept between builds (default: .<out>.cache beside DIR)")
    b.add_argument("--boilerplate-min-files", type=int, default=None, metavar="N",
                   help="a short line found in N or more files (with different stories) is a corpus-level "
                        "boilerplate candidate (default: 3, or one file in a thousand in larger corpora)")
    b.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local: a process pool on this machine; ray: a Ray cluster (pip install 'zhextract[ray]')")
    b.add_argument("--ray-address", metavar="ADDR", help="Ray cluster address (default: start a local Ray)")
    _add_rule_options(b)
    _add_record_options(b)

    record_help = ("the id of the record to take when FILE holds records (JSONL, Parquet, WARC/WET); "
                   "needed unless it holds only one")
    p = sub.add_parser("process", help="print one article's JSON",
                       description="Run the whole pipeline on FILE (or on one record of it, --record) and print "
                                   "its article object (the same as in articles/<id>.json) on stdout.")
    p.add_argument("file", type=Path)
    p.add_argument("--record", metavar="ID", help=record_help)
    _add_rule_options(p)
    _add_record_options(p)

    e = sub.add_parser("explain", help="show what was removed or changed in one article, and why",
                       description="Run the pipeline on FILE (or on one record of it, --record) and show every "
                                   "edit grouped by stage and rule, in the context of the original text, then the "
                                   "extracted events and numbers.")
    e.add_argument("file", type=Path)
    e.add_argument("--record", metavar="ID", help=record_help)
    e.add_argument("--all", action="store_true", help="list every edit, also of rules that fire many times")
    e.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    _add_rule_options(e)
    _add_record_options(e)

    v = sub.add_parser("validate", help="check a dataset against its schema and manifest",
                       description="Validate every record of DIR against the JSON Schemas shipped with zhextract "
                                   "and check that its files agree with each other and with manifest.json. With "
                                   "--corpus, also check the source files' hashes and replay every article's edits "
                                   "on its source file.")
    v.add_argument("dataset", nargs="?", default="dataset", type=Path)
    v.add_argument("--corpus", help="corpus folder or file the dataset was built from")
    v.add_argument("--record", metavar="ID", help="check only this article (its record, with --corpus)")
    r = sub.add_parser("report", help="write an HTML report of a dataset (opens offline)",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="""\
Write one HTML file showing DATASET (default dataset/): the build (version,
options, failed files and why, encodings, share of Traditional, spun
scores), what was removed and changed per stage and rule, the articles that
lost most of their text, the corpus's events on a timeline by entity, and a
searchable, sortable table of articles. Clicking an article shows its
original and clean text side by side, every edit highlighted by stage with
its rule and why on hover, events and numbers marked.

The file opens offline, with no network: charts are drawn by the plotly.js
that the installed plotly package ships, inlined in the page. Large corpora get
their article pages in a folder beside the file (report_files/ for
report.html), loaded only when an article is opened; keep the two together.""",
                       epilog="""\
examples:
  zhextract report                       dataset/ -> report.html
  zhextract report out/ --out audit.html audit.html (+ audit_files/ when the corpus is large)
  zhextract report dataset --layout split  always keep article pages in report_files/""")
    r.add_argument("dataset", nargs="?", default="dataset", type=Path, help="dataset folder (default: dataset)")
    r.add_argument("--out", "-o", type=Path, default=Path("report.html"),
                   help="HTML file to write (default: report.html)")
    r.add_argument("--layout", choices=["auto", "single", "split"], default="auto",
                   help="single: article pages inside the HTML file; split: in <name>_files/ beside it; "
                        "auto: single while they take under 40 MB (default: %(default)s)")
    r.add_argument("--cache-dir", type=Path, metavar="DIR",
                   help="the build's cache, for how many files the last build processed and reused "
                        "(default: .<dataset>.cache beside the dataset, as 'build' makes it)")
    r.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")

    d = sub.add_parser("diff", help="what changed between two datasets (exit 0 same, 1 different, 2 bad input)",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="""\
Compare two datasets, e.g. before and after a rule change: how many
articles were added or removed, and how many changed their title, text,
events, numbers or edits; how many changes each rule made in OLD and in NEW;
the articles whose text changed most; and unified diffs of the first few.

exit status: 0 the datasets hold the same articles (options or tool version
may still differ: they are shown), 1 they differ, 2 bad input (a folder
that is not a dataset, a missing or malformed file).""",
                       epilog="""\
examples:
  zhextract diff old/ dataset/                     summary and a few diffs on stdout
  zhextract diff old/ dataset/ --html diff.html    the same as a page in the report's style
  zhextract diff old/ dataset/ -q && echo same     only the exit status""")
    d.add_argument("old", type=Path, help="the dataset before")
    d.add_argument("new", type=Path, help="the dataset after")
    d.add_argument("--html", type=Path, metavar="PATH", help="also write the comparison as an HTML page")
    d.add_argument("--top", type=int, default=10, metavar="N",
                   help="articles listed with the largest text change (default: %(default)s)")
    d.add_argument("--diffs", type=int, default=3, metavar="N",
                   help="unified diffs shown, of the articles that changed most (default: %(default)s)")
    d.add_argument("--quiet", "-q", action="store_true", help="print nothing; only the exit status")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except ZhextractError as exc:
        print(f"zhextract: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("zhextract: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal error: one line unless --debug
        if args.debug:
            raise
        print(f"zhextract: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
              file=sys.stderr)
        return 1


def cmd_build(args: argparse.Namespace) -> int:
    from zhextract.build import BuildConfig, build
    from zhextract.corpus import join
    from zhextract.progress import Progress
    from zhextract.shards import build_sharded, is_output_uri

    sharded = is_output_uri(args.out)
    if args.shard_size < 1:
        raise ZhextractError(f"--shard-size must be at least 1, not {args.shard_size}")
    cfg = BuildConfig(corpus=args.corpus, out=Path(args.out), options=_options(args), workers=args.workers,
                      force=args.force, quiet=args.quiet, debug=args.debug, cache_dir=args.cache_dir,
                      boilerplate_min_files=args.boilerplate_min_files, fields=_fields(args))
    engine = None
    if args.engine == "ray":
        from zhextract.engines.ray_engine import RayEngine

        engine = RayEngine(args.ray_address, args.workers, quiet=args.quiet or not sys.stderr.isatty())
    progress = Progress(enabled=False if args.quiet else None)
    if sharded:
        from zhextract.engines.local import LocalEngine

        report = build_sharded(cfg, args.out, engine or LocalEngine(args.workers), args.shard_size)
    else:
        report = build(cfg, engine=engine, progress=progress)
    for rel, error in report.failed:
        print(f"zhextract: {join(args.corpus, rel)}: {error}", file=sys.stderr)
    if not args.quiet:
        state = "up to date" if report.up_to_date else "built"
        print(f"{state} {str(args.out).rstrip('/')}/: {report.articles} articles, {report.events} events, "
              f"{report.numbers} numbers "
              f"({report.processed} processed, {report.reused} reused, {len(report.failed)} failed) "
              f"in {report.seconds:.1f} s", file=sys.stderr)
    return 1 if report.failed else 0


def _record(path: Path, record_id: str | None, fields: RecordFields) -> tuple[bytes, str, str, dict | None]:  # type: ignore[type-arg]
    """``(bytes, id, source_file, entry)`` of the record ``record_id`` of a file of records."""
    from zhextract.corpus import list_files, read_bytes
    from zhextract.formats.records import safe_id

    files, problems = list_files(path, fields)
    if record_id is None:
        if len(files) != 1:
            first = ", ".join(f.id for f in files[:3])
            raise ZhextractError(f"{path}: holds {len(files)} records; name one with --record ID"
                                 + (f" (e.g. {first})" if first else ""))
        chosen = files[0]
    else:
        by_id = {f.id: f for f in files}
        chosen = by_id.get(record_id) or by_id.get(safe_id(record_id))  # as written in the file, or in the dataset
        if chosen is None:
            bad = next((p for rel, p in problems if rel.endswith(f":{record_id}")), None)
            raise ZhextractError(f"{path}: no record with id {record_id!r}" + (f" ({bad})" if bad else ""))
    try:
        data = read_bytes(chosen.path)
    except OSError as exc:
        raise ZhextractError(f"{path}: {exc.strerror or exc}") from None
    return data, chosen.id, chosen.rel, chosen.entry


def _process_file(args: argparse.Namespace) -> tuple[dict, str]:  # type: ignore[type-arg]
    from zhextract.corpus import article_id
    from zhextract.decode import decode_bytes
    from zhextract.formats.records import container_kind
    from zhextract.pipeline import process_bytes
    from zhextract.step import Context

    path: Path = args.file
    entry = None
    where = str(path)
    if container_kind(path.name):
        data, doc_id, source_file, entry = _record(path, args.record, _fields(args))
        where = f"{path}:{source_file.rsplit(':', 1)[1]}"
    elif args.record is not None:
        raise ZhextractError(f"{path}: --record is for files of records (*.jsonl, *.parquet, *.warc, *.wet, ...)")
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ZhextractError(f"{path}: {exc.strerror or exc}") from None
        doc_id, source_file = article_id(path.name), path.name
    try:
        article = process_bytes(data, doc_id, source_file, Context(options=_options(args)), entry)
    except ZhextractError as exc:
        raise ZhextractError(f"{where}: {exc}") from None
    raw, _ = decode_bytes(data)
    return article, raw


def cmd_process(args: argparse.Namespace) -> int:
    article, _ = _process_file(args)
    sys.stdout.write(json.dumps(article, ensure_ascii=False, indent=2) + "\n")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from rich.console import Console

    from zhextract.explain import render

    article, raw = _process_file(args)
    force = {"always": True, "never": False}.get(args.color)
    console = Console(force_terminal=force, no_color=args.color == "never" or bool(os.environ.get("NO_COLOR")),
                      highlight=False, soft_wrap=True)
    render(article, raw, console, show_all=args.all)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from zhextract.validate import validate, validate_record

    if args.record is not None:
        problems = validate_record(args.dataset, args.record, args.corpus)
        for p in problems:
            print(f"{args.dataset}/{p}", file=sys.stderr)
        if problems:
            print(f"zhextract: {args.dataset}: record {args.record}: INVALID ({len(problems)} problems)",
                  file=sys.stderr)
            return 1
        checked = " and its source record" if args.corpus else ""
        print(f"{args.dataset}: record {args.record} valid{checked}")
        return 0
    problems, counts = validate(args.dataset, args.corpus)
    if problems:
        for p in problems[:50]:
            print(f"{args.dataset}/{p}", file=sys.stderr)
        if len(problems) > 50:
            print(f"... and {len(problems) - 50} more", file=sys.stderr)
        print(f"zhextract: {args.dataset}: INVALID ({len(problems)} problems)", file=sys.stderr)
        return 1
    print(f"{args.dataset}: valid ({counts['articles']} articles, {counts['events']} events, "
          f"{counts['numbers']} numbers)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from zhextract.report.render import write_report

    result = write_report(args.dataset, args.out, layout=args.layout, cache_dir=args.cache_dir)
    if not args.quiet:
        where = f" + {result.files_dir.name}/ ({result.files_bytes / 1e6:.1f} MB)" if result.files_dir else ""
        print(f"wrote {args.out} ({result.html_bytes / 1e6:.1f} MB{where}): {result.articles} articles "
              f"in {result.seconds:.1f} s", file=sys.stderr)
    return 0


DIFF_BAD_INPUT = 2  # diff's exit status for input it cannot read: 0 and 1 answer "did anything change?"


def cmd_diff(args: argparse.Namespace) -> int:
    from zhextract.report.diff import compare
    from zhextract.report.diff_render import render_text, write_html

    try:
        result = compare(args.old, args.new, top=args.top, diffs=args.diffs)
    except ZhextractError as exc:
        print(f"zhextract: {exc}", file=sys.stderr)
        return DIFF_BAD_INPUT
    if not args.quiet:
        sys.stdout.write(render_text(result))
    if args.html:
        write_html(result, args.html)
    return 0 if result.identical else 1


COMMANDS = {"build": cmd_build, "process": cmd_process, "explain": cmd_explain, "validate": cmd_validate,
            "report": cmd_report, "diff": cmd_diff}
