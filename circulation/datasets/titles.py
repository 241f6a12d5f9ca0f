"""Rows for catalogue titles, and the title each generated copy belongs to.

A title's words are a pure function of the seed and its number (no list of
two million strings is kept): `title_of` gives the same title to the title
row and to every copy of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .plan import Clock, Plan
from .vocabulary import (
    ADJECTIVES,
    FIRST_NAMES,
    FORMATS,
    LAST_NAMES,
    NOUNS,
    PUBLISHERS,
    SUBJECTS,
    SYLLABLES,
    pick,
    weighted,
)

_FORMATS, _FORMAT_CUM = weighted((i, w) for i, (_, w, _) in enumerate(FORMATS))
_MASK = 0xFFFFFFFF


class TitleWords(NamedTuple):
    title: str
    author: str
    format: int  # index into FORMATS
    call: str
    isbn: str
    year: int


def _mix(x: int) -> int:
    x = ((x ^ (x >> 16)) * 0x45D9F3B) & _MASK
    x = ((x ^ (x >> 16)) * 0x45D9F3B) & _MASK
    return x ^ (x >> 16)


def _coined(h: int) -> str:
    n = len(SYLLABLES)
    return (SYLLABLES[h % n] + SYLLABLES[h // n % n] + SYLLABLES[h // n // n % n]).capitalize()


def _isbn13(body: str) -> str:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def title_of(seed: int, t: int) -> TitleWords:
    """The words of title number `t` (from 0) of a dataset made with `seed`."""
    h1 = _mix(t * 2 + seed * 7919)
    h2 = _mix(h1 ^ (t + 1) * 2654435761 & _MASK)
    h3 = _mix(h2 + 0x9E3779B9 & _MASK)
    f = pick(_FORMATS, _FORMAT_CUM, (h1 & 0xFFFF) / 0x10000)
    fmt = FORMATS[f][0]
    # Half the authors have a common surname, half a rare one.
    last = LAST_NAMES[h2 // 2 % len(LAST_NAMES)] if h2 % 2 else _coined(h2 // 2)
    author = f"{FIRST_NAMES[h3 % len(FIRST_NAMES)]} {last}"
    adjective = ADJECTIVES[(h1 >> 16) % len(ADJECTIVES)]
    noun = NOUNS[(h3 >> 8) % len(NOUNS)]
    other = NOUNS[(h3 >> 16) % len(NOUNS)]
    word = _coined(h3 >> 4)
    r = (h2 >> 20) % 100
    if fmt == "magazine":
        title = f"{noun} Monthly ({1 + h3 % 12}/{2015 + (h3 >> 4) % 11})"
        author, call = "", "MAG"
    elif r < 45:
        title = f"The {adjective} {noun} of {word}"
        call = f"FIC {last[:3].upper()}"
    elif r < 70:
        title = f"{noun} of the {other}: {word}"
        call = f"J FIC {last[:3].upper()}"
    else:
        subject = SUBJECTS[(h3 >> 12) % len(SUBJECTS)]
        title = f"{subject} for Everyone, Volume {1 + h2 % 9}: {word}"
        call = f"{h3 % 1000:03d}.{h2 % 100:02d} {last[:3].upper()}"
    if fmt in ("dvd", "game", "equipment"):
        call = f"{fmt.upper()} {title.split()[-1][:3].upper()}"
    isbn = _isbn13(f"978{(t + seed * 100_000_000) % 1_000_000_000:09d}")
    return TitleWords(title, author, f, call, isbn, 1950 + h1 % 76)


def title_rows(plan: Plan, clock: Clock) -> Iterator[tuple[str, ...]]:
    first_id = plan.first_id["titles"]
    created = clock.ts(clock.today - 1, 600)
    for t in range(plan.titles):
        w = title_of(plan.seed, t)
        # A title never contains a tab, a newline or a backslash: the word
        # lists have none.
        yield (
            str(first_id + t),
            w.title,
            w.author,
            w.isbn if FORMATS[w.format][0] == "book" else "",
            "",
            PUBLISHERS[t % len(PUBLISHERS)],
            str(w.year),
            FORMATS[w.format][0],
            "eng",
            "",
            "",
            "",
            "",
            created,
        )


def title_for_item(plan: Plan, k: int) -> int:
    """The title number (from 0) of generated copy number `k`: titles are
    dealt out in turn, so a title has its share of copies, or none."""
    return k % plan.titles
