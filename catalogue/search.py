"""Title search at the desk: by words of the title, the author, or an ISBN.

On PostgreSQL the words are matched against the stored `search` tsvector
(migration 0002) through its GIN index, each word as a prefix (so a title
is found while it is being typed: "harr pott"), every word required. On
another database (SQLite for `make run`) each word must appear in the
title, author or ISBN (LIKE). Either way results come in title order.

An ISBN may be typed with hyphens or spaces, and as ISBN-10 or ISBN-13:
both forms are looked for.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet

from catalogue.models import Title

MAX_WORDS = 8
LIMIT = 25
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
    words, lower-cased, at most MAX_WORDS in all."""
    query = query[:300]
    isbns = [isbn_forms(m.group()) for m in _ISBN_TYPED.finditer(query)]
    rest = _ISBN_TYPED.sub(" ", query)
    words = [w.lower() for w in _WORD.findall(rest)]
    return isbns[:MAX_WORDS], words[: max(0, MAX_WORDS - len(isbns))]


def _tsquery(isbns: list[list[str]], words: list[str]) -> str:
    """Only \\w characters reach the tsquery: no operator can be typed in."""
    parts = ["(" + " | ".join(f.lower() for f in forms) + ")" for forms in isbns]
    parts += [f"{w}:*" for w in words]
    return " & ".join(parts)


# The fixed statement: the GIN index finds the matches, the title order
# index pages common words without sorting them all.
SEARCH_SQL = """
SELECT id FROM catalogue_title
 WHERE search @@ to_tsquery('simple', %s)
 ORDER BY title, id
 LIMIT %s
"""


def title_search(query: str, *, limit: int = LIMIT) -> list[Title]:
    """Titles matching every word of `query`, in title order; none for a
    query with no word in it."""
    isbns, words = parse(query)
    if not isbns and not words:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(SEARCH_SQL, [_tsquery(isbns, words), limit])
            ids = [row[0] for row in cursor.fetchall()]
        found = Title.objects.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
    return list(_like_search(isbns, words)[:limit])


def _like_search(isbns: list[list[str]], words: list[str]) -> QuerySet[Title]:
    titles = Title.objects.all()
    for forms in isbns:
        titles = titles.filter(isbn__in=forms)
    for word in words:
        titles = titles.filter(
            Q(title__icontains=word) | Q(author__icontains=word) | Q(isbn__startswith=word)
        )
    return titles.order_by("title", "pk")
