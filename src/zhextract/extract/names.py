"""Where an article names companies, products, agencies, people and places: one rule per kind of sign.

This module holds what every rule shares: :class:`Candidate`, the entity types, jieba's tags that make or
break a name, ``data/not_names.txt``, ``data/clause_cues.tsv`` (:func:`clause_words`) and the frames of
``data/places.tsv``.  The rules themselves live in the modules named below.

Each finder returns :class:`Candidate` mentions; :mod:`zhextract.extract.entities`
resolves their overlaps and groups them into the article's entities.  Nothing
is downloaded: the signs are the gazetteer, the form of the words around a
name, and jieba's dictionary (its words, part-of-speech tags and HMM, through
:mod:`zhextract.lexicon`), read on a few characters at a time.

* ``gazetteer``   the names of ``data/gazetteer.tsv`` (and ``--gazetteer`` files);
* ``org_form``    a name before the words that end an organisation's name
                  (``星海控股有限公司``, ``云帆汽车``, ``国家统计局``;
                  ``data/org_suffixes.tsv``): :mod:`.org_forms`;
* ``defined``     the short names an article defines for what it just named
                  (``（以下简称“遥望”）``, ``（「星海」或「本集团」）``): :mod:`.marked_names`;
* ``latin``       a capitalised or mixed-case Latin word, or a model
                  (``Counterpoint``, ``iPhone 16 Pro``, ``Mate 60``, ``X9 Pro``),
                  not an acronym of ``data/latin_common.txt``: :mod:`.marked_names`;
* ``listed``      a listed company before its stock code in brackets
                  (``云帆汽车（601234）``, ``星海控股(0888.HK)``, ``联达（3081-TW）``):
                  the longest end of the words before the code that the
                  article writes again, else those words when they are short: :mod:`.marked_names`;
* ``title``       a person after a title or before a verb of saying (``首席执行官李明远表示``),
                  by family name and 某, or by a full name written twice: :mod:`.people`;
* ``collective``  bodies taken as a whole, sectors and markets (全国检察机关, 保险业, 科创板):
                  :mod:`.collectives`;
* ``opener``      a name that opens a sentence before its date or a verb of announcing, or a place
                  known by its administrative form there (江城市): :mod:`.sentence_openers`;
* ``aimed``       the party a sanction is aimed at, between 对 and 责令, 给予 or 处以 (对道衡投资责令改正):
                  :mod:`.aimed_names`;
* ``lexicon``     a word jieba's dictionary tags as an organisation (nt), or as a
                  place (ns) when an administrative word ends it (山东省, 潍坊市);
* ``places``      the places of ``data/places.tsv`` (山东, 澳门, 美国; 全国, 我国 as written);
* ``repeated``    a word jieba's dictionary does not know, that its HMM joins at
                  the head of a clause and that the article writes more than once
                  (a new brand, a company known by a short name).
The last three are read only in the clauses where a doer or a number's
subject is looked for (:func:`~.dictionary_names.lexicon_names`, :func:`~.dictionary_names.repeated_names`): a
dictionary scan of a whole article would cost more than the rest of the
stage, and jieba's tags for people (nr) and other names (nz) are too often
ordinary words to be read at all (丘陵 nr, 世界杯 nz); people come from titles (:mod:`.people`).

``data/not_names.txt`` lists words that are never a name, whatever their tag.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from zhextract.lexicon import Token, lexicon
from zhextract.resources import read_list, read_roles, read_table

TYPES = ("company", "product", "agency", "person", "place", "sector")
# Gazetteer types -> entity types of the article.
GAZETTEER_TYPES = {"platform": "company", "business": "company", "company": "company", "media": "company",
                   "product": "product", "program": "product", "regulator": "agency", "person": "person"}
PROPER_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz"})
PERSON_TAGS = frozenset({"nr", "nrfg"})
# Tags of words that never belong to a name: function words, pronouns, numerals, time, adverbs.
STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "rr", "rz", "rg", "m", "mq", "q",
                       "t", "tg", "f", "d", "df", "dg", "y", "e", "o", "h", "k", "ad", "zg"})
HAN_CHARS = "\u4e00-\u9fff"  # the Han characters a name is written in (a class for re)
ADMIN_ENDS = frozenset("省市县区州")  # the administrative words that make a dictionary place a place
# A word this frequent that an administrative word begins with what follows takes it from the place (上海|市场);
# a rarer one does not (浙江省|地区, not 浙江|省地).
ADMIN_SPLIT_FREQ = 100
RARE_NAME_FREQ = 200  # a noun this rare after a place may be the rest of a company's name (贵州茅台)
COMMON_FREQ = 1000  # an ordinary word this frequent in jieba's dictionary is no name (小米 is, 理想 is not)
# Tags of a character that starts no name (其, 该, 也, 对, 的): a pronoun, an adverb, a preposition, a particle.
_NO_NAME_START = frozenset({"r", "d", "p", "uj", "ul", "uz", "ug", "ud", "uv"})


class Candidate(NamedTuple):
    """A possible mention: ``text[start:end]`` names something of ``type``.

    ``core`` is the name without an organisation's suffixes (云帆 of 云帆汽车),
    the key that groups an article's spellings of one entity; ``canonical``
    is the gazetteer's name when the gazetteer knows it.
    """

    start: int
    end: int
    type: str
    source: str
    core: str
    canonical: str | None = None


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    return frozenset(read_list("not_names.txt"))


# A number before one of these is a quantity (GMV 1000亿, Q3 3.5万台), not a model number.
_AFTER_QUANTITY = frozenset("亿万千百元%％年月日季号个件台部辆款家人次倍点.,")


# ------------------------------------------------------------------ helpers
def _is_stop(tok: Token) -> bool:
    """A word that cannot be part of a name: function words, numbers, time words, common verbs."""
    if tok.word in not_names():
        return True
    if tok.tag in STOP_TAGS:
        return True
    if tok.tag is None:  # a number, or a word of the HMM that starts with a function word (其车规级): no name,
        # nor one that ends with a demonstrative (占该|集团: the verb before 该集团 glued to it)
        return not tok.word[0].isalnum() or tok.word[0].isdigit() or lexicon().tag(tok.word[0]) in _NO_NAME_START \
            or (len(tok.word) == 2 and lexicon().tag(tok.word[-1]) == "r")
    return tok.tag.startswith("v") and tok.tag != "vn" and lexicon().freq(tok.word) >= COMMON_FREQ


# The roles of data/clause_cues.tsv (see clause_words).
CLAUSE_ROLES = ("preposition", "coordinator", "agent", "localizer", "anaphor", "issuer", "apposition", "reason",
                "frame_start", "frame_end", "source_end", "date_link", "name_cue", "penalty", "since", "rule_document",
                "existential", "content", "part", "person_unit", "indefinite", "list_end",
                "time_end", "intent", "actor_kind", "demonstrative", "publish", "statistics_office", "method_end",
                "sanction", "channel", "data_report", "standard")


@lru_cache(maxsize=1)
def clause_words() -> dict[str, frozenset[str]]:
    """``data/clause_cues.tsv``: role -> its words (read once, for actors, metrics and the name rules here)."""
    return read_roles("clause_cues.tsv", CLAUSE_ROLES)


def is_preposition(word: str) -> bool:
    """Whether ``word`` is a preposition: by jieba's tag, or by data/clause_cues.tsv for one the dictionary
    tags otherwise (经, a noun there)."""
    return lexicon().tag(word) == "p" or word in clause_words()["preposition"]


@lru_cache(maxsize=1)
def frames() -> frozenset[str]:
    """The places of data/places.tsv that frame figures (全国, 全市, 我国; 全球): whose the figures are, no company."""
    rows = read_table("places.tsv", 2, 1)
    for row in rows:
        if row[1] not in ("", "frame", "scope", "home"):
            raise row.error("the second column is empty, 'frame', 'scope' or 'home'")
    return frozenset(row[0] for row in rows if row[1] in ("frame", "scope"))


@lru_cache(maxsize=1)
def home_places() -> frozenset[str]:
    """The places of data/places.tsv whose national bodies the gazetteer lists (中国): 中国商务部 is 商务部."""
    frames()  # checks the kinds
    return frozenset(row[0] for row in read_table("places.tsv", 2, 1) if row[1] == "home")


@lru_cache(maxsize=1)
def scopes() -> frozenset[str]:
    """The frames of data/places.tsv that are no jurisdiction (全球): whose figures, never the doer of an event
    (2024年全球智能手表出货量… reports a sum over the world that no one acts for)."""
    return frozenset(row[0] for row in read_table("places.tsv", 2, 1) if row[1] == "scope")
