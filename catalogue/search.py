"""Title search at the desk: by words of the title, the author, or an ISBN.

On PostgreSQL the words are matched against the stored `search` tsvector
(migration 0002) through its GIN index, every word required, the last one
as a prefix (it may still be being typed: "harry pott"). Words so common
that they narrow nothing ("the", "of") are left out when other words
remain: their posting lists are most of the index. The first CANDIDATES
matches are ranked (title words above author words), then by title. On
another database (SQLite for `make run`) LIKE finds the candidates and
Python applies the same whole-word, prefix and ranking rules.

An ISBN may be typed with hyphens or spaces, and as ISBN-10 or ISBN-13:
both forms are looked for.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q

from catalogue.models import Title

MAX_WORDS = 8
LIMIT = 25
# Matches ranked per search: a query matching more is a query to narrow.
CANDIDATES = 500
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "or",
        "from",
        "as",
        "is",
        "it",
        "la",
        "le",
        "les",
        "el",
        "los",
        "de",
        "del",
        "der",
        "die",
        "das",
        "und",
        "y",
        "et",
    ]
)
_ISBN_TYPED = re.compile(r"(?<![\w-])(?:97[89][\s-]?)?(?:\d[\s-]?){9}[\dXx](?![\w-])")
_WORD = re.compile(r"\w+")


def isbn_forms(isbn: str) -> list[str]:
    """An ISBN as stored (no hyphens), in both its 10- and 13-digit forms
    where it has both."""
    digits = re.sub(r"[\s-]", "", isbn).upper()
    forms = [digits]
    if len(digits) == 10 and digits[:9].isdigit():
        body = "978" + digits[:9]
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
        forms.append(body + str((10 - total % 10) % 10))
    elif len(digits) == 13 and digits.startswith("978") and digits.isdigit():
        body = digits[3:12]
        total = sum(int(d) * (10 - i) for i, d in enumerate(body))
        check = (11 - total % 11) % 11
        forms.append(body + ("X" if check == 10 else str(check)))
    return forms


def parse(query: str) -> tuple[list[list[str]], list[str]]:
    """The query's terms: ISBNs (each with its alternative forms) and
    words, lower-cased, at most MAX_WORDS in all; stop words only when
    nothing else is left."""
    query = query[:300]
    isbns = [isbn_forms(m.group()) for m in _ISBN_TYPED.finditer(query)]
    rest = _ISBN_TYPED.sub(" ", query)
    words = [w.lower() for w in _WORD.findall(rest)]
    telling = [w for w in words if w not in STOP_WORDS]
    if telling or isbns:
        words = telling
    return isbns[:MAX_WORDS], words[: max(0, MAX_WORDS - len(isbns))]


def _tsquery(isbns: list[list[str]], words: list[str], *, prefix: bool = True) -> str:
    """Only \\w characters reach the tsquery: no operator can be typed in.
    With `prefix`, the last word is a prefix when it has three letters or
    more."""
    parts = ["(" + " | ".join(f.lower() for f in forms) + ")" for forms in isbns]
    parts += words[:-1]
    if words:
        last = words[-1]
        parts.append(f"{last}:*" if prefix and len(last) >= 3 else last)
    return " & ".join(parts)


# The fixed statement: the GIN index finds the matches, the first
# CANDIDATES of them are ranked, and the page's titles come back whole
# (every column but the MARC record), so no second read of them follows.
# (Reading a title-order index until a page is full looked cheaper to the
# planner and read a million rows when the matches begin late in the
# alphabet, as "the hidden ..." does.)
_COLUMNS = ", ".join(
    str(f.column) for f in Title._meta.concrete_fields if f.attname != "marc_record"
)
SEARCH_SQL = f"""
SELECT {_COLUMNS} FROM (
    SELECT {_COLUMNS}, search FROM catalogue_title
     WHERE search @@ to_tsquery('simple', %(q)s)
     LIMIT %(candidates)s
) AS found
 ORDER BY ts_rank(search, to_tsquery('simple', %(q)s)) DESC, title, id
 LIMIT %(limit)s
"""  # noqa: S608 (column names from the model; the words are a parameter)


def title_search(query: str, *, limit: int = LIMIT) -> list[Title]:
    """Titles matching every word of `query`, in title order; none for a
    query with no word in it."""
    isbns, words = parse(query)
    if not isbns and not words:
        return []
    if connection.vendor == "postgresql":
        # Whole words first (a prefix merges the lists of every word it
        # begins); the last word as a prefix only to fill the page.
        titles = _search(_tsquery(isbns, words, prefix=False), limit)
        if len(titles) < limit and words and len(words[-1]) >= 3:
            have = {t.pk for t in titles}
            more = _search(_tsquery(isbns, words), limit + len(titles))
            titles += [t for t in more if t.pk not in have][: limit - len(titles)]
        return titles
    return _like_search(isbns, words, limit)


def _search(q: str, limit: int) -> list[Title]:
    """The titles of one search statement, the MARC record left unread."""
    return list(Title.objects.raw(SEARCH_SQL, {"q": q, "candidates": CANDIDATES, "limit": limit}))


def _like_search(isbns: list[list[str]], words: list[str], limit: int) -> list[Title]:
    """The same answer as PostgreSQL's on a small catalogue: LIKE narrows
    to candidates, then each word must be a whole word of the title or the
    author (the last, of three letters or more, may be a word's beginning),
    or the beginning of the ISBN; whole-word matches first, titles matched
    in their title above those matched by author, then by title."""
    titles = Title.objects.defer("marc_record")
    for forms in isbns:
        titles = titles.filter(isbn__in=forms)
    for word in words:
        titles = titles.filter(
            Q(title__icontains=word) | Q(author__icontains=word) | Q(isbn__startswith=word)
        )
    ranked = []
    for title in titles.order_by("title", "pk")[:CANDIDATES]:
        rank = _like_rank(title, words)
        if rank is not None:
            ranked.append((rank, title.title, title.pk, title))
    ranked.sort(key=lambda found: found[:3])
    return [found[3] for found in ranked[:limit]]


def _like_rank(title: Title, words: list[str]) -> tuple[bool, int] | None:
    """(only a prefix matched, minus the words found in the title), or None
    where a word is not in the title, the author or the ISBN."""
    in_title = {w.lower() for w in _WORD.findall(title.title)}
    in_author = {w.lower() for w in _WORD.findall(title.author)}
    isbn = (title.isbn or "").lower()
    title_words = 0
    prefix_only = False
    for position, word in enumerate(words):
        if word in in_title or word in in_author or (isbn and isbn.startswith(word)):
            title_words += word in in_title
            continue
        if position == len(words) - 1 and len(word) >= 3:
            begins_title = any(w.startswith(word) for w in in_title)
            if begins_title or any(w.startswith(word) for w in in_author):
                title_words += begins_title
                prefix_only = True
                continue
        return None
    return (prefix_only, -title_words)
