"""Title search: by words of the title, the author or an ISBN, on
PostgreSQL's full-text index and on the LIKE fallback alike."""

from __future__ import annotations

import pytest
from django.db import connection

from catalogue import search
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf():
    return {
        "darkness": factories.TitleFactory(
            title="The Left Hand of Darkness", author="Ursula K. Le Guin", isbn="9780441478125"
        ),
        "dune": factories.TitleFactory(title="Dune", author="Frank Herbert", isbn="0441172717"),
        "messiah": factories.TitleFactory(title="Dune Messiah", author="Frank Herbert"),
        "hobbit": factories.TitleFactory(title="The Hobbit", author="J. R. R. Tolkien"),
    }


def found(query):
    return [t.title for t in search.title_search(query)]


def test_words_of_the_title_and_author_must_all_match(shelf):
    assert found("dune") == ["Dune", "Dune Messiah"]
    assert found("dune messiah") == ["Dune Messiah"]
    assert found("herbert") == ["Dune", "Dune Messiah"]
    assert found("le guin darkness") == ["The Left Hand of Darkness"]
    assert found("hobbit herbert") == []


def test_the_last_word_may_be_still_being_typed(shelf):
    assert found("hobbit tolk") == ["The Hobbit"]
    assert found("DARK") == ["The Left Hand of Darkness"]
    assert found("dune mess") == ["Dune Messiah"]
    assert found("du") == []  # two letters: a whole word only


def test_common_words_are_left_out_while_others_remain(shelf):
    assert search.parse("The Hobbit") == ([], ["hobbit"])
    assert search.parse("the of") == ([], ["the", "of"])
    assert found("the left hand of darkness") == ["The Left Hand of Darkness"]


def test_title_words_rank_above_author_words():
    factories.TitleFactory(title="Collected Essays", author="Rivera Herbert")
    factories.TitleFactory(title="Herbert the Gardener", author="Ann Smith")
    assert found("herbert") == ["Herbert the Gardener", "Collected Essays"]


def test_an_isbn_with_hyphens_or_in_its_other_form_is_found(shelf):
    assert found("978-0-441-47812-5") == ["The Left Hand of Darkness"]
    assert found("0-441-47812-3") == ["The Left Hand of Darkness"]  # its ISBN-10
    assert found("9780441172719") == ["Dune"]  # stored as ISBN-10
    assert found("0441172717") == ["Dune"]


def test_isbn_forms():
    assert search.isbn_forms("0-441-47812-3") == ["0441478123", "9780441478125"]
    assert search.isbn_forms("978 0 441 47812 5") == ["9780441478125", "0441478123"]
    assert search.isbn_forms("080442957X") == ["080442957X", "9780804429573"]
    assert search.isbn_forms("9780804429573") == ["9780804429573", "080442957X"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "&|:*()'\"\\", "a & b | !c", "dune:* | hobbit", "x" * 500, "\x00dune"],
)
def test_any_text_is_a_query_and_never_an_error(shelf, query):
    result = search.title_search(query)
    assert isinstance(result, list)
    if query.strip(" !&|:*()'\"\\") == "":
        assert result == []


def test_operators_typed_in_are_words_not_syntax(shelf):
    assert found("dune | hobbit") == []  # both words required, no "or"
    assert found("!dune") == ["Dune", "Dune Messiah"]


def test_results_come_in_title_order_and_stop_at_the_limit():
    for n in range(30):
        factories.TitleFactory(title=f"Harbor {n:02d}", author="Someone")
    results = search.title_search("harbor")
    assert len(results) == search.LIMIT
    assert [t.title for t in results] == [f"Harbor {n:02d}" for n in range(25)]


@pytest.mark.postgres
def test_postgresql_searches_the_generated_column_through_its_gin_index(shelf):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN " + search.SEARCH_SQL,
            {"q": search._tsquery(*search.parse("dune herb")), "candidates": 500, "limit": 25},
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "title_search_idx" in plan, plan
    # The column follows an update of the title by itself.
    shelf["hobbit"].title = "The Hobbit, or There and Back Again"
    shelf["hobbit"].save()
    assert found("there back") == ["The Hobbit, or There and Back Again"]
