"""WARC and WET corpora (``.warc``, ``.wet``, optionally gzipped): Common Crawl's archives and text extracts.

Each ``conversion`` record (the plain text of a WET file) and each
``response`` record is an article, with the record's ``WARC-Target-URI`` as
its url and the date of its ``WARC-Date`` (the crawl date: an upper bound
of the publication date) as its published date, in the sidecar's role.
Its id is the UUID of its ``WARC-Record-ID``.  Other records (warcinfo,
request, metadata) are not articles.

Read with warcio (pure Python, maintained by Webrecorder).  Listing walks
the file once, in the driver, noting where each record starts; a worker
reads only its record.  That needs gzipped files compressed record by
record, as every WARC writer (and Common Crawl) does; a file gzipped as a
whole is refused with the command that fixes it.
"""

from __future__ import annotations

import io

from zhextract.errors import InputError
from zhextract.formats.records import Listed, entry_of, locator, open_container, read_range, safe_id

ARTICLE_RECORDS = ("conversion", "response")


def list_warc(container: str) -> tuple[list[Listed], list[tuple[int, str]]]:
    """Every conversion or response record of a WARC/WET file, and ``(record, problem)`` pairs."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found: list[tuple[int, object]] = []  # (offset, record headers) of article records
    offsets: list[int] = []
    problems: list[tuple[int, str]] = []
    with open_container(container) as f:
        size = f.size() if hasattr(f, "size") and callable(f.size) else None
        iterator = ArchiveIterator(f)
        try:
            for record in iterator:
                offset = iterator.get_record_offset()
                offsets.append(offset)
                if record.rec_type in ARTICLE_RECORDS:
                    found.append((offset, record.rec_headers))
        except ArchiveLoadFailed as exc:
            if "non-chunked gzip" in str(exc):
                raise InputError("gzipped as a whole, not record by record, so its records cannot be read "
                                 "one at a time: run 'warcio recompress FILE NEW_FILE'") from None
            raise InputError(f"not a WARC file ({str(exc).strip().splitlines()[0]})") from None
        if size is None:
            f.seek(0, io.SEEK_END)
            size = f.tell()
    ends = dict(zip(offsets, [*offsets[1:], size]))
    records = []
    for number, (offset, headers) in enumerate(found, 1):
        record_id = headers.get_header("WARC-Record-ID") or f"record-{number}"
        where = locator("warc", container, offset=offset, length=ends[offset] - offset)
        length = int(headers.get_header("Content-Length") or 0)
        records.append(Listed(safe_id(record_id), where, number, length,
                              entry_of(headers.get_header("WARC-Target-URI"),
                                       (headers.get_header("WARC-Date") or "")[:10])))
    return records, problems


def read_warc_record(container: str, offset: int, length: int) -> bytes:
    """The payload of the record at ``offset``: a WET page's text, or an HTTP response's body."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    chunk = read_range(container, offset, length)
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(chunk))))
        return bytes(record.content_stream().read())
    except (StopIteration, ArchiveLoadFailed, OSError, ValueError) as exc:
        raise InputError(f"the WARC record at byte {offset} cannot be read (the file changed since it was "
                         f"listed?): {exc}") from None
