"""Temporal expressions: spans, resolution against the publication date, and traps."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from claimgraph.extract.dates import TimeExpr, find_dates, is_date_like, parse_published

MON = dt.date(2024, 12, 23)  # a Monday in late December
WED = dt.date(2025, 1, 8)  # a Wednesday early in January
LEAP = dt.date(2024, 3, 1)  # a Friday, the day after Feb 29
SAT = dt.date(2023, 7, 15)  # a Saturday in midsummer


def only(text: str, anchor: dt.date | None) -> TimeExpr:
    found = find_dates(text, anchor)
    assert len(found) == 1, found
    return found[0]


# (sentence, anchor, span text, value, grain)
RESOLVED = [
    # weekdays: past by default, future under a future cue
    ("The central bank held rates steady on Thursday.", MON, "on Thursday", "2024-12-19", "day"),
    ("Shares slid on Monday as chipmakers sold off.", MON, "on Monday", "2024-12-23", "day"),
    ("The coach said Sunday the striker would miss the final.", MON, "Sunday", "2024-12-22", "day"),
    ("Voters will go to the polls on Thursday.", MON, "on Thursday", "2024-12-26", "day"),
    ("Flooding closed the coastal road late Friday night.", MON, "late Friday night", "2024-12-20", "day"),
    ("The summit is scheduled for Friday.", WED, "for Friday", "2025-01-10", "day"),
    ("The retailer reported earnings last Tuesday.", WED, "last Tuesday", "2025-01-07", "day"),
    ("The fraud trial resumes next Monday.", WED, "next Monday", "2025-01-13", "day"),
    ("Rescuers reached the village early Saturday.", SAT, "early Saturday", "2023-07-15", "day"),
    ("Police said on Wednesday, Jan. 8, that two men were held.", WED, "on Wednesday, Jan. 8", "2025-01-08", "day"),
    ("Filing opens Monday, Jan. 13, for small firms.", WED, "Monday, Jan. 13", "2025-01-13", "day"),
    ("Markets were shut on Wednesday morning.", WED, "on Wednesday morning", "2025-01-08", "day"),
    # months without a year
    ("Consumer inflation peaked in October.", MON, "in October", "2024-10", "month"),
    ("The bottling plant opened in December.", MON, "in December", "2024-12", "month"),
    ("The health minister resigned in February.", WED, "in February", "2024-02", "month"),
    ("The club signed the goalkeeper last August.", MON, "last August", "2023-08", "month"),
    ("Ticket sales will open in March.", MON, "in March", "2025-03", "month"),
    ("Trials are expected to finish this September.", SAT, "this September", "2023-09", "month"),
    ("The new tariffs take effect next April.", MON, "next April", "2025-04", "month"),
    ("Unemployment has fallen since May.", MON, "since May", "2024-05", "month"),
    ("Wheat prices jumped in mid-July.", MON, "in mid-July", "2024-07", "month"),
    ("The bridge will be finished by early March.", MON, "by early March", "2025-03", "month"),
    ("The vote was delayed until May, aides said.", MON, "until May", "2024-05", "month"),
    ("Ridership recovered this past October.", MON, "this past October", "2024-10", "month"),
    # day and month
    ("The jury returned its verdict on Dec. 18.", MON, "on Dec. 18", "2024-12-18", "day"),
    ("The filing deadline is Jan. 31.", MON, "Jan. 31", "2025-01-31", "day"),
    ("The storm struck the coast on 3 October.", MON, "on 3 October", "2024-10-03", "day"),
    ("The board met on March 28 to approve the buyback.", WED, "on March 28", "2024-03-28", "day"),
    ("The qualifier was played on Feb. 29.", LEAP, "on Feb. 29", "2024-02-29", "day"),
    ("The transfer window shut on Dec. 30.", WED, "on Dec. 30", "2024-12-30", "day"),
    ("The ceremony will take place on Aug. 2.", SAT, "on Aug. 2", "2023-08-02", "day"),
    ("The summit opened on the 4th of March.", LEAP, "on the 4th of March", "2023-03-04", "day"),
    ("The rally is on the 4th of March.", LEAP, "on the 4th of March", "2024-03-04", "day"),
    # absolute dates
    ("Polls closed on Nov. 5, 2024, at 8 p.m.", MON, "on Nov. 5, 2024", "2024-11-05", "day"),
    ("The statute was passed on December 23rd, 2019.", MON, "on December 23rd, 2019", "2019-12-23", "day"),
    ("He was born on the 4th of July, 1976, in Ohio.", MON, "on the 4th of July, 1976", "1976-07-04", "day"),
    ("The treaty was signed on 5 March 2023 in Geneva.", MON, "on 5 March 2023", "2023-03-05", "day"),
    ("ANNOUNCED ON DECEMBER 5, 2024", MON, "ON DECEMBER 5, 2024", "2024-12-05", "day"),
    ("The audit, dated 2024-11-30, found gaps.", MON, "2024-11-30", "2024-11-30", "day"),
    ("The merger closed in March 2021.", MON, "in March 2021", "2021-03", "month"),
    ("Exports slumped in Sept. 2021.", MON, "in Sept. 2021", "2021-09", "month"),
    ("The pact lapsed in April of 2019.", MON, "in April of 2019", "2019-04", "month"),
    ("Christmas Day 2022 was the warmest on record.", MON, "Christmas Day 2022", "2022-12-25", "day"),
    ("Churches were packed at Easter 2025.", MON, "at Easter 2025", "2025-04-20", "day"),
    # years
    ("The dam was completed in 1936.", MON, "in 1936", "1936", "year"),
    ("Emissions must fall 45% by 2030.", MON, "by 2030", "2030", "year"),
    ("Exports of grain have doubled since 2014.", MON, "since 2014", "2014", "year"),
    ("The 2016 referendum split the country.", MON, "2016", "2016", "year"),
    ("Russia's 2014 annexation drew sanctions.", MON, "2014", "2014", "year"),
    ("Rates will peak in mid-2025, economists say.", MON, "in mid-2025", "2025", "year"),
    ("The pipeline should carry gas by the end of 2026.", MON, "by the end of 2026", "2026", "year"),
    ("Margins improved in the first half of 2024.", MON, "in the first half of 2024", "2024", "year"),
    # relative to the anchor
    ("Yesterday the regulator fined the bank.", MON, "Yesterday", "2024-12-22", "day"),
    ("The court will rule today.", MON, "today", "2024-12-23", "day"),
    ("Schools reopen tomorrow after the storm.", WED, "tomorrow", "2025-01-09", "day"),
    ("Two shops were looted last night.", MON, "last night", "2024-12-22", "day"),
    ("Traffic was light this morning.", MON, "this morning", "2024-12-23", "day"),
    ("The striker trained alone last week.", MON, "last week", "2024-W51", "week"),
    ("Lawmakers return this week.", MON, "this week", "2024-W52", "week"),
    ("The index will be rebalanced next week.", MON, "next week", "2025-W01", "week"),
    ("Sales fell sharply last month.", WED, "last month", "2024-12", "month"),
    ("Prices were cut earlier this month.", MON, "earlier this month", "2024-12", "month"),
    ("The ferry resumes next month.", MON, "next month", "2025-01", "month"),
    ("Profits tripled last year.", WED, "last year", "2024", "year"),
    ("A verdict is due later this year.", SAT, "later this year", "2023", "year"),
    ("The vaccine could ship early next year.", MON, "early next year", "2025", "year"),
    ("The bridge collapsed three days ago.", MON, "three days ago", "2024-12-20", "day"),
    ("The index hit a low two weeks ago.", MON, "two weeks ago", "2024-W50", "week"),
    ("The factory closed six months ago.", MON, "six months ago", "2024-06", "month"),
    ("The reform began a decade ago.", MON, "a decade ago", "2014", "year"),
    ("Protests spread over the weekend.", MON, "over the weekend", "2024-W51", "week"),
    ("Crowds are expected at the beach this weekend.", SAT, "this weekend", "2023-W28", "week"),
    ("The budget must pass by the end of the year.", MON, "by the end of the year", "2024", "year"),
    # seasons: value is the season's first month
    ("Border clashes began in the fall.", MON, "in the fall", "2024-09", "season"),
    ("The resort reopened this summer.", MON, "this summer", "2024-06", "season"),
    ("The resort will reopen this summer.", WED, "this summer", "2025-06", "season"),
    ("Gas stocks ran low last winter.", MON, "last winter", "2023-12", "season"),
    ("Heating bills have soared this winter.", WED, "this winter", "2024-12", "season"),
    ("The league will expand in the spring.", MON, "in the spring", "2025-03", "season"),
    ("The orchestra tours next autumn.", MON, "next autumn", "2025-09", "season"),
    ("Wildfires burned during the summer of 2023.", MON, "during the summer of 2023", "2023-06", "season"),
    ("Gas use fell during winter 2022-23.", MON, "during winter 2022-23", "2022-12", "season"),
    # decades
    ("The steelworks thrived in the 1970s.", MON, "in the 1970s", "1970", "decade"),
    ("The band was huge in the '80s.", MON, "in the '80s", "1980", "decade"),
    ("Broadband spread in the early 2000s.", MON, "in the early 2000s", "2000", "decade"),
    # holidays
    ("Stores shut at noon on Christmas Eve.", MON, "on Christmas Eve", "2024-12-24", "day"),
    ("Air travel peaked over Thanksgiving.", MON, "over Thanksgiving", "2024-11-28", "day"),
    ("Families gathered on Christmas Eve.", WED, "on Christmas Eve", "2024-12-24", "day"),
    # ... but never under a past tense
    ("Inflation in December was 3.4%.", dt.date(2024, 11, 20), "in December", "2023-12", "month"),
    ("Petrol prices have risen 8% from January.", dt.date(2024, 10, 15), "from January", "2024-01", "month"),
    ("Exports had fallen 12% by September.", dt.date(2024, 6, 3), "by September", "2023-09", "month"),
    ("Sales fell in July.", dt.date(2024, 6, 3), "in July", "2023-07", "month"),
    # deadlines and starts look ahead; a month soon to come with no tense cue is the coming one
    ("The mill will shut by the end of June.", dt.date(2026, 5, 11), "by the end of June", "2026-06", "month"),
    ("Carvella cut the fee to 6% from February.", dt.date(2026, 1, 14), "from February", "2026-02", "month"),
    ("Talks with the union resume in November.", dt.date(2025, 10, 15), "in November", "2025-11", "month"),
    ("The plant shut in March.", dt.date(2025, 10, 15), "in March", "2025-03", "month"),
    ("The strike runs from October 14.", dt.date(2025, 9, 30), "from October 14", "2025-10-14", "day"),
]


@pytest.mark.parametrize(("text", "anchor", "span", "value", "grain"), RESOLVED)
def test_resolves(text: str, anchor: dt.date, span: str, value: str, grain: str) -> None:
    t = only(text, anchor)
    assert (t.text, t.value, t.grain) == (span, value, grain)
    assert text[t.start:t.end] == t.text


# Without an anchor, relative expressions are found but never guessed from today's date.
NO_ANCHOR = [
    ("Talks collapsed on Tuesday.", "on Tuesday", None),
    ("Inflation peaked in October.", "in October", None),
    ("The verdict came on Dec. 18.", "on Dec. 18", None),
    ("Profits tripled last year.", "last year", None),
    ("The plant closed two weeks ago.", "two weeks ago", None),
    ("Border clashes began in the fall.", "in the fall", None),
    ("Yesterday the regulator fined the bank.", "Yesterday", None),
    ("The merger closed in March 2021.", "in March 2021", "2021-03"),
    ("The statute was passed on June 2, 2019.", "on June 2, 2019", "2019-06-02"),
    ("Exports have doubled since 2014.", "since 2014", "2014"),
    ("The band was huge in the '80s.", "in the '80s", "1980"),
    ("Wildfires burned in the summer of 2023.", "in the summer of 2023", "2023-06"),
]


@pytest.mark.parametrize(("text", "span", "value"), NO_ANCHOR)
def test_without_anchor(text: str, span: str, value: str | None) -> None:
    t = only(text, None)
    assert (t.text, t.value) == (span, value)


def test_without_anchor_the_grain_is_still_given() -> None:
    assert only("The vote is next week.", None).grain == "week"
    assert only("It rained last month.", None).grain == "month"


# Sentences with no temporal expression at all.
NOT_DATES = [
    "Investors may hope for a rate cut.",
    "The committee may decide within days.",
    "Thousands joined a march through the city centre.",
    "The March for Our Lives drew large crowds.",
    "Theresa May told lawmakers the deal was final.",
    "The criticism by May angered her cabinet.",
    "June Carter recorded the song with her husband.",
    "In 1500 cases, doctors found no trace of the virus.",
    "Output rose from 1800 to 2400 units a day.",
    "Over 2000 people attended the rally.",
    "The fund holds 2000 shares of the lender.",
    "The pipeline runs 1,500 miles across the steppe.",
    "A 2 min read on the 45-year-old striker.",
    "She is in her 30s and he is in his 40s.",
    "The Sunday Times broke the story.",
    "Black Friday discounts were deep; Good Friday services were full.",
    "Monday Night Football drew record ratings.",
    "The fall of the regime surprised diplomats.",
    "The Prague Spring ended in tanks.",
    "Prices could fall sharply if demand weakens.",
    "Hot spring water flows from the rocks.",
    "USA Today ran the photograph.",
    "Subscribe to Velden Today for updates; the Today programme aired it.",
    "Christmas shopping slowed in the malls.",
    "Call the hotline for 24/7 help; a 3/4 majority is needed.",
    "The M1989 gun and the F-2022 design were shown.",
    "The fund returned $2024 to each investor.",
    "Room 2024 is on the third floor.",
    "Over the last year exports tripled; in the past week they slowed.",
    "Over the next week the panel will meet daily.",
    "The match was settled in the 89th minute.",
    "An August institution, the academy opened its doors.",
    "The drug was approved on Feb. 30.",
    "Nearly 12,000 troops and 240mm rockets were sent.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, MON) == []


def test_may_with_a_day_or_year_is_a_month() -> None:
    text = "The law was passed on May 5, and shops reopened in May 2021."
    assert [(t.text, t.value) for t in find_dates(text, MON)] == [
        ("on May 5", "2024-05-05"),
        ("in May 2021", "2021-05"),
    ]


def test_by_may_at_a_clause_end_is_a_deadline() -> None:
    assert only("The plan must be ready by May, officials said.", MON).text == "by May"


def test_ranges_give_both_ends() -> None:
    found = find_dates("Rainfall was low from June to August.", MON)
    assert [(t.text, t.value) for t in found] == [("from June", "2024-06"), ("August", "2024-08")]
    found = find_dates("Between 2010 and 2020 the town shrank.", MON)
    assert [t.value for t in found] == ["2010", "2020"]


def test_abbreviated_months_with_dots() -> None:
    found = find_dates("Testing started in Sept. and ended in Nov. with mixed results.", MON)
    assert [(t.text, t.value) for t in found] == [("in Sept.", "2024-09"), ("in Nov.", "2024-11")]


def test_sentence_final_dot_is_not_part_of_the_date() -> None:
    assert only("The deal was ratified on 12 April.", MON).text == "on 12 April"


def test_numeric_dates_only_when_unambiguous() -> None:
    text = "Filed 23/12/2024, amended 12/23/2024, served 05/06/2024, sealed 12.10.2024."
    assert [t.value for t in find_dates(text, None)] == ["2024-12-23", "2024-12-23", None, "2024-10-12"]


def test_a_historical_date_keeps_its_year() -> None:
    found = find_dates("The attacks on Sept. 11, 2001 changed air travel.", MON)
    assert [(t.text, t.value) for t in found] == [("on Sept. 11, 2001", "2001-09-11")]


def test_offsets_are_absolute_and_bounded_by_start_end() -> None:
    text = "In March, output fell. In June, it rose. In October, it fell again."
    all_ = find_dates(text, MON)
    assert [t.value for t in all_] == ["2024-03", "2024-06", "2024-10"]
    mid = find_dates(text, MON, start=text.index("In June"), end=text.index("In October"))
    assert [(t.start, t.text) for t in mid] == [(text.index("In June"), "In June")]
    assert find_dates(text, MON, start=len(text)) == []


def test_results_are_in_text_order_and_do_not_overlap() -> None:
    text = ("On Monday, Dec. 16, the agency said output had fallen since 2022, "
            "and that last week it fell again; a recovery is due next year.")
    found = find_dates(text, MON)
    assert [t.text for t in found] == ["On Monday, Dec. 16", "since 2022", "last week", "next year"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_datetime_anchor_is_accepted() -> None:
    assert only("It snowed on Sunday.", dt.datetime(2024, 12, 23, 16, 54)).value == "2024-12-22"


def test_year_boundaries() -> None:
    new_year = dt.date(2025, 1, 2)
    assert only("Sales slumped in December.", new_year).value == "2024-12"
    assert only("Sales slumped last month.", new_year).value == "2024-12"
    assert only("Shops closed on Dec. 31.", new_year).value == "2024-12-31"
    assert only("Stores reopened last week.", new_year).value == "2024-W52"


def test_time_expr_is_frozen() -> None:
    t = only("It rained on Sunday.", MON)
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.value = "x"  # type: ignore[misc]


def test_empty_text() -> None:
    assert find_dates("", MON) == []


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("March 3, 2025 9:15 PM", "2025-03-03T21:15"),
        ("March 3, 2025 12:05 AM", "2025-03-03T00:05"),
        ("2024-12-23T16:54:00Z", "2024-12-23T16:54"),
        ("2024-12-23T16:54:00+09:00", "2024-12-23T16:54"),
        ("2024-12-23", "2024-12-23"),
        ("Mon, 23 Dec 2024 10:00:00 GMT", "2024-12-23T10:00"),
        ("23/12/2024", "2024-12-23"),
        ("12/23/2024", "2024-12-23"),
        ("05/06/2024", None),
        ("Updated: Dec. 23, 2024 at 4:54 p.m. ET", "2024-12-23T16:54"),
        ("Monday, December 23, 2024", "2024-12-23"),
        ("Published 23 Dec 2024, 22:10", "2024-12-23T22:10"),
        ("2024/12/23 08:05", "2024-12-23T08:05"),
        ("December 2024", "2024-12"),
        ("2024", "2024"),
        ("23 décembre 2024 à 10h00", "2024-12-23T10:00"),
        ("2 hours ago", None),
        ("yesterday", None),
        ("", None),
        ("not a date", None),
    ],
)
def test_parse_published(raw: str, iso: str | None) -> None:
    assert parse_published(raw) == iso


def test_is_date_like() -> None:
    text = "Since 2014 some 2,000 troops have served; 1500 more arrived on June 12, 2024."
    assert is_date_like(text, text.index("2014"), text.index("2014") + 4)
    assert not is_date_like(text, text.index("2,000"), text.index("2,000") + 5)
    assert not is_date_like(text, text.index("1500"), text.index("1500") + 4)
    day = text.index("12,")
    assert is_date_like(text, day, day + 2)
