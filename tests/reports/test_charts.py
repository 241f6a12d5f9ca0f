"""Server-drawn charts: legible without colour, numbers on the chart and in
the table, no markup from the data."""

from __future__ import annotations

import re

from reports.charts import bar_chart, heat_level, heat_map


def test_a_bar_chart_writes_every_value_and_lists_them_in_its_table():
    chart = bar_chart(id="by-channel", title="By channel", data=[("Phone", 7), ("In person", 12)])
    assert ">7<" in chart.svg and ">12<" in chart.svg
    assert chart.rows == (("Phone", 7), ("In person", 12))
    assert chart.columns == ("", "Count")
    assert chart.total == 19
    assert 'role="img"' in chart.svg and "<title" in chart.svg


def test_bars_are_hatched_in_black_and_white_not_coloured():
    chart = bar_chart(id="c", title="t", data=[("a", 1)])
    fills = set(re.findall(r'fill="([^"]+)"', chart.svg))
    assert fills <= {"#1a1a1a", "#ffffff", "url(#c-hatch)"}


def test_labels_from_data_are_escaped():
    chart = bar_chart(id="x", title="<b>t</b>", data=[("<script>alert(1)</script>", 1)])
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    assert "<b>" not in chart.svg


def test_a_percentage_chart_is_scaled_to_one_hundred():
    chart = bar_chart(id="p", title="On time", data=[("Main", 50.0)], percent=True)
    assert "50%" in chart.svg
    assert 'width="180"' in chart.svg  # half of the 360-pixel plot


def test_an_empty_chart_says_so():
    assert bar_chart(id="e", title="t", data=[]).empty


def test_heat_levels_rise_with_the_count_and_zero_is_blank():
    assert heat_level(0, 10) == 0
    assert heat_level(1, 10) == 1
    assert heat_level(10, 10) == 4
    levels = [heat_level(v, 40) for v in range(1, 41)]
    assert levels == sorted(levels) and set(levels) == {1, 2, 3, 4}


def test_a_heat_map_has_a_row_per_weekday_and_writes_each_count():
    counts = {(0, 9): 3, (4, 14): 25, (6, 11): 1}
    chart = heat_map(id="hm", title="Busiest hours", counts=counts)
    assert [row[0] for row in chart.rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert chart.columns[0] == "Weekday" and chart.columns[1] == "09:00"
    assert chart.columns[-1] == "14:00"
    assert chart.rows[4][chart.columns.index("14:00")] == 25
    assert ">25<" in chart.svg and ">3<" in chart.svg
    assert "hm-peak" in chart.svg and "Busier:" in chart.svg
    assert chart.total == 29
