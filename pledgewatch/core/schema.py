"""The record kinds and their fields: the single source of truth for validation, the model,
the JSON Schemas for editors and the documentation of the open data.
"""

from __future__ import annotations

from dataclasses import dataclass

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

PLACEHOLDER = "FILL IN:"
"""Prefix of the values ``pledgewatch new`` writes for a contributor to replace; the validator
reports every value that still starts with it."""

STATUSES = ("not-yet-rated", "in-progress", "stalled", "partially-kept", "kept", "broken")
"""Status vocabulary, in reading order (the scale long-running promise trackers use)."""

STATUS_LABELS = {
    "not-yet-rated": "Not yet rated",
    "in-progress": "In progress",
    "stalled": "Stalled",
    "partially-kept": "Partially kept",
    "kept": "Kept",
    "broken": "Broken",
}

STATUS_DEFINITIONS = {
    "not-yet-rated": "Recorded, but there is not yet enough evidence to judge it.",
    "in-progress": "Sources show work towards the pledge; it is not complete.",
    "stalled": "No progress, or reported setbacks, while the pledge is still open.",
    "partially-kept": "Part of what was promised happened, part did not.",
    "kept": "What was promised happened, as sources show.",
    "broken": "Sources show the pledge was not kept, or was abandoned or contradicted.",
}

# Field types. A ``ref``/``refs`` field names records of ``Field.ref`` kind.
TEXT, LINE, ID, DATE, URL, BOOL, ENUM, REF, REFS, SLUGS, OBJECTS = (
    "text", "line", "id", "date", "url", "bool", "enum", "ref", "refs", "slugs", "objects")


@dataclass(frozen=True)
class Field:
    """One field of a record kind.

    ``type`` is one of the module's type names; ``choices`` lists an enum's values; ``ref`` the
    folder of the kind a reference points to; ``item`` the field list of each ``objects`` item;
    ``min_items`` the least length of a list.
    """

    name: str
    type: str
    required: bool = False
    description: str = ""
    choices: tuple[str, ...] = ()
    ref: str = ""
    item: tuple[Field, ...] = ()
    min_items: int = 0


UPDATE_FIELDS = (
    Field("date", DATE, True, "Date of the development the update records."),
    Field("status", ENUM, True, "Status after this update.", choices=STATUSES),
    Field("summary", TEXT, True, "What happened, as the cited sources report it."),
    Field("sources", REFS, True, "Sources for the update; none published after its date.",
          ref="sources", min_items=1),
    Field("original_date", DATE, False, "The date the update was first published with, kept "
          "when its date is corrected: its feed guid and page anchor stay the same."),
)

CORRECTION_FIELDS = (
    Field("date", DATE, True, "When the correction was made; never after the as-of date."),
    Field("summary", TEXT, True, "What was wrong and what changed."),
    Field("sources", REFS, False, "Sources for the corrected facts.", ref="sources"),
)

_CORRECTIONS = Field("corrections", OBJECTS, False, "Published corrections, oldest first.",
                     item=CORRECTION_FIELDS)

_ID = Field("id", ID, True, "Identifier; equals the file name without '.yml'.")
_ALIASES = Field("aliases", SLUGS, False, "Earlier ids of this record; old links redirect.")

KINDS: dict[str, tuple[Field, ...]] = {
    "actors": (
        _ID,
        Field("name", LINE, True, "Name as usually written."),
        Field("kind", ENUM, True, "Person or organisation.", choices=("person", "organisation")),
        Field("description", TEXT, False, "Role, as the sources give it."),
        Field("member_of", REFS, False, "Organisations the actor belongs to.", ref="actors"),
        Field("url", URL, False, "Official page."),
        Field("sources", REFS, False, "Sources for the description.", ref="sources"),
        _ALIASES,
        _CORRECTIONS,
    ),
    "sources": (
        _ID,
        Field("title", LINE, True, "Headline or title as published."),
        Field("publisher", LINE, True, "Outlet or publishing organisation."),
        Field("published_by", REF, False, "The publisher as an actor, when it has a record.",
              ref="actors"),
        Field("kind", ENUM, True, "Kind of document.", choices=(
            "news-article", "social-post", "press-release", "statement", "letter", "report")),
        Field("published", DATE, True, "Publication date."),
        Field("url", URL, False, "Where the source can be read."),
        Field("archive_url", URL, False, "An archived copy."),
        Field("via", REFS, False, "Sources that report or quote this one.", ref="sources"),
        Field("reports_earlier_words", BOOL, False,
              "True when the source reports words said before its publication date."),
        Field("notes", TEXT, False, "Reprints, inferred titles or dates, doubts."),
        _CORRECTIONS,
    ),
    "pledges": (
        _ID,
        Field("title", LINE, True, "One line naming what was promised."),
        Field("made_by", REF, True, "Actor who made the pledge.", ref="actors"),
        Field("made_to", REFS, False, "Actors the pledge was made to.", ref="actors"),
        Field("made_on", DATE, True, "Date the pledge was made."),
        Field("statement", TEXT, True, "What was promised, as reported."),
        Field("topics", SLUGS, False, "Topic ids, e.g. 'elections'."),
        Field("status", ENUM, True, "Current status; equals the last update's.", choices=STATUSES),
        Field("updates", OBJECTS, True, "Dated updates, oldest first.", item=UPDATE_FIELDS,
              min_items=1),
        _ALIASES,
        Field("reviewed_on", DATE, False, "Last date an editor checked the pledge against the "
              "evidence, even when nothing changed."),
        _CORRECTIONS,
    ),
    "deadlines": (
        _ID,
        Field("title", LINE, True, "What falls due."),
        Field("pledges", REFS, False, "Pledges the deadline applies to; empty for an event.",
              ref="pledges"),
        Field("due", DATE, True, "The curator's ISO date for the stated words."),
        Field("kind", ENUM, True, "'by': must happen by the date; 'not-before': must not happen "
              "before it; 'event': a date on the timeline.", choices=("by", "not-before", "event")),
        Field("as_stated", LINE, True, "The words used, e.g. 'by the end of the week'."),
        Field("precision", ENUM, True, "How exact the stated words are.",
              choices=("day", "week", "month")),
        Field("sources", REFS, True, "Sources for the deadline.", ref="sources", min_items=1),
        Field("notes", TEXT, False, "How the date was derived."),
        Field("original_due", DATE, False, "The due date first published, kept when due is "
              "corrected: the feed guid of its 'deadline reached' item stays the same."),
        _CORRECTIONS,
    ),
    "quotes": (
        _ID,
        Field("speaker", REF, True, "Actor who said it.", ref="actors"),
        Field("text", TEXT, True, "The exact words."),
        Field("said_on", DATE, True, "When the words were said or posted."),
        Field("source", REF, True, "Source reporting the words.", ref="sources"),
        Field("kind", ENUM, True, "How the words were said.",
              choices=("spoken", "statement", "social-post")),
        Field("context", TEXT, False, "Where and to whom."),
        Field("about", REFS, False, "Pledges the quote is about.", ref="pledges"),
        Field("mentions", REFS, False, "Actors the words name or refer to.", ref="actors"),
        _CORRECTIONS,
    ),
}

SINGULAR = {"actors": "actor", "sources": "source", "pledges": "pledge",
            "deadlines": "deadline", "quotes": "quote"}


def nesting_depth(fields: tuple[Field, ...]) -> int:
    """How many mappings and lists deep a record of these fields nests: 2 for a record with a
    list field, 4 for a pledge (record, updates, an update, its sources)."""
    deepest = 1
    for f in fields:
        if f.type == OBJECTS:
            deepest = max(deepest, 2 + nesting_depth(f.item))
        elif f.type in (REFS, SLUGS):
            deepest = max(deepest, 2)
    return deepest


MAX_DEPTH = max(nesting_depth(fields) for fields in KINDS.values())
"""The deepest nesting of any record kind (4: a pledge's updates and their sources)."""
