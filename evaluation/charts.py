"""Server-rendered SVG charts (no JavaScript, nothing loaded from outside)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ("#1f6fb2", "#e07b22", "#3a9a4a", "#c03c3c", "#7b57b0", "#8c6d31",
           "#d16ba5", "#5f6b7a", "#b5a51f", "#2aa1b5", "#9c4f1d", "#4c6ef5")


def stacked_bars(chart, width=760):
    """Horizontal bars, one per category, stacked by series (e.g. months)."""
    categories = chart.get("categories") or []
    series = chart.get("series") or []
    if not categories:
        return mark_safe('<p class="help-block">本期无数据。</p>')
    label_w, bar_h, gap, top = 190, 18, 8, 34
    legend_h = 26
    totals = [sum(s["values"][i] for s in series) for i in range(len(categories))]
    peak = max(totals) or 1
    plot_w = width - label_w - 60
    height = top + len(categories) * (bar_h + gap) + legend_h
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" class="evaluation-chart" '
             f'font-family="sans-serif" font-size="12">',
             f'<title>{escape(chart.get("title", ""))}</title>']
    x = label_w
    for i, s in enumerate(series):  # legend
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="16">{escape(s["name"])}</text>')
        x += 16 + 14 * len(s["name"]) + 12
    for row, name in enumerate(categories):
        y = top + row * (bar_h + gap)
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">'
                     f'{escape(name)}</text>')
        x = label_w
        for i, s in enumerate(series):
            value = s["values"][row]
            if not value:
                continue
            w = plot_w * value / peak
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                         f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(name)} '
                         f'{escape(s["name"])}：{value}{escape(chart.get("unit", ""))}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 5}">{totals[row]}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def rate_bars(chart, width=760):
    """Horizontal bars of a percentage per category (e.g. on-time rate)."""
    categories = chart.get("categories") or []
    if not categories:
        return mark_safe('<p class="help-block">本期无已到期或已答复的信件。</p>')
    label_w, bar_h, gap, top = 190, 18, 8, 10
    plot_w = width - label_w - 90
    height = top + len(categories) * (bar_h + gap) + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" class="evaluation-chart" '
             f'font-family="sans-serif" font-size="12">',
             f'<title>{escape(chart.get("title", ""))}</title>']
    for row, name in enumerate(categories):
        y = top + row * (bar_h + gap)
        value = chart["values"][row]
        label = chart.get("labels", [""] * len(categories))[row]
        w = plot_w * value / 100
        colour = PALETTE[2] if value >= 100 else PALETTE[1] if value >= 80 else PALETTE[3]
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">'
                     f'{escape(name)}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" '
                     f'fill="#eee"/><rect x="{label_w}" y="{y}" width="{w:.1f}" '
                     f'height="{bar_h}" fill="{colour}"><title>{escape(name)}：{value}%'
                     f'（{escape(label)}）</title></rect>'
                     f'<text x="{label_w + plot_w + 6}" y="{y + bar_h - 5}">{value}%'
                     f'（{escape(label)}）</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def render(chart):
    if chart.get("kind") == "stacked_bars":
        return stacked_bars(chart)
    if chart.get("kind") == "rate_bars":
        return rate_bars(chart)
    raise ValueError(f"unknown chart kind {chart.get('kind')!r}")
