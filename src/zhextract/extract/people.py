"""People an article names: after a title, by family name and 某, or by a full name it keeps writing.

Finders of :class:`~zhextract.extract.names.Candidate` mentions of type person, beside the other kinds of
:mod:`zhextract.extract.names`.  jieba's tags for people (nr) are too often ordinary words or places
(丘陵, 张家口) to be read alone: a person is found by the words around a name (``首席执行官李明远表示``,
``data/person_context.tsv``), by the court-news form 张某, by a full name of the dictionary written
more than once, or by an unknown full name written three times or more.  Family names:
``data/surnames.txt`` and ``data/surnames_rare.txt``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from zhextract.extract.names import HAN_CHARS, PERSON_TAGS, Candidate, not_names
from zhextract.lexicon import lexicon
from zhextract.resources import read_list, read_table
from zhextract.trie import trie_regex

GIVEN_NAME_FREQ = 100  # a word this frequent after a family name is a word, not a given name (和商家)


@lru_cache(maxsize=1)
def _people() -> tuple[re.Pattern[str], frozenset[str]]:
    """The title-name-word pattern and the family names."""
    sides: dict[str, list[str]] = {"before": [], "after": [], "stop": []}
    for row in read_table("person_context.tsv", 2):
        sides[row[0]].extend(row.items(1))
    function_words = {w.lstrip("-") for w in read_list("function_words.txt")}
    names = frozenset(read_list("surnames.txt") + read_list("surnames_rare.txt")) - function_words
    # A title, an optional second one (创始人兼CEO), the name, then a word of saying or a stop.  Scanned
    # with re behind a lookahead on the titles' first characters (several times faster than regex).
    title = trie_regex(sides["before"])
    first = re.escape("".join(sorted({w[0] for w in sides["before"]})))
    pattern = (rf"(?=[{first}])(?:{title})(?:兼(?:{title}))?[ ·]?(?P<name>(?:{trie_regex(names)})[{HAN_CHARS}]{{1,2}}?)"
               rf"(?=(?:{trie_regex(sides['after'] + sides['stop'])})|[，。、；：:（(）)\s\d]|$)")
    return re.compile(pattern), names


def family_names() -> frozenset[str]:
    """The family names of data/surnames.txt and data/surnames_rare.txt (function words aside)."""
    return _people()[1]


def titled_people(text: str) -> list[Candidate]:
    """People named after a title and before a word of saying or a stop (``首席执行官李明远表示``)."""
    pattern, _ = _people()
    return [Candidate(m.start("name"), m.end("name"), "person", "title", m.group("name"))
            for m in pattern.finditer(text) if looks_like_a_name(m.group("name"))]


def anonymous_people(text: str) -> list[Candidate]:
    """People that court and police news names by family name and 某 (张某, 王某某): the family names of
    data/surnames.txt before one or two 某, unless 某 starts a dictionary word with what follows (于某日,
    某些: "a certain")."""
    _, names = _people()
    lex = lexicon()
    out = []
    at = text.find("某")
    while at > 0:
        end = at + 2 if text.startswith("某某", at) else at + 1
        quantifies = any(lex.freq("某" + text[end:end + n]) > 0 for n in (1, 2) if end + n <= len(text))
        if text[at - 1] in names and "\u4e00" <= text[at - 1] <= "\u9fff" and not quantifies:
            end += _given_after_mou(text, end)
            out.append(Candidate(at - 1, end, "person", "title", text[at - 1:end]))
        at = text.find("某", end)
    return out


GIVEN_AFTER_MOU_TAGS = frozenset({"nr", "ns", "n", "ng", "a", "zg", "q", "b"})  # 钱某兰, 郭某枝, 李某华
NAME_CLOSE = frozenset("、，,。；;：:（(）)》”\" \n")
NAME_CLOSE_TAGS = frozenset({"d", "v", "p"})  # 郭某枝|分别被罚, 李某华|被判处


def _given_after_mou(text: str, at: int) -> int:
    """1 when the character at ``at``, right after 某, is the rest of a given name (钱某兰、郭某枝分别…): a
    character that may be part of a name and begins no word with the next one (张某|家中), before a mark or
    an adverb, verb or preposition (分别, 被); else 0."""
    if at + 1 >= len(text) or not "\u4e00" <= text[at] <= "\u9fff":
        return 0
    lex = lexicon()
    if lex.tag(text[at]) not in GIVEN_AFTER_MOU_TAGS or lex.freq(text[at:at + 2]) > 0:
        return 0
    if text[at + 1] in NAME_CLOSE:
        return 1
    words = [w for w in lex.prefixes(text[at + 1:at + 1 + lex.longest]) if len(w) > 1]
    return 1 if words and lex.tag(max(words, key=len)) in NAME_CLOSE_TAGS else 0


PERSON_NAME_FREQ = 30  # a dictionary word tagged nr this frequent is a place or a word (张家口 303), not a person
PERSON_WINDOW = 3  # characters on each side of a name that jieba reads with it, to see that it is one word there


def repeated_people(text: str) -> list[Candidate]:
    """People named with no title, by their full name written more than once (黄某鸣到…挑选新人，是黄某鸣签约的…):
    a family name of data/surnames.txt and two characters that jieba's dictionary tags a person's name (nr)
    and seldom sees (PERSON_NAME_FREQ: 张家口 is a place), and that jieba reads as one word where they stand
    (陈述了 is 陈述 + 了).  Its given name may be a word (王建国: 建国): the whole is the dictionary's name.
    A name written once is left to the patterns of titles and speech (:func:`titled_people`): too many
    words start with a family name."""
    lex = lexicon()
    out: list[Candidate] = []
    for word, n in _family_grams(text).items():
        if n < 2 or lex.tag(word) not in PERSON_TAGS or lex.freq(word) > PERSON_NAME_FREQ or word in not_names():
            continue
        starts = _named_starts(text, word)
        if len(starts) < 2:
            continue
        for s in starts:
            lo = max(0, s - PERSON_WINDOW)
            if any(lo + t.start == s and t.word == word for t in lex.tokens(text[lo:s + len(word) + PERSON_WINDOW])):
                out.append(Candidate(s, s + len(word), "person", "repeated", word))
    return out


RECURRING_MIN = 3  # times an unknown full name is written before it is taken for a person
_PARTICLES = frozenset({"u", "uj", "ul", "uz", "ug", "ud", "uv", "c", "y"})  # tags of 的, 等, 和: no name ends so


@lru_cache(maxsize=1)
def _family_name_class() -> re.Pattern[str]:
    """A one-character family name of data/surnames.txt and two Han characters, at every position: the match is
    the family name, consumed by a class that ``re`` skips to in its own loop, and the three characters are
    captured from a lookbehind one character wide (a bare lookahead was tried at every character: twice the
    time)."""
    common = "".join(sorted(w for w in read_list("surnames.txt") if len(w) == 1))
    return re.compile(rf"[{common}](?<=(?=([{common}][{HAN_CHARS}]{{2}})).)")


@lru_cache(maxsize=2)
def _family_grams(text: str) -> Counter[str]:
    """How often each string of a family name and two Han characters stands in ``text`` (overlapping),
    counted in C: the people rules look up only the few written more than once."""
    return Counter(_family_name_class().findall(text))


def _starts(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _named_starts(text: str, word: str) -> list[int]:
    """Where ``word`` stands other than right after a digit: there its family name is a magnitude or a
    unit's first character (2308万标箱, 3万元), and the string is the rest of a quantity, nobody's name."""
    return [s for s in _starts(text, word) if not (s and text[s - 1].isdigit())]


def recurring_people(text: str) -> list[Candidate]:
    """People the dictionary does not know, named with no title but written RECURRING_MIN times or more
    (王某方…对王某方判处…王某方等): a family name of data/surnames.txt and two characters that are no word
    of the dictionary (商闭环: 闭环), where no dictionary word crosses their edges (和京东 aside, 驻马店市: 马店市),
    the first two no common word (高管们, 方面称), the last no function word (的, 等).  Written that often,
    a string of this shape is somebody the story is about."""
    if len(text) < RECURRING_MIN * 3:
        return []
    lex = lexicon()
    out: list[Candidate] = []
    for word, n in _family_grams(text).items():
        if n < RECURRING_MIN:
            continue
        starts = _named_starts(text, word)
        if len(starts) < RECURRING_MIN or word in not_names() or lex.freq(word) > 0 or lex.freq(word[1:]) > 0 \
                or lex.freq(word[:2]) >= GIVEN_NAME_FREQ or (lex.tag(word[2]) or "x") in _PARTICLES \
                or any(_crosses_a_word(text, s) for s in starts) or all(_joined_before(text, s) for s in starts):
            continue
        out += [Candidate(s, s + 3, "person", "repeated", word) for s in starts]
    return out


def _joined_before(text: str, s: int) -> bool:
    """Whether jieba's HMM joins the character at ``s`` to the one before it (手游电|竞 of 手游电竞): a family
    name that the model reads so wherever the string stands is the middle of a new word (游电竞), no name."""
    lo = max(0, s - PERSON_WINDOW)
    return any(lo + t.start < s < lo + t.end for t in lexicon().tokens(text[lo:s + 3 + PERSON_WINDOW]))


def _crosses_a_word(text: str, s: int) -> bool:
    """Whether a dictionary word of two characters or more crosses either edge of ``text[s:s + 3]``
    (驻|马店市: 驻马店; 方外|链接: 链接)."""
    lex = lexicon()
    for j in (s - 2, s - 1, s + 1, s + 2):
        if j < 0:
            continue
        words = [w for w in lex.prefixes(text[j:j + 6]) if len(w) > 1]
        if any(j < s < j + len(w) or j < s + 3 < j + len(w) for w in words):
            return True
    return False


def looks_like_a_name(name: str) -> bool:
    """A family name and a given name, not a family-name character before a common word (向记者, 和公司).

    A given name of two characters may be a common word (王建国, 李国庆, 邢继承): between a title and
    a word of saying or a stop, a single family name before it is a name; only a compound family name
    (欧阳) leaves its one-character given name to the test of the whole."""
    if name in not_names():
        return False
    lex = lexicon()
    given = name[2:] if name[:2] in _people()[1] and len(name) > 2 else name[1:]
    common_given_ok = len(name) == 3 and len(given) == 2
    for word in (name, given) if len(given) > 1 and not common_given_ok else (name,):
        tag = lex.tag(word)
        if tag is not None and tag not in PERSON_TAGS and lex.freq(word) >= GIVEN_NAME_FREQ:
            return False
    return True
