"""Charts drawn on the server as SVG, legible without colour.

Every chart carries its numbers twice: written on the chart itself (beside
each bar, inside each heat-map cell) and as a table the template shows
beside it (`Chart.columns`, `Chart.rows`), which is also what screen
readers read. Shading uses black-and-white patterns of rising density with
a legend, never hue alone. Only SVG presentation attributes are used (no
style attributes), so the page's Content Security Policy needs no
exception.

    chart = bar_chart(id="by-hour", title="Inquiries by hour", data=[("09", 12), ...])
    {% include "reports/_chart.html" with chart=chart %}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
INK = "#1a1a1a"
PAPER = "#ffffff"
FONT = 'font-family="system-ui, sans-serif" font-size="12"'

# Heat-map levels: (name, pattern body drawn on a 6x6 tile). Level 0 is
# blank paper; each next level is visibly denser in black and white.
_LEVELS = (
    ("none", ""),
    ("light", f'<circle cx="3" cy="3" r="0.9" fill="{INK}"/>'),
    ("medium", f'<path d="M0 6 L6 0" stroke="{INK}" stroke-width="1.2"/>'),
    (
        "heavy",
        f'<path d="M0 6 L6 0 M0 0 L6 6" stroke="{INK}" stroke-width="1.4"/>',
    ),
    ("peak", f'<rect width="6" height="6" fill="{INK}"/>'),
)


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the table of the same numbers."""

    id: str
    title: str
    svg: SafeString
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int | float, ...], ...]
    total: int | float = 0

    @property
    def empty(self) -> bool:
        return not self.total


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _svg(chart_id: str, title: str, width: int, height: int, body: list[str]) -> SafeString:
    title_id = f"{chart_id}-svg-title"
    return mark_safe(  # noqa: S308 - every interpolated text is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{title_id}"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' class="report-chart">'
        f'<title id="{title_id}">{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def bar_chart(
    *,
    id: str,
    title: str,
    data: Sequence[tuple[str, int | float]],
    label_header: str = "",
    value_header: str = "Count",
    percent: bool = False,
) -> Chart:
    """Horizontal bars, one per (label, value), in the order given, each
    with its value written at its end. `percent`: values are percentages
    (0-100) and the scale is fixed at 100."""
    safe_id = escape(id)
    bar_h, gap, label_w, plot_w, value_w = 18, 6, 140, 360, 70
    width = label_w + plot_w + value_w
    height = max(1, len(data)) * (bar_h + gap) + gap
    top = max((v for _label, v in data), default=0)
    scale = 100.0 if percent else float(top or 1)
    hatch = f"{safe_id}-hatch"
    body = [
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{PAPER}"/>'
        f'<path d="M0 6 L6 0" stroke="{INK}" stroke-width="1.5"/></pattern></defs>'
    ]
    for i, (label, value) in enumerate(data):
        y = gap + i * (bar_h + gap)
        w = 0 if scale == 0 else round(plot_w * float(value) / scale)
        shown = f"{_num(value)}%" if percent else _num(value)
        body.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end" {FONT}'
            f' fill="{INK}">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar_h}"'
            f' fill="url(#{hatch})" stroke="{INK}" stroke-width="1"/>'
            f'<text x="{label_w + w + 6}" y="{y + bar_h - 5}" {FONT}'
            f' fill="{INK}">{escape(shown)}</text>'
        )
    rows = tuple((label, value) for label, value in data)
    total = sum(v for _label, v in data) if not percent else len(data)
    return Chart(
        id=id,
        title=title,
        svg=_svg(id, title, width, height, body),
        columns=(label_header, value_header),
        rows=rows,
        total=total,
    )


def heat_level(value: int, top: int) -> int:
    """0 for nothing, then 1-4 by quarters of the busiest cell."""
    if value <= 0 or top <= 0:
        return 0
    return min(4, 1 + (4 * (value - 1)) // top)


def heat_map(
    *,
    id: str,
    title: str,
    counts: Mapping[tuple[int, int], int],
    hours: Sequence[int] | None = None,
) -> Chart:
    """Weekday (rows, Monday first) by hour of day (columns) with the count
    written in every non-empty cell and a pattern of rising density for
    busier cells; `counts` maps (weekday 0-6, hour 0-23) to a count.
    `hours`: the columns shown (default: every hour with a count, widened
    to a contiguous range)."""
    safe_id = escape(id)
    if hours is None:
        used = sorted({h for (_d, h), v in counts.items() if v})
        hours = list(range(used[0], used[-1] + 1)) if used else list(range(9, 18))
    top = max(counts.values(), default=0)
    cell_w, cell_h, left, head = 34, 26, 44, 22
    legend_h = 34
    width = max(left + cell_w * len(hours) + 2, 56 + 70 * len(_LEVELS))
    height = head + cell_h * 7 + legend_h + 8
    defs = ["<defs>"]
    for level, (name, tile) in enumerate(_LEVELS):
        if level:
            defs.append(
                f'<pattern id="{safe_id}-{name}" width="6" height="6"'
                f' patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{PAPER}"/>'
                f"{tile}</pattern>"
            )
    defs.append("</defs>")
    body = defs
    for j, hour in enumerate(hours):
        body.append(
            f'<text x="{left + j * cell_w + cell_w / 2}" y="{head - 7}" text-anchor="middle"'
            f' {FONT} fill="{INK}">{hour:02d}</text>'
        )
    for day in range(7):
        y = head + day * cell_h
        body.append(
            f'<text x="{left - 6}" y="{y + cell_h / 2 + 4}" text-anchor="end" {FONT}'
            f' fill="{INK}">{WEEKDAYS[day]}</text>'
        )
        for j, hour in enumerate(hours):
            value = counts.get((day, hour), 0)
            level = heat_level(value, top)
            x = left + j * cell_w
            fill = PAPER if level == 0 else f"url(#{safe_id}-{_LEVELS[level][0]})"
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{fill}"'
                f' stroke="{INK}" stroke-width="0.5"/>'
            )
            if value:
                # A label on a white box stays readable over any pattern.
                text_fill = PAPER if level == 4 else INK
                box = (
                    ""
                    if level == 4
                    else (
                        f'<rect x="{x + 4}" y="{y + 6}" width="{cell_w - 8}" height="14"'
                        f' fill="{PAPER}"/>'
                    )
                )
                body.append(
                    f'{box}<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 4}"'
                    f' text-anchor="middle" {FONT} fill="{text_fill}">{value}</text>'
                )
    ly = head + 7 * cell_h + 10
    body.append(f'<text x="0" y="{ly + 13}" {FONT} fill="{INK}">Busier:</text>')
    for level, (name, _tile) in enumerate(_LEVELS):
        lx = 56 + level * 70
        fill = PAPER if level == 0 else f"url(#{safe_id}-{name})"
        body.append(
            f'<rect x="{lx}" y="{ly}" width="18" height="18" fill="{fill}" stroke="{INK}"'
            f' stroke-width="0.5"/><text x="{lx + 22}" y="{ly + 13}" {FONT}'
            f' fill="{INK}">{name}</text>'
        )
    columns = ("Weekday", *(f"{h:02d}:00" for h in hours))
    rows: list[tuple[str | int | float, ...]] = []
    for day in range(7):
        cells: list[str | int | float] = [WEEKDAYS[day]]
        cells += [counts.get((day, h), 0) for h in hours]
        rows.append(tuple(cells))
    return Chart(
        id=id,
        title=title,
        svg=_svg(id, title, width, height, body),
        columns=columns,
        rows=tuple(rows),
        total=sum(counts.values()),
    )
