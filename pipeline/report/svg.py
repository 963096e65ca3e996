"""Inline SVG pictures for the report: bar charts and the agent -> target network.

Pure string builders (no plotting library, nothing fetched); every number is
formatted with fixed precision so the same data gives the same bytes.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from html import escape

logger = logging.getLogger(__name__)

SERIES_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b")
EFFECT_COLOURS = {"decreases": "#d62728", "binds": "#1f77b4", "increases": "#2ca02c"}


def _f(value: float) -> str:
    return f"{value:.1f}"


def bar_chart(chart_id: str, title: str, labels: Sequence[str], series: dict[str, Sequence[float]],
              *, label_width: int = 190, width: int = 640, bar_height: int = 9) -> str:
    """Horizontal grouped bars of values in [0, 1], one group per label, one bar per series.

    Parameters
    ----------
    chart_id
        The ``id`` of the ``<svg>`` element (the screenshot check looks for it).
    series
        Name -> one value per label, each in [0, 1].
    """
    names = list(series)
    group_height = bar_height * len(names) + 6
    top, legend_height = 28, 18
    height = top + legend_height + group_height * len(labels) + 24
    plot_width = width - label_width - 50
    parts = [f'<svg id="{escape(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)}">',
             f'<text x="4" y="16" class="chart-title">{escape(title)}</text>']
    for index, name in enumerate(names):
        x = label_width + index * 110
        parts.append(f'<rect x="{x}" y="{top - 8}" width="10" height="10" fill="{SERIES_COLOURS[index % 5]}"/>'
                     f'<text x="{x + 14}" y="{top + 1}" class="legend">{escape(name)}</text>')
    base = top + legend_height
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = label_width + tick * plot_width
        parts.append(f'<line x1="{_f(x)}" y1="{base - 4}" x2="{_f(x)}" y2="{height - 20}" class="grid"/>'
                     f'<text x="{_f(x)}" y="{height - 6}" class="tick" text-anchor="middle">{tick:.2f}</text>')
    for row, label in enumerate(labels):
        y0 = base + row * group_height
        parts.append(f'<text x="{label_width - 6}" y="{y0 + group_height / 2 + 3:.1f}" class="label" '
                     f'text-anchor="end">{escape(label)}</text>')
        for index, name in enumerate(names):
            value = max(0.0, min(1.0, float(series[name][row])))
            y = y0 + index * bar_height
            parts.append(f'<rect class="bar" x="{label_width}" y="{y}" width="{_f(value * plot_width)}" '
                         f'height="{bar_height - 1}" fill="{SERIES_COLOURS[index % 5]}">'
                         f'<title>{escape(label)} {escape(name)}: {value:.3f}</title></rect>')
            parts.append(f'<text x="{_f(label_width + value * plot_width + 3)}" y="{y + bar_height - 2}" '
                         f'class="value">{value:.2f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def network(chart_id: str, edges: Sequence[tuple[str, str, str, int]], *, width: int = 760) -> str:
    """Agents (left) linked to the targets they act on (right).

    Parameters
    ----------
    edges
        ``(agent, target, effect, count)``; the stroke colour is the effect, its width the count.
    """
    agents = sorted({e[0] for e in edges})
    targets = sorted({e[1] for e in edges})
    rows = max(len(agents), len(targets), 1)
    height = 60 + rows * 22
    left_x, right_x = 200, width - 200

    def ys(names: list[str]) -> dict[str, float]:
        step = (height - 60) / max(len(names), 1)
        return {name: 50 + step * (i + 0.5) for i, name in enumerate(names)}

    agent_y, target_y = ys(agents), ys(targets)
    parts = [f'<svg id="{escape(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="agent to target network">',
             '<text x="4" y="16" class="chart-title">Agent &#8594; target network (edge colour = effect, '
             'width = supporting relations)</text>']
    for index, (effect, colour) in enumerate(sorted(EFFECT_COLOURS.items())):
        x = 8 + index * 110
        parts.append(f'<line x1="{x}" y1="32" x2="{x + 18}" y2="32" stroke="{colour}" stroke-width="3"/>'
                     f'<text x="{x + 22}" y="36" class="legend">{effect}</text>')
    # Each effect of one agent-target pair gets its own lane (a vertical offset), drawn opaque, so
    # two effects never blend into a colour the legend does not show.
    lanes = {effect: (index - (len(EFFECT_COLOURS) - 1) / 2) * 3.0 for index, effect in enumerate(sorted(EFFECT_COLOURS))}
    for agent, target, effect, count in sorted(edges):
        stroke = 1 + 1.0 * math.log2(count)
        shift = lanes.get(effect, 0.0)
        y0, y1 = agent_y[agent] + shift, target_y[target] + shift
        parts.append(f'<path class="edge" d="M{left_x} {_f(y0)} C{_f((left_x + right_x) / 2)} '
                     f'{_f(y0)} {_f((left_x + right_x) / 2)} {_f(y1)} {right_x} '
                     f'{_f(y1)}" stroke="{EFFECT_COLOURS.get(effect, "#777")}" '
                     f'stroke-width="{stroke:.2f}" fill="none">'
                     f'<title>{escape(agent)} {escape(effect)} {escape(target)} ({count})</title></path>')
    for name, y in agent_y.items():
        parts.append(f'<circle cx="{left_x}" cy="{_f(y)}" r="5" class="node agent"/>'
                     f'<text x="{left_x - 9}" y="{_f(y + 4)}" text-anchor="end" class="label">{escape(name)}</text>')
    for name, y in target_y.items():
        parts.append(f'<circle cx="{right_x}" cy="{_f(y)}" r="6" class="node target"/>'
                     f'<text x="{right_x + 10}" y="{_f(y + 4)}" class="label">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
