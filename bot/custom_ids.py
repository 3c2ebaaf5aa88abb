"""The custom ids of the bot's buttons, selects and forms, built and parsed in one place.

Each carries what its handler needs (a thesis id, a stance, a comment number), so it works after a restart. Knowledge
base ids go into some of them, and Discord refuses a custom id over 100 characters: ``kb check`` measures every id
against the builders below, so an id that passes cannot make the bot send one.
"""

from __future__ import annotations

from collections.abc import Callable

CUSTOM_ID_LIMIT = 100  # Discord: custom_id of a button, select, text input or form
OPTION_VALUE_LIMIT = 100  # Discord: value of a select option

KB_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # what the knowledge schema allows as an id
STANCE_CODE = "[ztan]"
LONGEST_STANCE_CODE = "z"

STANCE_BUTTON = rf"vielfalt:haltung:(?P<code>{STANCE_CODE}):(?P<thesis>{KB_ID})"
COMMENT_BUTTON = rf"vielfalt:kommentieren:(?P<thesis>{KB_ID})"
FEEDBACK_FORM = rf"vielfalt:fb:(?P<thesis>{KB_ID}):(?P<stance>{STANCE_CODE}|-):(?P<anonymous>[01])"
EDIT_FORM = r"vielfalt:bearbeiten:(?P<comment>\d+)"
EDIT_BUTTON = r"vielfalt:edit:(?P<comment>\d+)"
WITHDRAW_BUTTON = rf"vielfalt:zurueck:(?P<kind>[sc]):(?P<key>{KB_ID})"  # a thesis id or a comment number
ERASE_BUTTON = r"vielfalt:loeschen:(?P<answer>ja|nein)"
OWN_FEEDBACK_SELECT = r"vielfalt:meine(?::(?P<page>\d))?"
ANSWER_BUTTON = rf"vielfalt:antwort:(?P<entry>{KB_ID})"
VOTE_BUTTON = r"vielfalt:stimme:(?P<question>\d+)"
VOTE_INSTEAD_BUTTON = r"vielfalt:stattdessen:(?P<question>\d+)"
FORWARD_BUTTON = r"vielfalt:weiter:(?P<anonymous>[01])"
SUBMIT_ANYWAY_BUTTON = r"vielfalt:trotzdem:(?P<anonymous>[01])"
PODIUM_FORM = r"vielfalt:pf:(?P<anonymous>[01]):(?P<force>[01])"
PODIUM_SELECT = r"vielfalt:pliste:(?P<page>\d)"
MODERATE_BUTTON = r"vielfalt:pm:(?P<action>approve|hide|answer|highlight|unhighlight):(?P<question>\d+)"


def stance_button(code: str, thesis_id: str) -> str:
    return f"vielfalt:haltung:{code}:{thesis_id}"


def comment_button(thesis_id: str) -> str:
    return f"vielfalt:kommentieren:{thesis_id}"


def feedback_form(thesis_id: str, code: str | None, anonymous: bool) -> str:
    """``code`` None: a comment without a stance."""
    return f"vielfalt:fb:{thesis_id}:{code or '-'}:{int(anonymous)}"


def edit_form(comment_id: int) -> str:
    return f"vielfalt:bearbeiten:{comment_id}"


def edit_button(comment_id: int) -> str:
    return f"vielfalt:edit:{comment_id}"


def withdraw_button(kind: str, key: str) -> str:
    """``kind`` "s" withdraws the stance on thesis ``key``, "c" the comment number ``key``."""
    return f"vielfalt:zurueck:{kind}:{key}"


def erase_button(confirm: bool) -> str:
    return f"vielfalt:loeschen:{'ja' if confirm else 'nein'}"


def own_feedback_select(page: int) -> str:
    return f"vielfalt:meine:{page}"


def answer_button(entry_id: str) -> str:
    return f"vielfalt:antwort:{entry_id}"


def vote_button(question_id: int) -> str:
    return f"vielfalt:stimme:{question_id}"


def vote_instead_button(question_id: int) -> str:
    return f"vielfalt:stattdessen:{question_id}"


def forward_button(anonymous: bool) -> str:
    """The question to pass on is read from the answer it sits under, so the id carries only the choice."""
    return f"vielfalt:weiter:{int(anonymous)}"


def submit_anyway_button(anonymous: bool) -> str:
    return f"vielfalt:trotzdem:{int(anonymous)}"


def podium_form(anonymous: bool, force: bool) -> str:
    """``force``: store even if a similar question exists (the person saw the offer and chose to)."""
    return f"vielfalt:pf:{int(anonymous)}:{int(force)}"


def podium_select(page: int) -> str:
    return f"vielfalt:pliste:{page}"


def moderate_button(action: str, question_id: int) -> str:
    return f"vielfalt:pm:{action}:{question_id}"


def stance_option(thesis_id: str) -> str:
    return f"s:{thesis_id}"


def comment_option(comment_id: int) -> str:
    return f"c:{comment_id}"


# Every custom id and select value a thesis id or an entry id goes into, the other parts at their longest.
THESIS_ID_USES: tuple[tuple[Callable[[str], str], int], ...] = (
    (lambda thesis: stance_button(LONGEST_STANCE_CODE, thesis), CUSTOM_ID_LIMIT),
    (comment_button, CUSTOM_ID_LIMIT),
    (lambda thesis: feedback_form(thesis, LONGEST_STANCE_CODE, True), CUSTOM_ID_LIMIT),
    (lambda thesis: withdraw_button("s", thesis), CUSTOM_ID_LIMIT),
    (stance_option, OPTION_VALUE_LIMIT),
)
ENTRY_ID_USES: tuple[tuple[Callable[[str], str], int], ...] = ((answer_button, CUSTOM_ID_LIMIT),)


def overflow(kb_id: str, uses: tuple[tuple[Callable[[str], str], int], ...]) -> tuple[str, int] | None:
    """The longest custom id (and its limit) that ``kb_id`` would make too long, or None when all fit."""
    too_long = [(build(kb_id), limit) for build, limit in uses if len(build(kb_id)) > limit]
    return max(too_long, key=lambda found: len(found[0]) - found[1], default=None)


def longest_fitting_id(uses: tuple[tuple[Callable[[str], str], int], ...]) -> int:
    """How long an id may be so that every custom id it goes into fits."""
    return min(limit - len(build("")) for build, limit in uses)
