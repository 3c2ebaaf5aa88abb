"""The wall's one HTML page: large type, high contrast, everything inline (no requests to anywhere else).

The script renders each state the server sends over server-sent events. User text is only ever set with
``textContent``, never parsed as HTML, so a question cannot inject markup into the page.
"""

from __future__ import annotations

import html
import json
from typing import Any

_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
  :root {{ color-scheme: dark; }}
  * {{ box-sizing: border-box; }}
  body {{ margin: 0; background: #000; color: #fff; font-family: "DejaVu Sans", Verdana, sans-serif;
         font-size: clamp(16px, 2vw, 44px); line-height: 1.25; }}
  main {{ display: grid; grid-template-columns: 3fr 2fr; gap: 2.5vw; padding: 2.5vw 3vw; height: 100vh;
          overflow: hidden; }}
  h1 {{ font-size: 1.5em; margin: 0 0 .2em; color: #ffd400; }}
  h2 {{ font-size: 1em; margin: 1em 0 .4em; color: #9fd8ff; text-transform: uppercase; letter-spacing: .05em; }}
  .session {{ font-size: .9em; color: #ddd; margin-bottom: .6em; }}
  #now {{ border: .25em solid #ffd400; border-radius: .4em; padding: .5em .8em; font-size: 1.2em; font-weight: bold; }}
  #now .name {{ display: block; margin: .3em 0 0; font-size: .55em; font-weight: normal; }}
  #now[hidden] {{ display: none; }}
  ol {{ list-style: none; margin: 0; padding: 0; }}
  li.question {{ display: flex; gap: .8em; align-items: baseline; padding: .35em 0; border-bottom: 2px solid #333;
                 font-size: .85em; }}
  .votes {{ min-width: 3.2em; text-align: right; font-weight: bold; color: #ffd400;
            font-variant-numeric: tabular-nums; }}
  .name {{ color: #bbb; font-size: .75em; margin-left: .4em; }}
  .empty {{ color: #bbb; font-style: italic; }}
  .thesis {{ margin: 0 0 .6em; }}
  .thesis-title {{ font-size: .7em; margin-bottom: .15em; white-space: nowrap; overflow: hidden;
                   text-overflow: ellipsis; }}
  .bar {{ display: flex; height: .9em; border: 2px solid #fff; border-radius: .2em; overflow: hidden;
          background: #222; }}
  .bar span {{ display: block; height: 100%; }}
  .legend {{ font-size: .5em; color: #ddd; margin-top: .1em; }}
  .zustimmung {{ background: #2ecc71; }} .teilweise {{ background: #f1c40f; }}
  .ablehnung {{ background: #e74c3c; }} .neutral {{ background: #95a5a6; }}
  .dot {{ display: inline-block; width: .8em; height: .8em; border-radius: .2em; margin: 0 .25em 0 .6em;
          vertical-align: -.05em; }}
</style>
</head>
<body>
<main>
  <section>
    <h1 id="title">{title}</h1>
    <div class="session" id="session"></div>
    <h2 id="now-label"></h2>
    <div id="now" hidden></div>
    <h2 id="top-label"></h2>
    <ol id="top"></ol>
  </section>
  <section>
    <h2 id="opinion-label"></h2>
    <div id="theses"></div>
  </section>
</main>
<script id="initial" type="application/json">{initial}</script>
<script>
"use strict";
function el(tag, cls, text) {{
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}}
function render(state) {{
  const labels = state.labels;
  document.getElementById("title").textContent = labels.wall_title;
  document.getElementById("session").textContent = state.session;
  document.getElementById("opinion-label").textContent = labels.wall_opinion;
  const now = document.getElementById("now");
  document.getElementById("now-label").textContent = state.highlighted ? labels.wall_discussing_now : "";
  now.hidden = !state.highlighted;
  now.textContent = state.highlighted ? state.highlighted.text : "";
  if (state.highlighted && state.highlighted.name) now.appendChild(el("span", "name", "– " + state.highlighted.name));
  document.getElementById("top-label").textContent = labels.wall_top_questions;
  const top = document.getElementById("top");
  top.replaceChildren();
  if (!state.top.length && !state.highlighted) top.appendChild(el("li", "empty", labels.wall_no_questions));
  for (const question of state.top) {{
    const item = el("li", "question");
    item.dataset.id = question.id;
    item.appendChild(el("span", "votes", "▲ " + question.votes));
    const body = el("span", "text", question.text);
    if (question.name) body.appendChild(el("span", "name", "– " + question.name));
    item.appendChild(body);
    top.appendChild(item);
  }}
  const theses = document.getElementById("theses");
  theses.replaceChildren();
  for (const thesis of state.theses) {{
    const box = el("div", "thesis");
    box.appendChild(el("div", "thesis-title", thesis.title));
    const bar = el("div", "bar");
    const legend = el("div", "legend");
    for (const part of thesis.counts) {{
      if (thesis.total && part.count) {{
        const piece = el("span", part.stance);
        piece.style.width = (100 * part.count / thesis.total) + "%";
        bar.appendChild(piece);
      }}
      legend.appendChild(el("span", "dot " + part.stance));
      legend.appendChild(document.createTextNode(part.label + " " + part.count));
    }}
    box.appendChild(bar);
    box.appendChild(thesis.total ? legend : el("div", "legend", labels.live_opinion_empty));
    theses.appendChild(box);
  }}
  document.body.dataset.version = String(Number(document.body.dataset.version || 0) + 1);
}}
render(JSON.parse(document.getElementById("initial").textContent));
const events = new EventSource("events" + window.location.search);
events.addEventListener("state", (event) => render(JSON.parse(event.data)));
</script>
</body>
</html>
"""


def wall_page(state: dict[str, Any]) -> str:
    """The page with the current state inline, so it shows at once and also without a live connection.

    ``<`` is escaped in the embedded JSON so that no question can end the script element early."""
    initial = json.dumps(state, ensure_ascii=False).replace("<", "\\u003c")
    title = html.escape(str(state["labels"]["wall_title"]))
    return _PAGE.format(lang=html.escape(str(state["language"])), title=title, initial=initial)
