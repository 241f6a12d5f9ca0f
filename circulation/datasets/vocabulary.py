"""What the generated library looks like: shares, categories, formats and
the word lists names and titles are drawn from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

NULL = "\\N"
BARCODE_FLOOR = 10_000_000
REBUILD_MIN_ROWS = 100_000
HISTORY_YEARS = 5
BATCH_ROWS = 5_000
SQLITE_BATCH = 1_000

OPEN_LOAN_SHARE = 0.012
OVERDUE_SHARE = 0.22
LATE_RETURN_SHARE = 0.28
FEE_ON_LATE_RETURN = 0.15

# Shares of the branches: westfield, millbury, jones, kenora.
BRANCH_WEIGHTS = (0.40, 0.25, 0.20, 0.15)
# category, share, age range (None: no date of birth)
CATEGORIES = (
    ("adult", 0.66, (18, 64)),
    ("juvenile", 0.21, (2, 17)),
    ("senior", 0.10, (65, 94)),
    ("staff", 0.02, (20, 66)),
    ("institution", 0.01, None),
)
FORMATS = (
    ("book", 0.74, "25.00"),
    ("dvd", 0.10, "20.00"),
    ("audiobook", 0.07, "45.00"),
    ("magazine", 0.05, "6.00"),
    ("game", 0.03, "50.00"),
    ("equipment", 0.01, "120.00"),
)
ITEM_STATUS_IDLE = (
    ("available", 0.965),
    ("in_transit", 0.01),
    ("lost", 0.01),
    ("missing", 0.005),
    ("withdrawn", 0.01),
)


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    "Avery Blake Cameron Dakota Emerson Finley Harper Jordan Kai Logan Morgan Noah Oliver "
    "Parker Quinn Riley Sawyer Taylor Rowan Skyler Alex Jamie Casey Drew Elliot Frankie "
    "Hayden Jesse Kendall Lane Marley Nico Peyton Reese Sam Tatum Shay Ari Bailey Charlie "
    "Devon Eden Gray Hollis Indigo Jude Kit Lennon Milan Oakley Remy Sage Tobin Wren Zion "
    "Amara Bruno Chloe Diego Esme Farah Hugo Ines Jonah Leila Mateo Nadia Omar Priya Ravi "
    "Sofia Tomas Uma Vera Yusuf Zara Aiko Bo Chen Dara Emeka Fatima Giulia Hana Ivan Jin"
)
LAST_NAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Moore Jackson Martin Lee Perez Thompson White "
    "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell "
    "Carter Roberts Tremblay Gagnon Roy Cote Bouchard Gauthier Morin Lavoie Fortin Okafor "
    "Chen Singh Patel Kim Park Cohen Murphy Kelly Sullivan Novak Kowalski Schmidt Rossi "
    "Silva"
)
STREETS = _words(
    "Main Oak Maple Cedar Elm Pine Lake Hill Park Church Mill River Spring Union Water "
    "Chestnut Walnut Ridge Meadow Forest Highland Orchard Prospect School Bridge"
)
STREET_KINDS = ("Street", "Avenue", "Road", "Lane", "Drive", "Court", "Place")
ADJECTIVES = _words(
    "Silent Hidden Last Broken Golden Secret Lost Quiet Wild Distant Burning Frozen Little "
    "Forgotten Endless Crooked Bright Dark Gentle Restless Hollow Shining Northern Painted"
)
NOUNS = _words(
    "River Garden House Island Mountain Letter Kingdom Forest Clock Bridge Winter Harbor "
    "Road Lantern Orchard Mirror Storm Library Meadow Compass Voyage Promise Shadow City"
)
SUBJECTS = _words(
    "Gardening Cooking Astronomy Birds History Chess Photography Baking Knitting Economics "
    "Poetry Physics Painting Travel Parenting Running Woodworking Philosophy Music Geology"
)


def weighted(choices: Iterable[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    """Values and cumulative weights, for bisect-free weighted picks."""
    values, cumulative, total = [], [], 0.0
    for value, weight in choices:
        total += weight
        values.append(value)
        cumulative.append(total)
    cumulative[-1] = float("inf")
    return values, cumulative


def pick(values: list[Any], cumulative: list[float], r: float) -> Any:
    for value, bound in zip(values, cumulative, strict=True):
        if r < bound:
            return value
    return values[-1]


def coprime_step(n: int) -> int:
    """A multiplier that permutes range(n) (a prime that does not divide n)."""
    for p in (1_000_003, 999_983, 1_299_709, 15_485_863):
        if n % p:
            return p
    return 1


# Syllables of made-up words: titles and surnames drawn from them give the
# catalogue the long tail of rare words a real one has (27,000 words of three
# syllables), beside the common words above.
SYLLABLES = _words(
    "ka lo mi ra ven tor sel an dri ul mo pe sha ri gan to bel cor da fi "
    "nu we ol ith zar mel qu bra sto en"
)
PUBLISHERS = (
    "Harbor Press",
    "Northlight Books",
    "Maple Leaf Publishing",
    "Riverbend House",
    "Quill & Lantern",
    "Summit Editions",
)
