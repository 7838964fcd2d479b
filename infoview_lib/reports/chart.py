"""The pipeline funnel: contacts per stage as horizontal bars, as PNG bytes, and the
same figures in words (:func:`funnel_alt`), the chart's text alternative in a tagged PDF.

Drawn with Matplotlib's Agg canvas directly (no pyplot, no global backend),
at a fixed size and resolution and without a "Software" tag, so the same
counts always give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from infoview_lib.model import PipelineStatus

#: Size in inches and resolution of the chart.
SIZE = (6.4, 3.2)
DPI = 110
_MAIN = "#3b6ea5"
_OFF_PATH = "#9a9a9a"
#: The chart's title, drawn above the bars.
TITLE = "Contacts per stage"


def funnel_bars(
    stage_counts: Sequence[tuple[PipelineStatus, int]],
) -> list[tuple[PipelineStatus, int]]:
    """The chart's bars top to bottom: the main path, then declined and no reply."""
    counts = dict(stage_counts)
    pipeline = PipelineStatus.pipeline()
    stages = [*pipeline, *(stage for stage in PipelineStatus if stage not in pipeline)]
    return [(stage, int(counts.get(stage, 0))) for stage in stages]


def funnel_alt(stage_counts: Sequence[tuple[PipelineStatus, int]]) -> str:
    """The chart in words: every bar's figure, in the chart's order.

    >>> counts = [(PipelineStatus.IDENTIFIED, 3), (PipelineStatus.NO_REPLY, 1)]
    >>> print(funnel_alt(counts))  # doctest: +ELLIPSIS
    Bar chart, contacts per stage (4 contacts). Main path: Identified 3, ... No reply 1.
    """
    bars = funnel_bars(stage_counts)
    pipeline = PipelineStatus.pipeline()
    total = sum(value for _, value in bars)

    def figures(on_path: bool) -> str:
        return ", ".join(f"{s.label} {n}" for s, n in bars if (s in pipeline) == on_path)

    plural = "" if total == 1 else "s"
    return (
        f"Bar chart, {TITLE.lower()} ({total} contact{plural}). "
        f"Main path: {figures(True)}. Off the path: {figures(False)}."
    )


def funnel_png(stage_counts: Sequence[tuple[PipelineStatus, int]]) -> bytes:
    """A PNG of contacts per stage: the main path top to bottom, then declined and no reply."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    bars_shown = funnel_bars(stage_counts)
    stages = [stage for stage, _ in bars_shown]
    values = [value for _, value in bars_shown]
    pipeline = PipelineStatus.pipeline()
    figure = Figure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(stages)))
    colours = [_MAIN if stage in pipeline else _OFF_PATH for stage in stages]
    bars = axes.barh(positions, values, color=colours, height=0.7)
    axes.set_yticks(positions, [stage.label for stage in stages], fontsize=9)
    axes.invert_yaxis()
    top = max(values, default=0)
    axes.set_xlim(0, max(top * 1.15, 1))
    axes.bar_label(bars, labels=[str(value) for value in values], padding=3, fontsize=9)
    axes.set_xlabel("Contacts", fontsize=9)
    axes.tick_params(axis="x", labelsize=8)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_title(TITLE, fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
