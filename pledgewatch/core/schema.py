"""The record kinds and their fields: the single source of truth for validation, the model,
the JSON Schemas for editors, the open data and the field tables of ``docs/records.md``.

Each field is an object of its type (``core.fields``, ``core.field_lists``), which owns its
check, limits, schemas and documentation; adding a field is one line in :data:`KINDS`.
"""

from __future__ import annotations

from pledgewatch.core.field_lists import Objects, Refs, Slugs
from pledgewatch.core.fields import (  # noqa: F401 - the type names, for f.type == REFS
    BOOL,
    DATE,
    ENUM,
    ID,
    ID_PATTERN,
    LINE,
    OBJECTS,
    REF,
    REFS,
    SLUGS,
    TEXT,
    URL,
    Bool,
    Date,
    Enum,
    Field,
    Id,
    Line,
    Ref,
    Text,
    Url,
)
from pledgewatch.core.scalars import PLACEHOLDER  # noqa: F401 - re-exported
from pledgewatch.core.wording import N_, Translated

# List caps (max_items): far above what real records list, they bound the work and the pages
# one file can make (every topic and alias is a page). docs/records.md shows them.
TYPES = (Text, Line, Id, Date, Url, Bool, Enum, Ref, Refs, Slugs, Objects)
"""Every field type (``core.fields``, ``core.field_lists``): one class per type name."""

STATUSES = ("not-yet-rated", "in-progress", "stalled", "partially-kept", "kept", "broken")
"""Status vocabulary, in reading order (the scale long-running promise trackers use)."""

STATUS_LABELS = Translated({
    "not-yet-rated": N_("Not yet rated"),
    "in-progress": N_("In progress"),
    "stalled": N_("Stalled"),
    "partially-kept": N_("Partially kept"),
    "kept": N_("Kept"),
    "broken": N_("Broken"),
})
"""Each status code -> its name, in the build's language (the codes are what scripts read)."""

STATUS_DEFINITIONS = Translated({
    "not-yet-rated": N_("Recorded, but there is not yet enough evidence to judge it."),
    "in-progress": N_("Sources show work towards the pledge; it is not complete."),
    "stalled": N_("No progress, or reported setbacks, while the pledge is still open."),
    "partially-kept": N_("Part of what was promised happened, part did not."),
    "kept": N_("What was promised happened, as sources show."),
    "broken": N_("Sources show the pledge was not kept, or was abandoned or contradicted."),
})
"""Each status code -> its definition, in the build's language."""

VALUE_LABELS = Translated({
    # actors' kind
    "person": N_("person"), "organisation": N_("organisation"),
    # sources' and quotes' kind
    "news-article": N_("news article"), "social-post": N_("social post"),
    "press-release": N_("press release"), "statement": N_("statement"), "letter": N_("letter"),
    "report": N_("report"), "spoken": N_("spoken"),
    # deadlines' kind
    "by": N_("by the date"), "not-before": N_("not before the date"), "event": N_("event"),
})
"""The reader's words for the enumerated values of the records (actor, source, quote and
deadline kinds); the YAML, the exports and the database keep the values themselves."""

PRECISION_LABELS = Translated({"day": N_("precise to the day"),
                               "week": N_("precise to the week"),
                               "month": N_("precise to the month")})
"""How exact a deadline's stated words are, in the reader's words, by ``precision``."""

UPDATE_FIELDS = (
    Date("date", "Date of the development the update records.", required=True),
    Enum("status", STATUSES, "Status after this update.", required=True),
    Text("summary", "What happened, as the cited sources report it.", required=True),
    Refs("sources", "sources", "Sources for the update; none published after its date.",
         required=True, min_items=1, max_items=50),
    Date("original_date", "The date the update was first published with, kept when its date "
         "is corrected: its feed guid and page anchor stay the same."),
)

ROLE_FIELDS = (
    Line("role", "The role, as the sources give it, e.g. 'CEO of LULAC'.", required=True),
    Date("since", "From when, where the sources say."),
    Date("until", "Until when, where the sources say."),
    Refs("sources", "sources", "Sources for the role and its dates.", required=True,
         min_items=1, max_items=50),
)

CORRECTION_FIELDS = (
    Date("date", "When the correction was published; not after the as-of date.",
         required=True),
    Text("summary", "What was wrong and what changed.", required=True),
    Refs("sources", "sources", "Sources for the corrected facts.", max_items=50),
)

_CORRECTIONS = Objects("corrections", CORRECTION_FIELDS, "Published corrections, oldest first.",
                       max_items=500, noun="correction")

_ID = Id("id", "Identifier; equals the file name without '.yml'.", required=True)
_ALIASES = Slugs("aliases", "Earlier ids of this record; old links redirect.", max_items=20)

# One line per field: see the docstring of core/fields.py (and docs/records.md, "Adding a
# field"). `make docs` then rewrites the field tables of docs/records.md, `pledgewatch schema`
# the editor schemas.
KINDS: dict[str, tuple[Field, ...]] = {
    "actors": (
        _ID,
        Line("name", "Name as usually written.", required=True),
        Enum("kind", ("person", "organisation"), "Person or organisation.", required=True),
        Text("description", "Role, as the sources give it."),
        Refs("member_of", "actors", "Organisations the actor belongs to.", max_items=20),
        Url("url", "Official page."),
        Refs("sources", "sources", "Sources for the description.", max_items=50),
        Objects("roles", ROLE_FIELDS, "Dated roles, oldest first, each with its sources.",
                max_items=50, noun="role"),
        _ALIASES,
        _CORRECTIONS,
    ),
    "sources": (
        _ID,
        Line("title", "Headline or title as published.", required=True),
        Line("publisher", "Outlet or publishing organisation.", required=True),
        Ref("published_by", "actors", "The publisher as an actor, when it has a record."),
        Enum("kind", ("news-article", "social-post", "press-release", "statement", "letter",
                      "report"), "Kind of document.", required=True),
        Date("published", "Publication date.", required=True),
        Url("url", "Where the source can be read."),
        Url("archive_url", "An archived copy."),
        Refs("via", "sources", "Sources that report or quote this one.", max_items=20),
        Bool("reports_earlier_words",
             "True when the source reports words said before its publication date."),
        Text("notes", "Reprints, inferred titles or dates, doubts."),
        _CORRECTIONS,
    ),
    "pledges": (
        _ID,
        Line("title", "One line naming what was promised.", required=True),
        Ref("made_by", "actors", "Actor who made the pledge.", required=True),
        Refs("made_to", "actors", "Actors the pledge was made to.", max_items=50),
        Date("made_on", "Date the pledge was made.", required=True),
        Text("statement", "What was promised, as reported.", required=True),
        Slugs("topics", "Topic ids, e.g. 'elections'.", max_items=20),
        Enum("status", STATUSES, "Current status; equals the last update's.", required=True),
        Line("verdict", "One sentence giving the reason for the current status."),
        Objects("updates", UPDATE_FIELDS, "Dated updates, oldest first.", required=True,
                min_items=1, max_items=500, noun="update"),
        _ALIASES,
        Date("reviewed_on", "Last date an editor checked the pledge against the evidence, even "
             "when nothing changed."),
        _CORRECTIONS,
    ),
    "deadlines": (
        _ID,
        Line("title", "What falls due.", required=True),
        Refs("pledges", "pledges", "Pledges the deadline applies to; empty for an event.",
             max_items=200),
        Date("due", "The curator's ISO date for the stated words.", required=True),
        Enum("kind", ("by", "not-before", "event"), "'by': must happen by the date; "
             "'not-before': must not happen before it; 'event': a date on the timeline.",
             required=True),
        Line("as_stated", "The words used, e.g. 'by the end of the week'.", required=True),
        Enum("precision", ("day", "week", "month"), "How exact the stated words are.",
             required=True),
        Refs("sources", "sources", "Sources for the deadline.", required=True, min_items=1,
             max_items=50),
        Text("notes", "How the date was derived."),
        Date("original_due", "The due date first published, kept when due is corrected: the "
             "feed guid of its 'deadline reached' item stays the same."),
        _CORRECTIONS,
    ),
    "quotes": (
        _ID,
        Ref("speaker", "actors", "Actor who said it.", required=True),
        Text("text", "The exact words.", required=True),
        Date("said_on", "When the words were said or posted.", required=True),
        Ref("source", "sources", "Source reporting the words.", required=True),
        Enum("kind", ("spoken", "statement", "social-post"), "How the words were said.",
             required=True),
        Text("context", "Where and to whom."),
        Refs("about", "pledges", "Pledges the quote is about.", max_items=50),
        Refs("mentions", "actors", "Actors the words name or refer to.", max_items=50),
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
