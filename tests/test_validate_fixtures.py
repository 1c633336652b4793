"""One fixture per bad-input class of issue 3, each asserting the exact problems it gives.

``tests/fixtures/bad/<class>/`` holds files that are copied over the valid fixture site
(``tests/fixtures/site``) before validation; the table gives, for each class, every problem in
output order as ``(code, "PATH:LINE:COL: SEVERITY: MESSAGE")``. ``bom-crlf`` is the valid case:
a byte-order mark and CRLF line ends give no problem at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pledgewatch.build import check
from pledgewatch.core.config import load_config

BAD = Path(__file__).parent / "fixtures" / "bad"

EXPECTED: dict[str, list[tuple[str, str]]] = {
    "alias-clash": [
        ("alias-clash",
         "content/actors/residents-union.yml:5:11: error: alias 'example-city' is the id of "
         "another actor (content/actors/example-city.yml); its page would be replaced by a "
         "redirect here; remove the alias"),
        ("alias-clash",
         "content/pledges/fix-the-bridge.yml:19:30: error: alias 'reopen-library' is the id of "
         "another pledge (content/pledges/reopen-library.yml); its page would be replaced by a "
         "redirect here; remove the alias"),
        ("alias-clash",
         "content/pledges/fix-the-bridge.yml:19:46: error: alias 'fix-the-bridge' is this "
         "pledge's own id; an alias is an earlier id that now redirects here, so remove it"),
        ("alias-clash",
         "content/pledges/reopen-library.yml:19:11: error: alias 'repair-the-bridge' is also an "
         "alias of the pledge 'fix-the-bridge' (content/pledges/fix-the-bridge.yml); an earlier "
         "id can redirect to one pledge only: remove it from one of the two"),
    ],
    "anchor-alias": [
        ("yaml-anchor",
         "content/deadlines/bridge-end-of-march.yml:4:6: error: YAML anchor '&end' is not "
         "allowed: anchors and aliases copy values; delete '&end' and write the value out "
         "wherever it is used"),
        ("yaml-alias",
         "content/deadlines/bridge-end-of-march.yml:9:8: error: YAML alias '*end' is not "
         "allowed: write the value out in full instead"),
    ],
    "bad-enum": [
        ("bad-enum",
         "content/actors/ada-mayor.yml:3:7: error: kind 'human' is not one of: person, "
         "organisation"),
        ("bad-enum",
         "content/deadlines/bridge-end-of-march.yml:7:12: error: precision 'year' is not one "
         "of: day, week, month"),
        ("bad-enum",
         "content/pledges/fix-the-bridge.yml:9:9: error: status 'in progress' is not one of: "
         "not-yet-rated, in-progress, stalled, partially-kept, kept, broken; did you mean "
         "'in-progress'?"),
    ],
    "bad-id": [
        ("bad-id",
         "content/quotes/union-library.yml:1:5: error: 'Union_Library' is not a valid id for "
         "'id': use lower-case letters, digits and single hyphens (e.g. 'union-library')"),
    ],
    "billion-laughs": [
        ("yaml-anchor",
         "content/quotes/union-library.yml:2:4: error: YAML anchor '&a' is not allowed: "
         "anchors and aliases copy values; delete '&a' and write the value out wherever it is "
         "used"),
        ("yaml-anchor",
         "content/quotes/union-library.yml:3:4: error: YAML anchor '&b' is not allowed: "
         "anchors and aliases copy values; delete '&b' and write the value out wherever it is "
         "used"),
        ("yaml-alias",
         "content/quotes/union-library.yml:3:8: error: YAML alias '*a' (and 8 more uses) is "
         "not allowed: write the value out in full instead"),
        ("yaml-anchor",
         "content/quotes/union-library.yml:4:4: error: YAML anchor '&c' is not allowed: "
         "anchors and aliases copy values; delete '&c' and write the value out wherever it is "
         "used"),
        ("yaml-alias",
         "content/quotes/union-library.yml:4:8: error: YAML alias '*b' (and 8 more uses) is "
         "not allowed: write the value out in full instead"),
        ("yaml-anchor",
         "content/quotes/union-library.yml:5:4: error: YAML anchor '&d' is not allowed: "
         "anchors and aliases copy values; delete '&d' and write the value out wherever it is "
         "used"),
        ("yaml-alias",
         "content/quotes/union-library.yml:5:8: error: YAML alias '*c' (and 8 more uses) is "
         "not allowed: write the value out in full instead"),
        ("yaml-anchor",
         "content/quotes/union-library.yml:6:4: error: YAML anchor '&e' is not allowed: "
         "anchors and aliases copy values; delete '&e' and write the value out wherever it is "
         "used"),
        ("yaml-alias",
         "content/quotes/union-library.yml:6:8: error: YAML alias '*d' (and 8 more uses) is "
         "not allowed: write the value out in full instead"),
        ("yaml-anchor",
         "content/quotes/union-library.yml:7:4: error: YAML anchor '&f' is not allowed: "
         "anchors and aliases copy values; delete '&f' and write the value out wherever it is "
         "used"),
        ("yaml-alias",
         "content/quotes/union-library.yml:7:8: error: YAML alias '*e' (and 8 more uses) is "
         "not allowed: write the value out in full instead"),
        ("yaml-anchor",
         "content/quotes/union-library.yml:8:4: error: YAML anchor '&g' is not allowed: "
         "anchors and aliases copy values; delete '&g' and write the value out wherever it is "
         "used"),
        ("yaml-alias",
         "content/quotes/union-library.yml:8:8: error: YAML alias '*f' (and 8 more uses) is "
         "not allowed: write the value out in full instead"),
        ("yaml-anchor",
         "content/quotes/union-library.yml:9:4: error: YAML anchor '&h' is not allowed: "
         "anchors and aliases copy values; delete '&h' and write the value out wherever it is "
         "used"),
        ("yaml-alias",
         "content/quotes/union-library.yml:9:8: error: YAML alias '*g' (and 8 more uses) is "
         "not allowed: write the value out in full instead"),
        ("yaml-anchor",
         "content/quotes/union-library.yml:10:4: error: YAML anchor '&i' is not allowed: "
         "anchors and aliases copy values; delete '&i' and write the value out wherever it is "
         "used"),
        ("yaml-alias",
         "content/quotes/union-library.yml:10:8: error: YAML alias '*h' (and 8 more uses) is "
         "not allowed: write the value out in full instead"),
    ],
    "bom-crlf": [
    ],
    "comment-only": [
        ("empty-file",
         "content/quotes/union-library.yml:1:1: error: file has no fields (comments only); a "
         "record is a mapping of fields, one per line, such as 'id: my-record'"),
    ],
    "control-characters": [
        ("control-character",
         "content/actors/ada-mayor.yml:2:10: error: control character U+0007 in 'name' is not "
         "allowed; delete it (it is invisible in most editors)"),
        ("control-character",
         "content/actors/ada-mayor.yml:4:14: error: field 'description' contains the control "
         "character U+001B, written as a backslash escape in double quotes; remove the escape"),
        ("control-character",
         "content/actors/example-city.yml:3:34: error: control character U+0000 in a comment "
         "or between fields is not allowed; delete it (it is invisible in most editors)"),
        ("control-character",
         "content/actors/residents-union.yml:4:24: error: control character U+0085 in "
         "'description' is not allowed; delete it (it is invisible in most editors)"),
        ("control-character",
         "content/actors/residents-union.yml:4:38: error: control character U+FFFF in "
         "'description' is not allowed; delete it (it is invisible in most editors)"),
    ],
    "deadline-before-pledge": [
        ("deadline-early",
         "content/deadlines/bridge-end-of-march.yml:4:6: error: 'by' deadline 2024-01-08 is "
         "before pledge 'fix-the-bridge' was made (2024-01-09); correct due, or use kind: "
         "event"),
    ],
    "duplicate-id": [
        ("duplicate-id",
         "content/quotes/union-library.yml:1:5: error: duplicate quote id 'union-library': "
         "content/quotes/union-library.yaml has it too; ids must be unique, so rename one of "
         "the two files"),
    ],
    "duplicate-key": [
        ("duplicate-key",
         "content/pledges/fix-the-bridge.yml:9:1: error: duplicate field 'made_by' (also on "
         "line 3); YAML would keep only this one: delete one of them"),
    ],
    "duplicate-url": [
        ("duplicate-url",
         "content/sources/gazette-2024-01-10.yml:6:6: warning: same url as "
         "content/sources/council-minutes-2024-03-01.yml (source "
         "'council-minutes-2024-03-01'); if they are the same document, keep one source and "
         "cite it instead"),
    ],
    "empty-file": [
        ("empty-file",
         "content/quotes/union-library.yml:1:1: error: file has no fields (empty); a record "
         "is a mapping of fields, one per line, such as 'id: my-record'"),
    ],
    "file-too-large": [
        ("file-too-large",
         "content/sources/pasted-page.yml:1:1: error: file is 5,915 bytes, over the limit of "
         "4,096 bytes (max_file_bytes in site_config.yml); a record should be far smaller: "
         "check that nothing was pasted in by mistake"),
    ],
    "id-mismatch": [
        ("id-mismatch",
         "content/quotes/union-library.yml:1:5: error: id 'union-library-quote' does not "
         "match the file name 'union-library'; rename the file to 'union-library-quote.yml' "
         "or set id: union-library"),
    ],
    "formula-start": [
        ("formula-start",
         "content/actors/ada-mayor.yml:2:7: warning: field 'name' starts with '@', which "
         "spreadsheets opening data/pledges.csv read as a formula; begin it with a letter, a "
         "digit or a quotation mark"),
        ("formula-start",
         "content/pledges/fix-the-bridge.yml:2:8: warning: field 'title' starts with '=', which "
         "spreadsheets opening data/pledges.csv read as a formula; begin it with a letter, a "
         "digit or a quotation mark"),
    ],
    "invalid-date": [
        ("bad-date",
         "content/pledges/fix-the-bridge.yml:5:10: error: field 'made_on': 2024-13-09 is not "
         "a real calendar date (there is no month 13); write YYYY-MM-DD"),
        ("bad-date",
         "content/quotes/union-library.yml:4:10: error: field 'said_on': 2022-02-30 is not a "
         "real calendar date (February 2022 has 28 days)"),
        ("bad-date",
         "content/sources/council-minutes-2024-03-01.yml:5:12: error: field 'published': '1 "
         "March 2024' is not a date; write it as YYYY-MM-DD"),
    ],
    "merge-key": [
        ("yaml-merge",
         "content/sources/council-minutes-2024-03-01.yml:4:1: error: merge keys ('<<') are "
         "not allowed: they copy fields from elsewhere; write the fields out in full"),
    ],
    "missing-field": [
        ("missing-field",
         "content/pledges/fix-the-bridge.yml:1:1: error: missing required field 'made_on'"),
        ("missing-field",
         "content/pledges/fix-the-bridge.yml:14:5: error: missing required field 'summary' in "
         "item 2 of 'updates'"),
    ],
    "multiple-documents": [
        ("multiple-documents",
         "content/actors/ada-mayor.yml:5:1: error: a second YAML document starts here; a file "
         "holds one record: delete this '---' line, or move what follows into its own file"),
    ],
    "naive-datetime": [
        ("naive-datetime",
         "content/deadlines/budget-vote.yml:4:6: error: field 'due': date-time '2024-03-01 "
         "19:00' has no time zone; add one (e.g. '+00:00' or 'Z') or give just the date"),
        ("naive-datetime",
         "content/quotes/union-library.yml:4:10: error: field 'said_on': date-time "
         "'2024-02-15T18:30:00' has no time zone; add one (e.g. '+00:00' or 'Z') or give just "
         "the date"),
    ],
    "nested-list": [
        ("wrong-type",
         "content/actors/ada-mayor.yml:5:13: error: each item of 'member_of' must be an id, "
         "not a list (lists do not nest here)"),
    ],
    "nested-mapping": [
        ("wrong-type",
         "content/pledges/fix-the-bridge.yml:3:3: error: field 'title' must be text, not a "
         "mapping"),
    ],
    "not-utf8": [
        ("not-utf8",
         "content/quotes/union-library.yml:3:7: error: byte 0xc4 is not valid UTF-8 (the file "
         "was probably saved as Latin-1 or Windows-1252); save it as UTF-8"),
    ],
    "quote-after-source": [
        ("quote-date",
         "content/quotes/union-library.yml:4:10: error: said_on 2024-02-16 is after the "
         "source 'union-letter' was published (2024-02-15); a source cannot report words not "
         "yet said"),
    ],
    "quote-before-source": [
        ("quote-date",
         "content/quotes/union-library.yml:4:10: error: said_on 2024-02-14 is before the "
         "source 'union-letter' was published (2024-02-15); if the source reports earlier "
         "words, add 'reports_earlier_words: true' to content/sources/union-letter.yml"),
    ],
    "relative-and-malformed-urls": [
        ("bad-url",
         "content/sources/council-minutes-2024-03-01.yml:6:6: error: field 'url': "
         "'https://[council.example.org/minutes' is not a valid URL (Invalid IPv6 URL); copy "
         "the address from the browser's address bar"),
        ("bad-url",
         "content/sources/council-minutes-2024-03-01.yml:7:14: error: field 'archive_url': "
         "'archive.example.org/council/2024-03-01' is not an absolute http(s) address; write "
         "it in full, starting with https://"),
        ("bad-url",
         "content/sources/gazette-2024-01-10.yml:6:6: error: field 'url': "
         "'/2024/01/10/mayor-promises' is not an absolute http(s) address; write it in full, "
         "starting with https://"),
    ],
    "source-after-update": [
        ("source-after-update",
         "content/pledges/reopen-library.yml:18:15: error: source "
         "'council-minutes-2024-03-01' was published 2024-03-01, after this update's date "
         "2024-02-20; date the update on or after 2024-03-01"),
    ],
    "status-mismatch": [
        ("status-mismatch",
         "content/pledges/fix-the-bridge.yml:9:9: error: status 'kept' differs from the last "
         "update's status 'in-progress'; set status: in-progress"),
    ],
    "stray-files": [
        ("not-a-record",
         "content/pledge:1:1: warning: 'pledge' is not read: records go in content/<kind>/, "
         "where <kind> is one of actors, sources, pledges, deadlines, quotes"),
        ("not-a-record",
         "content/pledges/budget.yml.txt:1:1: warning: 'budget.yml.txt' is not read: records "
         "are files ending in .yml"),
    ],
    "syntax-error": [
        ("yaml-syntax",
         "content/actors/ada-mayor.yml:6:1: error: YAML syntax: while parsing a flow sequence "
         "(which starts at line 5, column 12): did not find expected ',' or ']'; check the "
         "quotes, brackets and indentation around here"),
    ],
    "tab-indent": [
        ("tab-indent",
         "content/pledges/fix-the-bridge.yml:15:1: error: tab used for indentation; YAML "
         "needs spaces: replace the tab with spaces"),
    ],
    "too-deep": [
        ("too-deep",
         "content/actors/ada-mayor.yml:5:1011: error: lists and mappings are nested over "
         "1,000 levels deep here; a record nests at most 4 levels (a pledge, its updates, an "
         "update, its sources): check the brackets and the indentation"),
    ],
    "top-level-list": [
        ("not-a-mapping",
         "content/quotes/union-library.yml:1:1: error: the top level must be a mapping of "
         "fields ('field: value' on each line), not a list"),
    ],
    "top-level-scalar": [
        ("not-a-mapping",
         "content/quotes/union-library.yml:1:1: error: the top level must be a mapping of "
         "fields ('field: value' on each line), not the single value 'A city without a "
         "library is a city with…'"),
    ],
    "unknown-field": [
        ("unknown-field",
         "content/pledges/fix-the-bridge.yml:9:1: error: unknown field 'staus'; did you mean "
         "'status'?"),
        ("unknown-field",
         "content/quotes/ada-bridge.yml:7:1: error: unknown field 'contxt'; did you mean "
         "'context'?"),
    ],
    "unknown-references": [
        ("unknown-reference",
         "content/actors/ada-mayor.yml:5:13: error: unknown actor 'city-council'; add "
         "content/actors/city-council.yml or fix the id"),
        ("unused-actor",
         "content/actors/example-city.yml:1:5: warning: actor 'example-city' is not "
         "referenced by any record; name it in a pledge, a quote, a source or member_of, or "
         "delete the file"),
        ("unknown-reference",
         "content/deadlines/bridge-end-of-march.yml:3:11: error: unknown pledge 'fix-bridge'; "
         "did you mean 'fix-the-bridge'?"),
        ("unknown-reference",
         "content/deadlines/bridge-end-of-march.yml:8:11: error: unknown source "
         "'gazette-2024-01'; did you mean 'gazette-2024-01-10'?"),
        ("unknown-reference",
         "content/pledges/fix-the-bridge.yml:3:10: error: unknown actor 'ada-mayr'; did you "
         "mean 'ada-mayor'?"),
        ("unknown-reference",
         "content/pledges/fix-the-bridge.yml:4:11: error: unknown actor 'residents-unoin'; "
         "did you mean 'residents-union'?"),
        ("unknown-reference",
         "content/pledges/fix-the-bridge.yml:18:15: error: unknown source "
         "'council-minutes-2024-03-02'; did you mean 'council-minutes-2024-03-01'?"),
        ("unknown-reference",
         "content/quotes/union-library.yml:2:10: error: unknown actor 'residents'; did you "
         "mean 'residents-union'?"),
        ("unknown-reference",
         "content/quotes/union-library.yml:5:9: error: unknown source 'union-leter'; did you "
         "mean 'union-letter'?"),
        ("unknown-reference",
         "content/quotes/union-library.yml:7:9: error: unknown pledge 'reopen-the-library'; "
         "did you mean 'reopen-library'?"),
        ("unknown-reference",
         "content/sources/union-letter.yml:6:7: error: unknown source 'gazete-2024-01-10'; "
         "did you mean 'gazette-2024-01-10'?"),
    ],
    "unsafe-urls": [
        ("bad-url",
         "content/sources/council-minutes-2024-03-01.yml:6:6: error: field 'url': 'data:' "
         "links are not allowed; only http:// and https:// addresses"),
        ("bad-url",
         "content/sources/council-minutes-2024-03-01.yml:7:14: error: field 'archive_url': "
         "'vbscript:' links are not allowed; only http:// and https:// addresses"),
        ("bad-url",
         "content/sources/gazette-2024-01-10.yml:6:6: error: field 'url': 'javascript:' links "
         "are not allowed; only http:// and https:// addresses"),
    ],
    "unused-actor": [
        ("unused-actor",
         "content/actors/city-treasurer.yml:1:5: warning: actor 'city-treasurer' is not "
         "referenced by any record; name it in a pledge, a quote, a source or member_of, or "
         "delete the file"),
    ],
    "unused-source": [
        ("unused-source",
         "content/sources/gazette-2024-01-11.yml:1:5: warning: source 'gazette-2024-01-11' is "
         "not referenced by any record; cite it from an update, a deadline or a quote, or "
         "delete the file"),
    ],
    "update-before-made-on": [
        ("update-early",
         "content/pledges/fix-the-bridge.yml:11:11: error: first update (2024-01-10) is "
         "before the pledge was made (2024-01-11); correct the date or made_on"),
    ],
    "update-order": [
        ("update-order",
         "content/pledges/fix-the-bridge.yml:15:11: error: update dated 2024-03-01 comes "
         "after one dated 2024-03-02; list updates oldest first"),
    ],
    "update-without-source": [
        ("too-few-items",
         "content/pledges/fix-the-bridge.yml:18:14: error: field 'sources' is empty; list at "
         "least 1 source id"),
    ],
    "utf16": [
        ("not-utf8",
         "content/quotes/union-library.yml:1:1: error: file is saved as UTF-16; save it as "
         "UTF-8 (the usual choice, called 'UTF-8' in editors)"),
    ],
    "wrong-kind-reference": [
        ("unknown-reference",
         "content/deadlines/bridge-end-of-march.yml:8:11: error: 'fix-the-bridge' is a "
         "pledge, not a source; closest source ids: 'union-letter', "
         "'council-minutes-2024-03-01', 'gazette-2024-01-10'"),
        ("unknown-reference",
         "content/pledges/fix-the-bridge.yml:3:10: error: 'gazette-2024-01-10' is a source, "
         "not an actor; closest actor ids: 'example-city', 'residents-union', 'ada-mayor'"),
    ],
    "wrong-type": [
        ("wrong-type",
         "content/pledges/fix-the-bridge.yml:4:10: error: field 'made_to' must be a list of "
         "ids, not 'residents-union'; write [residents-union]"),
        ("wrong-type",
         "content/pledges/fix-the-bridge.yml:7:3: error: field 'statement' must be text, not "
         "a list"),
        ("wrong-type",
         "content/sources/gazette-2024-01-10.yml:7:24: error: field 'reports_earlier_words' "
         "must be true or false, not 'yes'"),
    ],
    "yaml-tag": [
        ("yaml-tag",
         "content/actors/ada-mayor.yml:2:7: error: field 'name' has the YAML tag "
         "'!!binary'; delete the tag (records hold plain text, dates, lists "
         "and true/false only)"),
    ],
    "yaml11-types": [
        ("yaml-type",
         "content/actors/example-city.yml:4:14: error: quote this value: YAML reads 12:30 as "
         "the number 750, but 'description' is text; write \"12:30\""),
        ("yaml-type",
         "content/deadlines/budget-vote.yml:2:8: error: quote this value: YAML reads NO as "
         "the boolean false, but 'title' is text; write \"NO\""),
        ("yaml-type",
         "content/deadlines/budget-vote.yml:6:12: error: quote this value: YAML reads off as "
         "the boolean false, but 'as_stated' is text; write \"off\""),
        ("yaml-type",
         "content/sources/union-letter.yml:2:8: error: quote this value: YAML reads yes as "
         "the boolean true, but 'title' is text; write \"yes\""),
        ("yaml-type",
         "content/sources/union-letter.yml:3:12: error: quote this value: YAML reads 1.10 as "
         "the number 1.1, but 'publisher' is text; write \"1.10\""),
        ("yaml-type",
         "content/sources/union-letter.yml:7:8: error: quote this value: YAML reads 0755 as "
         "the number 493, but 'notes' is text; write \"0755\""),
    ],
}


def problems_of(name: str, site: Path) -> list[tuple[str, str]]:
    shutil.copytree(BAD / name, site, dirs_exist_ok=True)
    _, problems = check(load_config(site / "site_config.yml"))
    return [(p.code, p.as_text()) for p in problems]


def test_every_fixture_has_its_expected_problems() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture(name: str, site_copy: Path) -> None:
    assert problems_of(name, site_copy) == EXPECTED[name]
