"""The report's charts, drawn with reportlab's own graphics: vector, embedded, no new dependency.

They must survive a black-and-white photocopier: every bar and slice carries its number as
text, series differ in grey level *and* outline (white with a black edge, mid grey, black),
and a legend names them. Every label uses the document's embedded font: a chart left to its
defaults would print in a Helvetica the PDF does not embed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

LABEL_SIZE = 8
VALUE_SIZE = 8
#: Fills that stay apart on a grey photocopy, lightest first (white carries a black outline).
GREYS = (colors.white, colors.Color(0.62, 0.62, 0.62), colors.Color(0.2, 0.2, 0.2), colors.Color(0.85, 0.85, 0.85))
PIE_GREYS = (
    colors.Color(0.25, 0.25, 0.25),
    colors.Color(0.55, 0.55, 0.55),
    colors.Color(0.8, 0.8, 0.8),
    colors.white,
    colors.Color(0.4, 0.4, 0.4),
    colors.Color(0.68, 0.68, 0.68),
    colors.Color(0.92, 0.92, 0.92),
)
#: A horizontal bar's thickness and the gap between bars of one group.
BAR = 8
#: ... and when two or more series stand side by side in a row
GROUPED_BAR = 7
BAR_GAP = 1
#: Room above a group of bars for the category's name.
ROW = 16
MAX_PIE_SLICES = 7


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


def _count(value: float) -> str:
    return str(int(value))


def _count_unless_zero(value: float) -> str:
    """A stacked segment of nothing has no room for a "0"."""
    return str(int(value)) if value else ""


def _drawing(width: float, height: float, font: str) -> Drawing:
    """A drawing whose starting font is the document's: reportlab's default would add a
    Helvetica the PDF does not embed, even when no text is drawn in it."""
    drawing = Drawing(width, height)
    drawing.initialFontName = font
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _legend(drawing: Drawing, series: Sequence[Series], fills: Sequence[Any], *, x: float, y: float, font: str) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.columnMaximum = 1
    legend.deltax = max(stringWidth(s.name, font, LABEL_SIZE) for s in series) + 30
    legend.dx = legend.dy = 8
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.strokeColor = colors.black
    legend.strokeWidth = 0.5
    legend.colorNamePairs = [(fills[i], s.name) for i, s in enumerate(series)]
    drawing.add(legend)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The label, cut with an ellipsis if it would run past the chart's right edge."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def bar_chart(
    labels: Sequence[str], series: Sequence[Series], *, width: float, font: str, stacked: bool = False
) -> Drawing:
    """Horizontal bars, one row per label (name above its bars), counts printed at the bars."""
    rows = len(labels)
    bars_per_row = 1 if stacked else len(series)
    bar = BAR if bars_per_row == 1 else GROUPED_BAR
    group = bars_per_row * bar + (bars_per_row - 1) * BAR_GAP
    row = group + ROW
    legend_room = 22 if len(series) > 1 else 0
    height = rows * row + 8 + legend_room
    drawing = _drawing(width, height, font)
    chart = HorizontalBarChart()
    chart.x, chart.y = 4, 6
    chart.width, chart.height = width - 30, rows * row
    # reportlab draws the first category (and, in a group, the first series) at the bottom:
    # reverse both, so the table's order and the legend's read top-down.
    order = list(range(len(series))) if stacked else list(reversed(range(len(series))))
    chart.data = [list(reversed(series[i].values)) for i in order]
    chart.categoryAxis.categoryNames = [_fit(label, font, LABEL_SIZE, chart.width - 4) for label in reversed(labels)]
    chart.categoryAxis.labels.boxAnchor = "sw"
    chart.categoryAxis.labels.textAnchor = "start"
    chart.categoryAxis.labels.dx = 2
    # the name sits above its bars, over the whole width, so long agency names stay whole
    chart.categoryAxis.labels.dy = group / 2 + 2
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.tickLeft = 0
    chart.categoryAxis.visibleGrid = False
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.barWidth = bar
    chart.groupSpacing = ROW
    chart.barSpacing = BAR_GAP
    top = max((sum(col) if stacked else max(col) for col in zip(*[s.values for s in series], strict=True)), default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(1, top) * 1.12
    chart.valueAxis.visible = False
    chart.valueAxis.visibleGrid = False
    chart.valueAxis.visibleTicks = False
    chart.valueAxis.labels.fontName = font
    chart.barLabelFormat = _count_unless_zero if stacked else _count
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = VALUE_SIZE
    if stacked:
        # the count sits inside its segment, white on the dark fill, black on the light ones
        chart.barLabels.boxTarget = "mid"
        chart.barLabels.boxAnchor = "c"
        for position, i in enumerate(order):
            chart.barLabels[position].fillColor = colors.white if GREYS[i % len(GREYS)] is GREYS[2] else colors.black
    else:
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.5
    for position, i in enumerate(order):
        chart.bars[position].fillColor = GREYS[i % len(GREYS)]
    drawing.add(chart)
    if len(series) > 1:
        _legend(drawing, series, GREYS, x=4, y=height - 2, font=font)
    return drawing


def column_chart(labels: Sequence[str], values: Sequence[int], *, width: float, height: float, font: str) -> Drawing:
    """Vertical bars in time order (the months), each with its count on top; a label may hold a line break."""
    drawing = _drawing(width, height, font)
    chart = VerticalBarChart()
    chart.x, chart.y = 24, 26
    chart.width, chart.height = width - 30, height - 36
    chart.data = [list(values)]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.labels.leading = LABEL_SIZE + 1
    top = max(values, default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(1, top) * 1.15
    chart.valueAxis.valueStep = max(1, round(max(1, top) / 4))
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.labelTextFormat = lambda v: str(int(v)) if float(v).is_integer() else ""
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.8, 0.8, 0.8)
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.5
    chart.bars[0].fillColor = GREYS[1]
    chart.barLabelFormat = _count_unless_zero
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = VALUE_SIZE
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    drawing.add(chart)
    return drawing


def pie_chart(labels: Sequence[str], values: Sequence[int], *, width: float, height: float, font: str) -> Drawing:
    """A pie whose every slice is named with its count beside it (the tail summed as `others`)."""
    drawing = _drawing(width, height, font)
    pie = Pie()
    # room above and below for the side labels of the top and bottom slices
    size = min(height - 56, width * 0.45)
    pie.width = pie.height = size
    pie.x, pie.y = (width - size) / 2, (height - size) / 2
    pie.data = list(values)
    pie.labels = list(labels)
    pie.sideLabels = True
    pie.sideLabelsOffset = 0.12
    pie.simpleLabels = False
    pie.slices.fontName = font
    pie.slices.fontSize = LABEL_SIZE
    pie.slices.strokeColor = colors.black
    pie.slices.strokeWidth = 0.5
    pie.slices.label_pointer_strokeWidth = 0.4
    pie.startAngle = 90
    pie.direction = "clockwise"
    for i in range(len(values)):
        pie.slices[i].fillColor = PIE_GREYS[i % len(PIE_GREYS)]
    drawing.add(pie)
    return drawing


def top_slices(pairs: Sequence[tuple[str, int]], *, others: str) -> list[tuple[str, int]]:
    """The largest slices as they are, the rest summed into one, so every slice stays readable."""
    if len(pairs) <= MAX_PIE_SLICES:
        return list(pairs)
    head = list(pairs[: MAX_PIE_SLICES - 1])
    return [*head, (others, sum(v for _, v in pairs[MAX_PIE_SLICES - 1 :]))]


def caption(drawing: Drawing, text: str, *, font: str) -> Drawing:
    """A line of text under a chart (its unit, its source)."""
    drawing.add(String(drawing.width / 2, 2, text, fontName=font, fontSize=LABEL_SIZE, textAnchor="middle"))
    return drawing
