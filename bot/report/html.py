"""The report as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts, nothing fetched.

Every piece of user text goes through :func:`html.escape`; a comment or question cannot add markup or links.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from bot.feedback.model import Stance
from bot.moderation.statistics import ThesisStatistics
from bot.podium.model import PodiumQuestion
from bot.report.data import ReportData
from bot.texts import stance_label, text

COLOURS = {Stance.AGREE: "#1e8449", Stance.PARTLY: "#b7950b", Stance.DISAGREE: "#c0392b", Stance.NEUTRAL: "#7f8c8d"}
CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT = 520, 130, 26

_STYLE = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 2em auto; max-width: 60em; color: #111;
       line-height: 1.4; padding: 0 1em; }
h1 { color: #00536b; } h2 { border-bottom: 2px solid #00536b; padding-bottom: .2em; margin-top: 2em; }
h3 { margin-bottom: .3em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: left; vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #555; font-size: .9em; }
ul.comments li { margin-bottom: .4em; }
svg { max-width: 100%; height: auto; }
@media print { h2 { break-before: page; } }
"""


def render_report(data: ReportData, language: str, generated: datetime) -> str:
    when = generated.strftime("%Y-%m-%d %H:%M %Z")
    parts = [
        f"<h1>{escape(text('report_title', language))}</h1>",
        f'<p class="meta">{escape(text("report_generated", language, when=when))}</p>',
        f"<h2>{escape(text('report_theses', language))}</h2>",
    ]
    for thesis in data.theses:
        parts.append(_thesis(thesis, data, language))
    parts.append(f"<h2>{escape(text('report_podium', language))}</h2>")
    for session in data.sessions:
        parts.append(f"<h3>{escape(session.name.get(language))}</h3>")
        parts.append(_questions(data.questions.get(session.id, []), language, with_status=True))
    parts.append(f"<h2>{escape(text('report_unanswered', language))}</h2>")
    parts.append(f"<h3>{escape(text('report_unanswered_podium', language))}</h3>")
    parts.append(_questions(data.unanswered_podium, language, with_status=True))
    parts.append(f"<h3>{escape(text('report_unanswered_bot', language))}</h3>")
    parts.append(_bot_questions(data, language))
    body = "\n".join(parts)
    title = escape(text("report_title", language))
    return (
        f'<!doctype html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def stance_chart(thesis: ThesisStatistics, language: str) -> str:
    """One horizontal bar per stance, its length relative to the largest count, the count beside it."""
    counts = thesis.stance_counts
    largest = max(counts) or 1
    height = ROW_HEIGHT * len(counts) + 8
    rows = []
    for index, stance in enumerate(Stance):
        y = 4 + index * ROW_HEIGHT
        width = round((CHART_WIDTH - LABEL_WIDTH - 60) * counts[index] / largest)
        label = escape(stance_label(stance, language))
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{label}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{ROW_HEIGHT - 8}" fill="{COLOURS[stance]}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 17}">{counts[index]}</text>'
        )
    caption = escape(thesis.title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{caption}" width="{CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}" font-family="DejaVu Sans, Verdana, sans-serif" '
        f'font-size="13">{"".join(rows)}</svg>'
    )


def _thesis(thesis: ThesisStatistics, data: ReportData, language: str) -> str:
    headers = "".join(f'<th class="number">{escape(stance_label(s, language))}</th>' for s in Stance)
    counts = "".join(f'<td class="number">{count}</td>' for count in thesis.stance_counts)
    total = sum(thesis.stance_counts)
    table = (
        f'<table><tr>{headers}<th class="number">{escape(text("report_total", language))}</th>'
        f'<th class="number">{escape(text("report_comments", language))}</th></tr>'
        f'<tr>{counts}<td class="number">{total}</td><td class="number">{thesis.comments}</td></tr></table>'
    )
    comments = data.comments.get(thesis.thesis_id, [])
    if comments:
        items = "".join(
            f'<li>{escape(c.body)} <span class="meta">– {escape(c.name or text("anonymous", language))}, '
            f"{escape(c.created_at[:16].replace('T', ' '))}</span></li>"
            for c in comments
        )
        listed = f'<ul class="comments">{items}</ul>'
    else:
        listed = f"<p>{escape(text('report_no_comments', language))}</p>"
    heading = escape(text("report_comments", language))
    return f"<h3>{escape(thesis.title)}</h3>\n{stance_chart(thesis, language)}\n{table}\n<h4>{heading}</h4>\n{listed}"


def _questions(questions: Sequence[PodiumQuestion], language: str, *, with_status: bool) -> str:
    if not questions:
        return f"<p>{escape(text('report_none', language))}</p>"
    rows = "".join(
        f'<tr><td>{escape(q.body)}<br><span class="meta">'
        f"{escape(q.display_name if q.display_name and not q.anonymous else text('anonymous', language))}</span></td>"
        + (f"<td>{escape(text(f'podium_status_{q.status.value}', language))}</td>" if with_status else "")
        + f'<td class="number">{q.votes}</td></tr>'
        for q in questions
    )
    status = f"<th>{escape(text('report_status', language))}</th>" if with_status else ""
    return (
        f"<table><tr><th>{escape(text('report_question', language))}</th>{status}"
        f'<th class="number">{escape(text("votes", language))}</th></tr>{rows}</table>'
    )


def _bot_questions(data: ReportData, language: str) -> str:
    if not data.unanswered_bot:
        return f"<p>{escape(text('report_none', language))}</p>"
    rows = "".join(
        f'<tr><td>{escape(q.example)}</td><td class="number">{q.count}</td></tr>' for q in data.unanswered_bot
    )
    return (
        f"<table><tr><th>{escape(text('report_question', language))}</th>"
        f'<th class="number">{escape(text("report_asked", language))}</th></tr>{rows}</table>'
    )
