"""The quantity finder, sentence by sentence.

Every sentence here was written for this project. Each case lists *all* the quantities the
sentence holds, in order, with value, interval, unit, qualifier and change; the ``NONE``
sentences hold no quantity at all (dates, names, scores, pronoun "one"...).
"""
from __future__ import annotations

from typing import Any

import pytest

from claimgraph.extract.numbers import interval, parse_numeral, parse_words
from claimgraph.extract.quantities import Lexicon, QuantityFinder, find_quantities

_AUTO: Any = object()


def Q(text: str, value: float | None, unit: str = "count", qual: str = "exact", change: str | None = None,
      low: Any = _AUTO, high: Any = _AUTO, per: str | None = None, vague: bool = False) -> dict[str, Any]:
    """One expected quantity. low/high default to the plain interval of the qualifier; approx must say them."""
    if low is _AUTO or high is _AUTO:
        assert value is not None and qual != "approx", f"state low/high for {text!r}"
        auto = {"exact": (value, value), "at_least": (value, None), "more_than": (value, None),
                "up_to": (0.0, value), "less_than": (0.0, value), "nearly": (0.9 * value, value)}[qual]
        low = auto[0] if low is _AUTO else low
        high = auto[1] if high is _AUTO else high
    return {"text": text, "value": value, "low": low, "high": high, "unit": unit, "qualifier": qual,
            "change": change, "per": per, "vague": vague}


def R(text: str, low: float, high: float, unit: str = "count", qual: str = "exact", change: str | None = None,
      per: str | None = None, value: float | None = None) -> dict[str, Any]:
    """An expected range: value is the midpoint unless given."""
    return Q(text, (low + high) / 2 if value is None else value, unit, qual, change, low, high, per)


def V(text: str, low: float, high: float | None, unit: str = "count", qual: str = "approx") -> dict[str, Any]:
    """An expected vague amount ("thousands of"): no value, an order-of-magnitude interval."""
    return Q(text, None, unit, qual, None, low, high, vague=True)


THIRD = 1 / 3

# ----------------------------------------------------------------------------- sentences with quantities
CASES: list[tuple[str, list[dict[str, Any]]]] = [
    # --- plain counts and numerals
    ("Rescuers pulled 37 survivors from the rubble overnight.", [Q("37", 37)]),
    ("The ferry was carrying 1,250 passengers when it capsized.", [Q("1,250", 1250)]),
    ("Authorities evacuated 15,000 residents from the valley.", [Q("15,000", 15000)]),
    ("The census counted 3,456,789 inhabitants.", [Q("3,456,789", 3456789)]),
    ("The battalion lost 8 vehicles in the ambush.", [Q("8", 8)]),
    ("The average household spends 2.7 hours a day online.", [Q("2.7 hours a day", 2.7, "hour", per="day")]),
    ("Investigators recovered 0.5 grams of the substance.", [Q("0.5 grams", 0.5, "g")]),
    ("The index closed at 4,512.75 points.", [Q("4,512.75 points", 4512.75, "point")]),
    ("The village has 450 homes and 2 schools.", [Q("450", 450), Q("2", 2)]),
    ("In India 1,00,000 farmers joined the protest.", [Q("1,00,000", 100000)]),
    ("Exactly 7 judges heard the appeal.", [Q("7", 7)]),
    ("A total of 312 delegates signed the letter.", [Q("312", 312)]),
    ("Officials confirmed 0 deaths in the second wave.", [Q("0", 0)]),
    ("The swarm covered 2400 square kilometres.", [Q("2400 square kilometres", 2400, "km2")]),
    ("The army deployed 4500 troops to the border.", [Q("4500", 4500)]),

    # --- number words
    ("Five million people live in the flood zone.", [Q("Five million", 5e6)]),
    ("Two hundred and fifty delegates walked out.", [Q("Two hundred and fifty", 250)]),
    ("Twenty-one miners remain trapped underground.", [Q("Twenty-one", 21)]),
    ("A dozen firefighters were treated for smoke inhalation.", [Q("A dozen", 12)]),
    ("Three dozen eggs were smashed at the protest.", [Q("Three dozen", 36)]),
    ("Fifteen hundred volunteers signed up in a day.", [Q("Fifteen hundred", 1500)]),
    ("A hundred journalists were expelled.", [Q("A hundred", 100)]),
    ("A thousand pilgrims crossed the river.", [Q("A thousand", 1000)]),
    ("A million doses arrived on Tuesday.", [Q("A million", 1e6)]),
    ("One and a half million tonnes of grain are stuck in port.",
     [Q("One and a half million tonnes", 1.5e6, "tonne")]),
    ("Half a million people signed the petition.", [Q("Half a million", 5e5)]),
    ("Two and a half years after the quake, families still live in tents.",
     [Q("Two and a half years", 2.5, "year")]),
    ("Ninety-nine passengers were rescued by fishermen.", [Q("Ninety-nine", 99)]),
    ("Seven people were arrested after the match.", [Q("Seven", 7)]),
    ("Eleven cabinet ministers resigned in protest.", [Q("Eleven", 11)]),
    ("Forty thousand fans packed the stadium.", [Q("Forty thousand", 40000)]),
    ("Three hundred thousand households lost power.", [Q("Three hundred thousand", 300000)]),
    ("The tribunal heard from two hundred and five witnesses.", [Q("two hundred and five", 205)]),
    ("Zero cases were reported in the capital this week.", [Q("Zero", 0)]),
    ("A quarter of a million refugees crossed the border.", [Q("A quarter of a million", 250000)]),
    ("Six suspects were charged with fraud.", [Q("Six", 6)]),

    # --- money
    ("The contract is worth $5.5 billion.", [Q("$5.5 billion", 5.5e9, "USD")]),
    ("The firm reported revenue of €300m.", [Q("€300m", 3e8, "EUR")]),
    ("The club took out a £2bn loan.", [Q("£2bn", 2e9, "GBP")]),
    ("The chipmaker will invest ₩1.2 trillion in the new line.", [Q("₩1.2 trillion", 1.2e12, "KRW")]),
    ("The grant amounts to US$4 million.", [Q("US$4 million", 4e6, "USD")]),
    ("The court fined the bank 5 million euros.", [Q("5 million euros", 5e6, "EUR")]),
    ("The bridge will cost 1.5 billion won.", [Q("1.5 billion won", 1.5e9, "KRW")]),
    ("The state set aside Rs 500 crore for flood relief.", [Q("Rs 500 crore", 5e9, "INR")]),
    ("Moscow budgeted 2 trillion roubles for defence.", [Q("2 trillion roubles", 2e12, "RUB")]),
    ("Kyiv raised 30 billion hryvnias in war bonds.", [Q("30 billion hryvnias", 3e10, "UAH")]),
    ("The ministry spent ¥100 billion on subsidies.", [Q("¥100 billion", 1e11, "JPY")]),
    ("Beijing pledged 50 billion yuan for the region.", [Q("50 billion yuan", 5e10, "CNY")]),
    ("The coach earns $300,000 a year.", [Q("$300,000 a year", 300000, "USD", per="year")]),
    ("Ticket prices start at $45.", [Q("$45", 45, "USD")]),
    ("The startup raised $12m in its first round.", [Q("$12m", 1.2e7, "USD")]),
    ("The settlement was C$2.3 billion.", [Q("C$2.3 billion", 2.3e9, "CAD")]),
    ("The mine cost A$900 million to build.", [Q("A$900 million", 9e8, "AUD")]),
    ("A litre of milk now costs 80 cents.", [Q("80 cents", 80, "cent")]),
    ("The minimum wage rose to £11.44 an hour.", [Q("£11.44 an hour", 11.44, "GBP", per="hour")]),
    ("Workers earn $5 a day on the plantation.", [Q("$5 a day", 5, "USD", per="day")]),
    ("The fund manages USD 40 billion.", [Q("USD 40 billion", 4e10, "USD")]),
    ("The lottery jackpot reached $1.6bn.", [Q("$1.6bn", 1.6e9, "USD")]),
    ("The payroll averages $50K per employee.", [Q("$50K per employee", 50000, "USD", per="employee")]),
    ("The rescue package totals 750 billion euros.", [Q("750 billion euros", 7.5e11, "EUR")]),
    ("Fans paid 2 million pounds for the shirt collection.", [Q("2 million pounds", 2e6, "GBP")]),
    ("The yacht sold for €12.5m.", [Q("€12.5m", 1.25e7, "EUR")]),
    ("Smugglers were paid 5,000 dollars per crossing.", [Q("5,000 dollars per crossing", 5000, "USD", per="crossing")]),
    ("The tunnel will cost an estimated $2.1 billion.",
     [Q("an estimated $2.1 billion", 2.1e9, "USD", "approx", low=1.89e9, high=2.31e9)]),

    # --- percentages
    ("Turnout was 60 percent.", [Q("60 percent", 60, "percent")]),
    ("Turnout was 60%.", [Q("60%", 60, "percent")]),
    ("Turnout was 60 per cent.", [Q("60 per cent", 60, "percent")]),
    ("The party won 33.7% of the vote.", [Q("33.7%", 33.7, "percent")]),
    ("Only 4 pct of the loans were repaid.", [Q("4 pct", 4, "percent")]),
    ("Vaccination coverage reached 92 percent of adults.", [Q("92 percent", 92, "percent")]),
    ("Inflation stood at 3.2% in October.", [Q("3.2%", 3.2, "percent")]),
    ("Interest rates are at 5.25 per cent, the highest since 2001.", [Q("5.25 per cent", 5.25, "percent")]),
    ("Labour leads by 5 percentage points.", [Q("5 percentage points", 5, "percentage_point")]),
    ("The bank held rates at 4.5%, keeping a 25 basis point cushion.",
     [Q("4.5%", 4.5, "percent"), Q("25 basis point", 25, "basis_point")]),
    ("Five percent of the forest burned.", [Q("Five percent", 5, "percent")]),
    ("Roughly 60 percent of the shells came from abroad.",
     [Q("Roughly 60 percent", 60, "percent", "approx", low=51, high=69)]),
    ("Unemployment among young men is 21 per cent.", [Q("21 per cent", 21, "percent")]),

    # --- fractions and shares
    ("Nearly one-third of the missiles were intercepted.",
     [Q("Nearly one-third", THIRD, "ratio", "nearly", low=0.3, high=THIRD)]),
    ("Two-thirds of voters backed the reform.", [Q("Two-thirds", 2 / 3, "ratio")]),
    ("Half of the shells were duds.", [Q("Half", 0.5, "ratio")]),
    ("A quarter of the staff left in the first year.", [Q("A quarter", 0.25, "ratio")]),
    ("Three-quarters of the town was flooded.", [Q("Three-quarters", 0.75, "ratio")]),
    ("More than half the budget goes on salaries.",
     [Q("More than half", 0.5, "ratio", "more_than")]),
    ("Almost a third of respondents said they would not vote.",
     [Q("Almost a third", THIRD, "ratio", "nearly", low=0.3, high=THIRD)]),
    ("A fifth of the harvest was lost to locusts.", [Q("A fifth", 0.2, "ratio")]),
    ("One in five adults in the region smokes.", [Q("One in five", 0.2, "ratio")]),
    ("Nine out of 10 doctors backed the strike.", [Q("Nine out of 10", 0.9, "ratio")]),
    ("About 1 in 4 children is underweight.", [Q("About 1 in 4", 0.25, "ratio", "approx", low=0.2125, high=0.2875)]),
    ("Roughly half of all cases were in the capital.",
     [Q("Roughly half", 0.5, "ratio", "approx", low=0.425, high=0.575)]),
    ("Less than a quarter of the aid arrived.", [Q("Less than a quarter", 0.25, "ratio", "less_than")]),
    ("The reservoir is at three quarters of its capacity.", [Q("three quarters", 0.75, "ratio")]),
    ("Two thirds of the budget is borrowed.", [Q("Two thirds", 2 / 3, "ratio")]),
    ("Just under half the seats went to independents.",
     [Q("Just under half", 0.5, "ratio", "nearly")]),
    ("The country imports a third of its wheat.", [Q("a third", THIRD, "ratio")]),

    # --- multipliers and changes
    ("Rail traffic across the border has tripled this year.", [Q("tripled", 3, "ratio", change="up")]),
    ("Food prices doubled in six months.", [Q("doubled", 2, "ratio", change="up"), Q("six months", 6, "month")]),
    ("The harvest halved after the drought.", [Q("halved", 0.5, "ratio", change="down")]),
    ("Exports quadrupled between 2019 and 2023.", [Q("quadrupled", 4, "ratio", change="up")]),
    ("Revenue more than doubled last year.", [Q("more than doubled", 2, "ratio", "more_than", "up")]),
    ("Attendance nearly tripled after the renovation.",
     [Q("nearly tripled", 3, "ratio", "nearly", "up")]),
    ("The ministry's budget was cut by half.", [Q("half", 0.5, "ratio", change="down")]),
    ("Arrests rose by 300 in the first quarter.", [Q("300", 300, change="up")]),
    ("Shares fell 5% in early trading.", [Q("5%", 5, "percent", change="down")]),
    ("Shares fell by 5% in early trading.", [Q("5%", 5, "percent", change="down")]),
    ("Sales increased 20 percent.", [Q("20 percent", 20, "percent", change="up")]),
    ("A 20% increase in fees angered students.", [Q("20%", 20, "percent", change="up")]),
    ("The stock was down 5 percent at midday.", [Q("5 percent", 5, "percent", change="down")]),
    ("The currency was up 1.2% against the dollar.", [Q("1.2%", 1.2, "percent", change="up")]),
    ("The index fell to 40 by the close.", [Q("40", 40)]),
    ("Unemployment rose to 7.1 percent.", [Q("7.1 percent", 7.1, "percent")]),
    ("Output jumped 12% to a record.", [Q("12%", 12, "percent", change="up")]),
    ("The jobless rate dropped 0.3 percentage points.",
     [Q("0.3 percentage points", 0.3, "percentage_point", change="down")]),
    ("The central bank raised rates by 50 basis points.",
     [Q("50 basis points", 50, "basis_point", change="up")]),
    ("The Fed cut its benchmark rate by a quarter point.", [Q("a quarter point", 0.25, "point", change="down")]),
    ("Sales rose 8% to $4.2 billion.",
     [Q("8%", 8, "percent", change="up"), Q("$4.2 billion", 4.2e9, "USD")]),
    ("Crude rose $2 to $85.50 a barrel.",
     [Q("$2", 2, "USD", change="up"), Q("$85.50 a barrel", 85.5, "USD", per="barrel")]),
    ("The Dow gained 300 points, or 0.9%.", [Q("300 points", 300, "point", change="up"), Q("0.9%", 0.9, "percent")]),
    ("Inflation eased to 3.2% from 3.7%.", [Q("3.2%", 3.2, "percent"), Q("3.7%", 3.7, "percent")]),
    ("Unemployment fell from 5.1 percent to 4.9 percent.",
     [Q("5.1 percent", 5.1, "percent"), Q("4.9 percent", 4.9, "percent")]),
    ("The population grew from 30,000 to 45,000 in a decade.",
     [Q("30,000", 30000), Q("45,000", 45000)]),
    ("Profit slumped 40% to ¥120 billion.",
     [Q("40%", 40, "percent", change="down"), Q("¥120 billion", 1.2e11, "JPY")]),
    ("There was a 12 per cent drop in burglaries.", [Q("12 per cent", 12, "percent", change="down")]),
    ("Officials reported a 5% rise in admissions.", [Q("5%", 5, "percent", change="up")]),
    ("The firm announced 1,200 job cuts.", [Q("1,200", 1200, change="down")]),
    ("Prices were 15% higher than a year earlier.", [Q("15%", 15, "percent", change="up")]),
    ("Costs came in 3 percent lower than planned.", [Q("3 percent", 3, "percent", change="down")]),
    ("Emissions must fall 45% by 2030.", [Q("45%", 45, "percent", change="down")]),
    ("The death rate declined by nearly 20 percent.",
     [Q("nearly 20 percent", 20, "percent", "nearly", "down")]),
    ("The drug cut the risk of death by 30%.", [Q("30%", 30, "percent", change="down")]),
    ("The company increased its stake by 5%.", [Q("5%", 5, "percent", change="up")]),
    ("Bitcoin jumped 10 percent overnight.", [Q("10 percent", 10, "percent", change="up")]),
    ("The yen lost 2% against the euro.", [Q("2%", 2, "percent", change="down")]),
    ("The army lost 500 soldiers in the offensive.", [Q("500", 500)]),
    ("The charity raised $5 million.", [Q("$5 million", 5e6, "USD")]),
    ("An increase of 20% is planned.", [Q("20%", 20, "percent", change="up")]),
    ("There has been a tenfold increase in drone attacks.", [Q("tenfold", 10, "ratio", change="up")]),
    ("The cost rose 10-fold.", [Q("10-fold", 10, "ratio", change="up")]),
    ("Three times as many people voted as in 2019.", [Q("Three times", 3, "ratio")]),
    ("Patients are twice as likely to recover.", [Q("twice", 2, "ratio")]),
    ("The government will double spending on schools.", [Q("double", 2, "ratio", change="up")]),
    ("Output doubles every year.", [Q("doubles", 2, "ratio", change="up")]),
    ("Turnout was 52%, down 7 points.", [Q("52%", 52, "percent"), Q("7 points", 7, "point", change="down")]),
    ("The index was up 2.1%.", [Q("2.1%", 2.1, "percent", change="up")]),
    ("The S&P 500 fell 2.1% and the Nasdaq dropped 2.5 percent.",
     [Q("2.1%", 2.1, "percent", change="down"), Q("2.5 percent", 2.5, "percent", change="down")]),
    ("Ticket sales slid 8 per cent in March.", [Q("8 per cent", 8, "percent", change="down")]),
    ("Coal output surged 14%.", [Q("14%", 14, "percent", change="up")]),
    ("The trade deficit narrowed by $3 billion.", [Q("$3 billion", 3e9, "USD", change="down")]),
    ("Retail sales edged up 0.2%.", [Q("0.2%", 0.2, "percent", change="up")]),
    ("Turnover plunged by a third.", [Q("a third", THIRD, "ratio", change="down")]),

    # --- ranges
    ("Between 11,000 and 12,000 people attended.", [R("Between 11,000 and 12,000", 11000, 12000)]),
    ("Organisers said 11,000 to 12,000 attended.", [R("11,000 to 12,000", 11000, 12000)]),
    ("The crowd was 11,000-12,000 strong.", [R("11,000-12,000", 11000, 12000)]),
    ("The repairs will cost between 3 and 4 million dollars.",
     [R("between 3 and 4 million dollars", 3e6, 4e6, "USD")]),
    ("Between 3 and 4 million people fled.", [R("Between 3 and 4 million", 3e6, 4e6)]),
    ("The storm could cause $3-4 billion in damage.", [R("$3-4 billion", 3e9, 4e9, "USD")]),
    ("Analysts expect growth of 2 to 3 percent.", [R("2 to 3 percent", 2, 3, "percent", change="up")]),
    ("Analysts expect a rate of 2 to 3 percent.", [R("2 to 3 percent", 2, 3, "percent")]),
    ("Rents rose 5 to 10 percent.", [R("5 to 10 percent", 5, 10, "percent", change="up")]),
    ("Growth of 5%-7% is forecast.", [R("5%-7%", 5, 7, "percent", change="up")]),
    ("A margin of 5%-7% is expected.", [R("5%-7%", 5, 7, "percent")]),
    ("The trip takes 3–4 hours.", [R("3–4 hours", 3, 4, "hour")]),
    ("Some 3,000 to 4,000 migrants crossed.",
     [R("Some 3,000 to 4,000", 3000, 4000, qual="approx", value=3500) | {"low": 2550.0, "high": 4600.0}]),
    ("Two or three officers were injured.", [R("Two or three", 2, 3)]),
    ("Between five and ten boats sank.", [R("Between five and ten", 5, 10)]),
    ("Prices range from $10 to $15.", [R("from $10 to $15", 10, 15, "USD")]),
    ("The wall is 10 to 12 metres high.", [R("10 to 12 metres", 10, 12, "m")]),
    ("Between $3 billion and $4 billion was wiped off its value.",
     [R("Between $3 billion and $4 billion", 3e9, 4e9, "USD")]),

    # --- rates
    ("North Korea earns about $572 million per year from the deal.",
     [Q("about $572 million per year", 5.72e8, "USD", "approx", low=5.434e8, high=6.006e8, per="year")]),
    ("Oil traded at $80 a barrel.", [Q("$80 a barrel", 80, "USD", per="barrel")]),
    ("The plant produces 2 million barrels per day.", [Q("2 million barrels per day", 2e6, "barrel", per="day")]),
    ("The field pumps 10m bpd.", [Q("10m bpd", 1e7, "barrel", per="day")]),
    ("The levy raises £1.2bn annually.", [Q("£1.2bn annually", 1.2e9, "GBP", per="year")]),
    ("The toll is $3 per vehicle.", [Q("$3 per vehicle", 3, "USD", per="vehicle")]),
    ("Spending rose 5% a year.", [Q("5% a year", 5, "percent", change="up", per="year")]),
    ("Dividends of $1.20 per share were paid.", [Q("$1.20 per share", 1.2, "USD", per="share")]),
    ("Gold hit $2,050 an ounce.", [Q("$2,050 an ounce", 2050, "USD", per="ounce")]),
    ("Health spending is $4,000 per capita.", [Q("$4,000 per capita", 4000, "USD", per="person")]),
    ("The agency pays 30,000 hryvnias a month to each soldier.",
     [Q("30,000 hryvnias a month", 30000, "UAH", per="month")]),

    # --- units
    ("The missile has a range of about 430 miles.",
     [Q("about 430 miles", 430, "mile", "approx", low=387, high=473)]),
    ("The new missile could fly over 1,200 miles.", [Q("over 1,200 miles", 1200, "mile", "more_than")]),
    ("The convoy travelled 300 km overnight.", [Q("300 km", 300, "km")]),
    ("He walked five miles to the nearest town.", [Q("five miles", 5, "mile")]),
    ("Each sack weighs 50 kg.", [Q("50 kg", 50, "kg")]),
    ("Police seized 2 tonnes of cocaine.", [Q("2 tonnes", 2, "tonne")]),
    ("The fire burned 400,000 acres.", [Q("400,000 acres", 400000, "acre")]),
    ("The farm covers 500 hectares.", [Q("500 hectares", 500, "hectare")]),
    ("The storm dumped up to 300 mm of rain.", [Q("up to 300 mm", 300, "mm", "up_to")]),
    ("Winds reached 250 km/h as the cyclone made landfall.", [Q("250 km/h", 250, "km/h")]),
    ("The train hit 200 mph on the test track.", [Q("200 mph", 200, "mph")]),
    ("The new reactor will produce 1,000 MW.", [Q("1,000 MW", 1000, "MW")]),
    ("The country added 12 GW of solar capacity.", [Q("12 GW", 12, "GW")]),
    ("Temperatures hit 45°C in the shade.", [Q("45°C", 45, "celsius")]),
    ("It was 113 degrees Fahrenheit in Phoenix.", [Q("113 degrees Fahrenheit", 113, "fahrenheit")]),
    ("The world is 1.1C warmer than before industrialisation.", [Q("1.1C", 1.1, "celsius")]),
    ("Arctic ice shrank to 4.2 million square kilometres.",
     [Q("4.2 million square kilometres", 4.2e6, "km2")]),
    ("The tanker holds 2 million barrels of crude.", [Q("2 million barrels", 2e6, "barrel")]),
    ("Russia shipped 15 bcm of gas.", [Q("15 bcm", 1.5e10, "m3")]),
    ("The sprinter ran the 100m in 9.58 seconds.", [Q("100m", 100, "m"), Q("9.58 seconds", 9.58, "second")]),
    ("Everest stands 8,849m tall.", [Q("8,849m", 8849, "m")]),
    ("He was sentenced to 12 years in prison.", [Q("12 years", 12, "year")]),
    ("The siege lasted 18 months.", [Q("18 months", 18, "month")]),
    ("The ceasefire held for 72 hours.", [Q("72 hours", 72, "hour")]),
    ("The 45-year-old driver was arrested.", [Q("45-year-old", 45, "year")]),
    ("The engine produces 300 kW (402 hp).", [Q("300 kW", 300, "kW"), Q("402 hp", 402, "hp")]),
    ("The phone has 256GB of storage.", [Q("256GB", 256, "GB")]),
    ("The ship sailed 40 nautical miles.", [Q("40 nautical miles", 40, "nautical_mile")]),
    ("The bomb yield was 15 kilotons.", [Q("15 kilotons", 15, "kiloton")]),
    ("The boat was 12 feet long.", [Q("12 feet", 12, "ft")]),
    ("A 5-kilometre exclusion zone was declared.", [Q("5-kilometre", 5, "km")]),
    ("Rainfall reached 120 millimetres in two hours.",
     [Q("120 millimetres", 120, "mm"), Q("two hours", 2, "hour")]),
    ("The tower is 300 metres high.", [Q("300 metres", 300, "m")]),
    ("The pipeline carries 55 billion cubic metres a year.",
     [Q("55 billion cubic metres a year", 5.5e10, "m3", per="year")]),
    ("The country consumes 20 TWh of electricity.", [Q("20 TWh", 20, "TWh")]),
    ("Snow fell to a depth of 30 cm.", [Q("30 cm", 30, "cm")]),
    ("The plane climbed to 35,000 feet.", [Q("35,000 feet", 35000, "ft")]),
    ("The crater is half a mile wide.", [Q("half a mile", 0.5, "mile")]),
    ("He waited half an hour for the bus.", [Q("half an hour", 0.5, "hour")]),
    ("The talks ran for five days.", [Q("five days", 5, "day")]),
    ("The dam holds 3.9 million litres.", [Q("3.9 million litres", 3.9e6, "litre")]),

    # --- qualifiers
    ("An estimated 15,000 soldiers are deployed.",
     [Q("An estimated 15,000", 15000, qual="approx", low=13500, high=16500)]),
    ("At least 2,500 injuries have been reported.", [Q("At least 2,500", 2500, qual="at_least")]),
    ("No fewer than 40 ships took part.", [Q("No fewer than 40", 40, qual="at_least")]),
    ("A minimum of 200 staff must be hired.", [Q("A minimum of 200", 200, qual="at_least")]),
    ("Some 20,000 containers were shipped.",
     [Q("Some 20,000", 20000, qual="approx", low=17000, high=23000)]),
    ("Around 200 factories are working flat out.", [Q("Around 200", 200, qual="approx", low=170, high=230)]),
    ("About 100 soldiers have been killed.", [Q("About 100", 100, qual="approx", low=85, high=115)]),
    ("Approximately 200 factories run at full capacity.",
     [Q("Approximately 200", 200, qual="approx", low=170, high=230)]),
    ("Roughly 430 workers were laid off.", [Q("Roughly 430", 430, qual="approx", low=387, high=473)]),
    ("Circa 1,500 artefacts were stolen.", [Q("Circa 1,500", 1500, qual="approx", low=1350, high=1650)]),
    ("~15,000 users were affected.", [Q("~15,000", 15000, qual="approx", low=13500, high=16500)]),
    ("Police detained 300 or so protesters.", [Q("300 or so", 300, qual="approx", low=255, high=345)]),
    ("The blaze destroyed 5,000 or more homes.", [Q("5,000 or more", 5000, qual="at_least")]),
    ("Over five million shells were delivered.", [Q("Over five million", 5e6, qual="more_than")]),
    ("More than 100 missiles were fired.", [Q("More than 100", 100, qual="more_than")]),
    ("In excess of 2,000 complaints were filed.", [Q("In excess of 2,000", 2000, qual="more_than")]),
    ("Upwards of 50 boats joined the flotilla.", [Q("Upwards of 50", 50, qual="more_than")]),
    ("Losses exceeding $10 million were reported.",
     [Q("exceeding $10 million", 1e7, "USD", "more_than")]),
    ("The firm has 10,000-plus employees.", [Q("10,000-plus", 10000, qual="more_than")]),
    ("The campaign drew 10,000+ donors.", [Q("10,000+", 10000, qual="more_than")]),
    ("The cartel may have made as much as $3.5 billion.",
     [Q("as much as $3.5 billion", 3.5e9, "USD", "up_to")]),
    ("Up to 300 people may be trapped.", [Q("Up to 300", 300, qual="up_to")]),
    ("As many as 1,000 migrants arrive each week.", [Q("As many as 1,000", 1000, qual="up_to")]),
    ("The contract is capped at a maximum of $2m.", [Q("a maximum of $2m", 2e6, "USD", "up_to")]),
    ("No more than 50 guests may attend.", [Q("No more than 50", 50, qual="up_to")]),
    ("Less than 10% of the aid got through.", [Q("Less than 10%", 10, "percent", "less_than")]),
    ("Fewer than 20 journalists remain in the city.", [Q("Fewer than 20", 20, qual="less_than")]),
    ("Children under 5 are most at risk.", [Q("under 5", 5, qual="less_than")]),
    ("Temperatures stayed below 10 degrees.", [Q("below 10 degrees", 10, "degree", "less_than")]),
    ("Nearly 2,000 homes were damaged.", [Q("Nearly 2,000", 2000, qual="nearly")]),
    ("Almost 60 percent of the city lost water.", [Q("Almost 60 percent", 60, "percent", "nearly")]),
    ("Close to 9,000 people have died.", [Q("Close to 9,000", 9000, qual="nearly")]),
    ("Just under 40 percent voted yes.", [Q("Just under 40 percent", 40, "percent", "nearly")]),
    ("More than an estimated 1,000 people fled.",
     [Q("More than an estimated 1,000", 1000, qual="more_than")]),
    ("Just over 3,000 ballots were spoiled.", [Q("Just over 3,000", 3000, qual="more_than")]),
    ("Well over 10,000 troops massed on the border.", [Q("Well over 10,000", 10000, qual="more_than")]),
    ("At least one person was killed.", [Q("At least one", 1, qual="at_least")]),
    ("More than one million people have fled.", [Q("More than one million", 1e6, qual="more_than")]),
    ("Prices went up to $40 a barrel.", [Q("$40 a barrel", 40, "USD", per="barrel")]),
    ("About $1.2bn is at stake.", [Q("About $1.2bn", 1.2e9, "USD", "approx", low=1.08e9, high=1.32e9)]),

    # --- vague amounts
    ("Thousands of troops were deployed.", [V("Thousands", 2000, 9999)]),
    ("Tens of thousands of people marched.", [V("Tens of thousands", 20000, 99999)]),
    ("Hundreds of thousands fled the fighting.", [V("Hundreds of thousands", 200000, 999999)]),
    ("Hundreds were arrested.", [V("Hundreds", 200, 999)]),
    ("Dozens of villages were flooded.", [V("Dozens", 24, 119)]),
    ("Millions of dollars were lost.", [V("Millions of dollars", 2e6, 9999999, "USD")]),
    ("Several hundred soldiers deserted.", [V("Several hundred", 300, 900)]),
    ("A few thousand civilians stayed behind.", [V("A few thousand", 2000, 5000)]),
    ("A couple of hundred fans waited outside.", [V("A couple of hundred", 200, 300)]),
    ("Scores of people were injured.", [V("Scores", 40, 199)]),
    ("The scheme cost billions of euros.", [V("billions of euros", 2e9, 9999999999, "EUR")]),
    ("More than thousands attended.", [V("More than thousands", 2000, None, qual="more_than")]),
    ("Tens of millions of people lack clean water.", [V("Tens of millions", 2e7, 99999999)]),

    # --- several quantities in one sentence
    ("The earthquake killed at least 2,300 people and injured more than 10,000.",
     [Q("at least 2,300", 2300, qual="at_least"), Q("more than 10,000", 10000, qual="more_than")]),
    ("Officials said 1.2 million people lost power and 300 schools closed.",
     [Q("1.2 million", 1.2e6), Q("300", 300)]),
    ("Labour won 411 seats with 33.7% of the vote.", [Q("411", 411), Q("33.7%", 33.7, "percent")]),
    ("The virus infected more than 600,000 people and killed 6,000.",
     [Q("more than 600,000", 600000, qual="more_than"), Q("6,000", 6000)]),
    ("The trial enrolled 43,000 participants and showed 95% efficacy.",
     [Q("43,000", 43000), Q("95%", 95, "percent")]),
    ("The wildfire burned 40,000 hectares and destroyed 1,500 homes.",
     [Q("40,000 hectares", 40000, "hectare"), Q("1,500", 1500)]),
    ("He was jailed for 12 years and fined $50,000.", [Q("12 years", 12, "year"), Q("$50,000", 50000, "USD")]),
    ("The striker scored 30 goals in 38 games.", [Q("30", 30), Q("38", 38)]),
    ("The club paid a record £105m fee for the 21-year-old.",
     [Q("£105m", 1.05e8, "GBP"), Q("21-year-old", 21, "year")]),
    ("The drone flew 1,500 km at 200 km/h for 5 hours.",
     [Q("1,500 km", 1500, "km"), Q("200 km/h", 200, "km/h"), Q("5 hours", 5, "hour")]),
    ("Police seized 2 tonnes of cocaine worth £100m.", [Q("2 tonnes", 2, "tonne"), Q("£100m", 1e8, "GBP")]),
    ("Some 3,000 migrants, about a third of them children, crossed.",
     [Q("Some 3,000", 3000, qual="approx", low=2550, high=3450),
      Q("about a third", THIRD, "ratio", "approx", low=THIRD * 0.85, high=THIRD * 1.15)]),
    ("Trump won 312 electoral votes to Harris's 226.", [Q("312", 312), Q("226", 226)]),
    ("Murders fell 12 per cent last year to 560.",
     [Q("12 per cent", 12, "percent", change="down"), Q("560", 560)]),
    ("The company shed 1,200 jobs, about 5% of its 24,000 staff.",
     [Q("1,200", 1200), Q("about 5%", 5, "percent", "approx", low=4.25, high=5.75), Q("24,000", 24000)]),
    ("Two officials said the convoy carried 40 tonnes of aid.", [Q("Two", 2), Q("40 tonnes", 40, "tonne")]),
    ("The marathon drew 40,000 runners and raised $3m for charity.",
     [Q("40,000", 40000), Q("$3m", 3e6, "USD")]),
    ("Heavy rain killed 14 people and displaced 8,000 in the province.", [Q("14", 14), Q("8,000", 8000)]),
    ("A magnitude 7.8 quake struck 30 km below the surface.",
     [Q("magnitude 7.8", 7.8, "magnitude"), Q("30 km", 30, "km")]),
    ("The ceasefire allowed 200 trucks carrying 4,000 tonnes of food into Gaza.",
     [Q("200", 200), Q("4,000 tonnes", 4000, "tonne")]),
    ("The bank lent ₹5,000 crore to 12 states.", [Q("₹5,000 crore", 5e10, "INR"), Q("12", 12)]),
    ("Voters in 3 provinces rejected the plan by 55% to 45%.",
     [Q("3", 3), Q("55%", 55, "percent"), Q("45%", 45, "percent")]),
    ("Apple sold 50 million iPhones in the quarter.", [Q("50 million", 5e7)]),
    ("The airline cancelled 1,300 flights, stranding 150,000 passengers.",
     [Q("1,300", 1300), Q("150,000", 150000)]),
    ("Scientists tagged 75 sharks over 4 years.", [Q("75", 75), Q("4 years", 4, "year")]),
    ("He was jailed for over 10 years.", [Q("over 10 years", 10, "year", "more_than")]),
    ("Over 9 million students sat the exam, up 3% on last year.",
     [Q("Over 9 million", 9e6, qual="more_than"), Q("3%", 3, "percent", change="up")]),
    ("The hospital has 600 beds and 80 intensive care units.", [Q("600", 600), Q("80", 80)]),
    ("He received 74.2 million votes, or 51.3%.", [Q("74.2 million", 7.42e7), Q("51.3%", 51.3, "percent")]),

    # --- names and dates around real quantities
    ("The Hwasong-11 has a range of about 430 miles.",
     [Q("about 430 miles", 430, "mile", "approx", low=387, high=473)]),
    ("On Dec. 23, officials said 100 soldiers had been killed.", [Q("100", 100)]),
    ("In 2022 the company employed 3,400 people.", [Q("3,400", 3400)]),
    ("Russia fired 60 Shahed-136 drones overnight.", [Q("60", 60)]),
    ("The 240mm rocket launchers fired 12 rounds.", [Q("12", 12)]),
    ("By 2030 the plant will employ 2,000 workers.", [Q("2,000", 2000)]),
    ("The F-16s flew 40 sorties on June 19.", [Q("40", 40)]),
    ("COVID-19 killed about 6.9 million people worldwide.",
     [Q("about 6.9 million", 6.9e6, qual="approx", low=6.21e6, high=7.59e6)]),
    ("Article 5 was invoked after 2,977 people died.", [Q("2,977", 2977)]),
    ("A Boeing 737 carrying 132 passengers crashed.", [Q("132", 132)]),
    ("The G7 pledged $600 billion.", [Q("$600 billion", 6e11, "USD")]),
    ("Kim visited 3 factories, one official said.", [Q("3", 3)]),
    ("The KN-23 missiles flew 600 km.", [Q("600 km", 600, "km")]),
    ("Between 2020 and 2022, prices rose 40%.", [Q("40%", 40, "percent", change="up")]),
    ("One of the 12 hostages was freed.", [Q("12", 12)]),
    ("In the 1990s about 2,000 people lived there.",
     [Q("about 2,000", 2000, qual="approx", low=1700, high=2300)]),
    ("The 155mm shells cost $3,000 each.", [Q("$3,000", 3000, "USD")]),
    ("The team won 3-1 in front of 50,000 fans.", [Q("50,000", 50000)]),
    ("Posted at 4:54 PM: 12 people were hurt.", [Q("12", 12)]),
    ("Section 230 shields 200 million users' posts.", [Q("200 million", 2e8)]),

    # --- more domains and styles: disasters, elections, markets, war, health, sport, climate, business, crime
    ("Flash floods swept away 23 cars and left 4,000 people homeless.", [Q("23", 23), Q("4,000", 4000)]),
    ("The typhoon packed gusts of up to 180 km/h.", [Q("up to 180 km/h", 180, "km/h", "up_to")]),
    ("Aid agencies need $1.5bn to feed 2.3 million people.", [Q("$1.5bn", 1.5e9, "USD"), Q("2.3 million", 2.3e6)]),
    ("The landslide buried roughly 40 homes.", [Q("roughly 40", 40, qual="approx", low=34, high=46)]),
    ("More than 300 aftershocks followed the quake.", [Q("More than 300", 300, qual="more_than")]),
    ("The incumbent took 54.3% against 41.2% for her rival.", [Q("54.3%", 54.3, "percent"), Q("41.2%", 41.2, "percent")]),
    ("Turnout fell to 48 per cent, its lowest since 1918.", [Q("48 per cent", 48, "percent")]),
    ("The coalition holds 201 of the 349 seats.", [Q("201", 201), Q("349", 349)]),
    ("Nearly 40 million ballots were cast by mail.", [Q("Nearly 40 million", 4e7, qual="nearly")]),
    ("The Nikkei 225 rose 1.8% to 38,500.", [Q("1.8%", 1.8, "percent", change="up"), Q("38,500", 38500)]),
    ("Gold slipped 0.4% to $2,310.50 an ounce.", [Q("0.4%", 0.4, "percent", change="down"), Q("$2,310.50 an ounce", 2310.5, "USD", per="ounce")]),
    ("The ruble weakened past 100 per dollar.", [Q("100 per dollar", 100, per="dollar")]),
    ("Quarterly profit rose 27% to €4.1bn.", [Q("27%", 27, "percent", change="up"), Q("€4.1bn", 4.1e9, "EUR")]),
    ("The brigade lost about a quarter of its tanks.", [Q("about a quarter", 0.25, "ratio", "approx", "down", low=0.2125, high=0.2875)]),
    ("Ukraine says it has downed 5,000 drones since March.", [Q("5,000", 5000)]),
    ("At least 17 civilians died when a missile hit the market.", [Q("At least 17", 17, qual="at_least")]),
    ("The front line stretches for more than 1,000 km.", [Q("more than 1,000 km", 1000, "km", "more_than")]),
    ("Some 600,000 troops are thought to be in the field.", [Q("Some 600,000", 600000, qual="approx", low=510000, high=690000)]),
    ("Measles cases rose by a fifth last year.", [Q("a fifth", 0.2, "ratio", change="up")]),
    ("The vaccine is 70 to 80 percent effective.", [R("70 to 80 percent", 70, 80, "percent")]),
    ("Hospital waiting lists hit 7.6 million in England.", [Q("7.6 million", 7.6e6)]),
    ("One in three adults has high blood pressure.", [Q("One in three", THIRD, "ratio")]),
    ("Life expectancy dropped by 1.5 years.", [Q("1.5 years", 1.5, "year", change="down")]),
    ("The striker has scored 12 goals in 9 matches this season.", [Q("12", 12), Q("9", 9)]),
    ("Tickets for the final cost up to £2,000.", [Q("up to £2,000", 2000, "GBP", "up_to")]),
    ("She won the 400m in 48.2 seconds.", [Q("400m", 400, "m"), Q("48.2 seconds", 48.2, "second")]),
    ("The transfer fee could reach €120 million.", [Q("€120 million", 1.2e8, "EUR")]),
    ("Global emissions rose 1.1% to 37.4 billion tonnes.", [Q("1.1%", 1.1, "percent", change="up"), Q("37.4 billion tonnes", 3.74e10, "tonne")]),
    ("The glacier has lost 30 metres of thickness since 2000.", [Q("30 metres", 30, "m")]),
    ("Sea ice covered 14.2 million square kilometres in March.", [Q("14.2 million square kilometres", 1.42e7, "km2")]),
    ("The heatwave pushed temperatures past 40C for three days.", [Q("40C", 40, "celsius"), Q("three days", 3, "day")]),
    ("The company will cut 4,000 jobs, or 7% of its workforce.", [Q("4,000", 4000), Q("7%", 7, "percent")]),
    ("Shares have tumbled by more than half since January.", [Q("more than half", 0.5, "ratio", "more_than", "down")]),
    ("The merger values the group at roughly $30 billion.", [Q("roughly $30 billion", 3e10, "USD", "approx", low=2.55e10, high=3.45e10)]),
    ("Output grew at an annualised rate of 2.8%.", [Q("2.8%", 2.8, "percent")]),
    ("Burglaries fell by 9% while thefts jumped 14%.", [Q("9%", 9, "percent", change="down"), Q("14%", 14, "percent", change="up")]),
    ("The gang laundered an estimated £70m.", [Q("an estimated £70m", 7e7, "GBP", "approx", low=5.95e7, high=8.05e7)]),
    ("He was ordered to serve 240 hours of community service.", [Q("240 hours", 240, "hour")]),
    ("Police recovered 35 kilos of heroin and 12 firearms.", [Q("35 kilos", 35, "kg"), Q("12", 12)]),
    ("The fraud cost victims as much as $80 million.", [Q("as much as $80 million", 8e7, "USD", "up_to")]),
    ("Dozens of protesters were detained.", [V("Dozens", 24, 119)]),
    ("Half of the county's 12 bridges were closed.", [Q("Half", 0.5, "ratio"), Q("12", 12)]),
    ("The council approved a 4.99% rise in council tax.", [Q("4.99%", 4.99, "percent", change="up")]),
    ("The reservoir was 35 percent full.", [Q("35 percent", 35, "percent")]),
    ("Average rents climbed to £1,300 a month.", [Q("£1,300 a month", 1300, "GBP", per="month")]),
    ("Two-thirds of the forest was lost over three decades.", [Q("Two-thirds", 2/3, "ratio"), Q("three decades", 3, "decade")]),
    ("The satellite orbits at an altitude of 550 km.", [Q("550 km", 550, "km")]),
    ("The telescope cost nearly $10 billion.", [Q("nearly $10 billion", 1e10, "USD", "nearly")]),
    ("The outbreak has killed 1,234 people, up from 1,100 last week.", [Q("1,234", 1234), Q("1,100", 1100)]),
    ("Thousands of households remain without power.", [V("Thousands", 2000, 9999)]),
    ("She scored twice in the second half.", [Q("twice", 2)]),
    ("Add 2 cups of flour and 1 tsp. of salt.", [Q("2 cups", 2, "cup"), Q("1 tsp.", 1, "tsp")]),
    ("NATO's 32 members met; the EU 27 leaders agreed.", [Q("32", 32), Q("27", 27)]),
    ("Chromecast launches tomorrow (November 19) in 14 countries.", [Q("14", 14)]),
    ("Burton, 57, was charged.", [Q("57", 57)]),
    # --- headlines, British and Indian conventions, wire copy
    ("Quake Kills 12, Injures Hundreds In Turkey", [Q("12", 12), V("Hundreds", 200, 999)]),
    ("UK economy shrinks 0.3% in third quarter", [Q("0.3%", 0.3, "percent", change="down")]),
    ("Oil tops $90 as supply fears grow", [Q("$90", 90, "USD")]),
    ("Tesla recalls 2 million cars over Autopilot", [Q("2 million", 2e6)]),
    ("India's GDP grew 7.8% in the April-June quarter.", [Q("7.8%", 7.8, "percent", change="up")]),
    ("The government sanctioned Rs 1,200 crore for the metro.", [Q("Rs 1,200 crore", 1.2e10, "INR")]),
    ("Farmers will receive Rs 6,000 a year.", [Q("Rs 6,000 a year", 6000, "INR", per="year")]),
    ("The scheme covers 10 crore families.", [Q("10 crore", 1e8)]),
    ("The fine was £250,000 plus costs.", [Q("£250,000", 250000, "GBP")]),
    ("Average pay rose 7.8pc in the year to June.", [Q("7.8pc", 7.8, "percent", change="up")]),
    ("The Bank of England held rates at 5.25pc.", [Q("5.25pc", 5.25, "percent")]),
    ("A 3.5m people live below the poverty line, officials said.", [Q("3.5m", 3.5e6)]),
    ("About 3m people voted by post.", [Q("About 3m", 3e6, qual="approx", low=2.55e6, high=3.45e6)]),
    ("Wages grew 4pc, outpacing inflation of 3.9pc.", [Q("4pc", 4, "percent", change="up"), Q("3.9pc", 3.9, "percent")]),
    ("Sterling rose 0.6 per cent to $1.27.", [Q("0.6 per cent", 0.6, "percent", change="up"), Q("$1.27", 1.27, "USD")]),
    ("The deal is worth up to €1.5bn over five years.", [Q("up to €1.5bn", 1.5e9, "EUR", "up_to"), Q("five years", 5, "year")]),
    ("Rescue teams found 9 bodies on Tuesday, taking the toll to 31.", [Q("9", 9), Q("31", 31)]),
    ("Temperatures plunged to minus 20 degrees.", [Q("minus 20 degrees", -20, "degree")]),
    ("It was -5°C in Moscow.", [Q("-5°C", -5, "celsius")]),
    ("The fund returned 12.5 per cent last year after losing 8 per cent in 2022.", [Q("12.5 per cent", 12.5, "percent"), Q("8 per cent", 8, "percent", change="down")]),
    ("Roughly a fifth of students dropped out.", [Q("Roughly a fifth", 0.2, "ratio", "approx", low=0.17, high=0.23)]),
    ("A third of the 90 detainees were minors.", [Q("A third", THIRD, "ratio"), Q("90", 90)]),
    ("The plane was carrying 181 people, including 6 crew.", [Q("181", 181), Q("6", 6)]),
    ("The bill passed 62-38 in the Senate.", []),
    ("Two years later, the plant employs 5,400.", [Q("Two years", 2, "year"), Q("5,400", 5400)]),
    ("The rebels control about 60 per cent of the country.", [Q("about 60 per cent", 60, "percent", "approx", low=51, high=69)]),
    ("Fighting has displaced some 1.5 million people since April.", [Q("some 1.5 million", 1.5e6, qual="approx", low=1.35e6, high=1.65e6)]),
    ("The army said it had killed 35 fighters and lost 4 soldiers.", [Q("35", 35), Q("4", 4)]),
    ("Gas prices spiked 40 percent in a week.", [Q("40 percent", 40, "percent", change="up")]),
    ("Net migration reached 745,000 in 2022.", [Q("745,000", 745000)]),
    ("The plan would save £3.2bn a year by 2030.", [Q("£3.2bn a year", 3.2e9, "GBP", per="year")]),
    ("Mortgage rates hit 7% for the first time since 2000.", [Q("7%", 7, "percent")]),
    ("The wildfire is 45% contained.", [Q("45%", 45, "percent")]),
    ("Some 70 percent of the island's 1.2 million residents were evacuated.", [Q("Some 70 percent", 70, "percent", "approx", low=59.5, high=80.5), Q("1.2 million", 1.2e6)]),
    ("The outbreak has infected 4,500 people in 14 countries.", [Q("4,500", 4500), Q("14", 14)]),
    ("The new line will carry 40,000 passengers an hour.", [Q("40,000", 40000)]),
    ("He served 27 years in prison.", [Q("27 years", 27, "year")]),
    ("The jury deliberated for nine hours.", [Q("nine hours", 9, "hour")]),
    ("Applications are up 12 per cent on last year.", [Q("12 per cent", 12, "percent", change="up")]),
    ("The town of 8,000 lost its only hospital.", [Q("8,000", 8000)]),
]

# ----------------------------------------------------------------------------- sentences with none
NONE: list[str] = [
    # dates and times
    "The treaty was signed on December 23, 2024.",
    "The report was published on Dec. 23.",
    "The summit is planned for June 19.",
    "They met on 23 December in Geneva.",
    "The war began in February 2022.",
    "The meeting started at 4:54 PM.",
    "Polls close at 10am on Thursday.",
    "The strike begins at 0600 GMT.",
    "Updated 2024-12-23T16:54 by the news desk.",
    "The deadline is 12/23/2024.",
    "He was born in 1961.",
    "Elections are due in 2024.",
    "Prices were lower in the 1990s.",
    "The slump of the '90s is over.",
    "The 2023-24 season was cancelled.",
    "The 2022 election changed little.",
    "Sales in fiscal 2023 disappointed.",
    "The project runs from 2020 to 2025.",
    "Between 2010 and 2015 nothing changed.",
    "It happened in mid-2024.",
    "The 19th century saw the first railways.",
    "The attack happened on the 23rd of May.",
    "Published 2 min read",
    "A 5 minute read on the crisis.",
    "The 9/11 attacks changed aviation.",
    "The shop is open 24/7.",
    "Around 2000, the party split.",
    # ordinals
    "She came first in the race.",
    "He finished 21st in the standings.",
    "It was the 2nd time the dam failed.",
    "The 3rd Division crossed the river.",
    "This is the fourth attempt.",
    # names and designations
    "The Hwasong-11 is a short-range missile.",
    "Russia used Shahed-136 drones.",
    "The M1989 Koksan is a self-propelled gun.",
    "The KN-23 and KN-24 are similar.",
    "The Pukguksong-2 was tested.",
    "Ukraine wants more F-16 jets.",
    "COVID-19 spread quickly.",
    "The G7 met in Italy.",
    "A Su-34 was shot down.",
    "The Boeing 737 Max was grounded.",
    "Section 230 protects platforms.",
    "NATO members can invoke Article 5.",
    "Resolution 2231 endorsed the deal.",
    "They drove along Route 66.",
    "Apollo 11 landed on the Moon.",
    "The S&P 500 and the FTSE 100 are indices.",
    "Windows 11 requires new hardware.",
    "See page 12 for details.",
    "The quote appears in episode 4.",
    "He works at No. 10 Downing Street.",
    "The firm filed for Chapter 11 protection.",
    "The MiG-29 and the S-400 were hit.",
    "The Thunderbolt 3 is staying.",
    "Apple's AirPlay 2 and the TV app were updated.",
    "The H5N1 virus is spreading among cattle.",
    "The company launched a 5G network.",
    "Players can stream in 4K.",
    "The case was filed under ISO 9001 rules.",
    # calibres naming weapons
    "North Korea supplied 240mm rocket launchers.",
    "The unit used 170 mm self-propelled artillery.",
    "Kyiv needs more 155mm shells.",
    "Repairs to the 203mm self-propelled howitzers continued.",
    "Troops fired 120mm mortars at the village.",
    "The 240 millimeter rocket launchers were moved.",
    "He carried a .50 calibre rifle.",
    # phone numbers, versions, addresses
    "Call 555-123-4567 for information.",
    "Dial (202) 555-0100 to reach the office.",
    "The hotline is +44 20 7946 0958.",
    "Update to version 3.5.1 now.",
    "The server at 192.168.0.1 went down.",
    "Write to PO Box 69440 in Los Angeles.",
    "The office is at 520 Third Street.",
    # scores and tallies
    "Madrid won 3-1 on Saturday.",
    "The court ruled 5-4 in favour.",
    "Federer won 7-5, 3-6, 7-6.",
    "It was a 2-2 draw.",
    "The Eagles (6-5) host the Giants.",
    # pronoun "one", articles, non-share fractions
    "One of the officials said the talks had failed.",
    "One photo released by the army showed a fence.",
    "One analyst said the deal was fragile.",
    "No one knows what happened.",
    "One day the war will end.",
    "The two nations signed a treaty.",
    "The three men were later released.",
    "A spokesman declined to comment.",
    "The first half was dull.",
    "He scored in the second half.",
    "The other half of the town was spared.",
    "She won a third term in office.",
    "Profits fell in the third quarter.",
    "It was his fourth attempt.",
    "The half-time whistle blew.",
    "They won the doubles match.",
    "He told the story once again.",
    # no numbers at all
    "The minister denied the reports.",
    "Negotiations will resume next week.",
    "Stocks drifted as investors waited.",
    "The officer, who asked not to be named, said the toll would rise.",
    # tables and citations
    "Harvick 5033 4 6 15 26",
    "Binge eating was reduced (5).",
    "The LC 500 Convertible looks similar.",
    "The GTX 1660 Ti is fast.",
    "He lives at 3170 W. County Road.",
    "Don't panic on Day 1 of the course.",
    "13 Kurt Busch 2237 1 0 6 18",
    "Quake coverage, Nov. 19 (updated)",
    # --- more
    "The summit opened on March 3 in Brussels.",
    "Voters went to the polls on Nov. 5.",
    "Shares were suspended at 11:30 a.m.",
    "The Iskander-M and the Kinzhal were fired.",
    "The Airbus A320 landed safely.",
    "The UN adopted Resolution 2758 decades ago.",
    "One of the victims was a child.",
    "The ministry's third report was delayed.",
    "The Su-25 crashed near the border.",
    "The last time prices were this high was in 2008.",
    "Liverpool beat Everton 2-0 at Anfield.",
]


def _got(sentence: str) -> list[dict[str, Any]]:
    return [
        {"text": q.text, "value": q.value, "low": q.low, "high": q.high, "unit": q.unit, "qualifier": q.qualifier,
         "change": q.change, "per": q.per, "vague": q.vague}
        for q in find_quantities(sentence)
    ]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return b == pytest.approx(a, rel=1e-6, abs=1e-9)
    return bool(a == b)


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_sentence(sentence: str, expected: list[dict[str, Any]]) -> None:
    got = _got(sentence)
    assert [g["text"] for g in got] == [e["text"] for e in expected]
    for g, e in zip(got, expected, strict=True):
        bad = {k: (g[k], e[k]) for k in e if not _same(e[k], g[k])}
        assert not bad, f"{e['text']!r}: (got, expected) {bad}"


@pytest.mark.parametrize("sentence", NONE, ids=[s[:60] for s in NONE])
def test_no_quantity(sentence: str) -> None:
    assert [q.text for q in find_quantities(sentence)] == []


# ----------------------------------------------------------------------------- the API


def test_offsets_are_absolute_and_text_is_the_slice() -> None:
    text = "Intro. " + "Officials said about 5,000 troops and $2bn in aid arrived." + " Outro 7 days."
    s0 = text.index("Officials")
    s1 = text.index(" Outro")
    got = find_quantities(text, s0, s1)
    assert [q.text for q in got] == ["about 5,000", "$2bn"]
    for q in got:
        assert s0 <= q.start < q.end <= s1
        assert text[q.start:q.end] == q.text
    assert [q.text for q in find_quantities(text)] == ["about 5,000", "$2bn", "7 days"]


def test_window_does_not_see_outside_context() -> None:
    # "about" lies before the window: the number inside is exact
    text = "about 5,000 troops"
    got = find_quantities(text, 6)
    assert [(q.text, q.qualifier, q.start) for q in got] == [("5,000", "exact", 6)]


def test_sorted_non_overlapping_over_all_cases() -> None:
    text = "\n".join(s for s, _ in CASES) + "\n" + "\n".join(NONE)
    got = find_quantities(text)
    assert len(got) == sum(len(e) for _, e in CASES)
    for a, b in zip(got, got[1:], strict=False):
        assert a.end <= b.start
    for q in got:
        assert text[q.start:q.end] == q.text


def test_invariants_on_random_text() -> None:
    """Random snippets of numbers and number words: spans stay inside the window, sorted, equal to their text."""
    import random

    pieces = ["1", "15,000", "3.5", "-", "–", " to ", " and ", " between ", "$", "€", "%", " percent", " million",
              "bn", "m", " about ", " at least ", " up to ", " nearly ", "half", " a ", " one ", " third", "-thirds",
              " of ", " rose ", " by ", " tripled ", " thousands", " tens of ", "(", ")", ":", "/", ".", ",", " ",
              "\n", "Dec. ", "2024", "Article ", "KN-", "mm ", " shells", " km", " a year", " or more", "'", "+",
              "~", "twenty", "-one", " hundred", " dozen", " in ", " out of ", "fold", " times as", "°C", " won",
              " Rs ", " crore", "p.m.", " min read", "#", "İ"]
    rng = random.Random(7)
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        prev = a
        for q in find_quantities(text, a, b):
            assert a <= q.start < q.end <= b and q.start >= prev
            assert text[q.start:q.end] == q.text
            prev = q.end


def test_empty_and_numberless_text() -> None:
    assert find_quantities("") == []
    assert find_quantities("No figures here at all.") == []
    assert find_quantities("5", 0, 0) == []


def test_lexicon_can_be_extended() -> None:
    plain = QuantityFinder()
    assert [q.unit for q in plain("They rode 8 furlongs.")] == ["count"]
    assert [q.text for q in plain("The Widget 5 sold out.")] == ["5"]
    lex = Lexicon.load({
        "units": {"units": {"furlong": {"words": ["furlongs", "furlong"]}}},
        "not_quantities": {"designators": {"cased": ["Widget"]}},
    })
    custom = QuantityFinder(lex)
    assert [(q.text, q.unit) for q in custom("They rode 8 furlongs.")] == [("8 furlongs", "furlong")]
    assert custom("The Widget 5 sold out.") == []


# ----------------------------------------------------------------------------- number parsing


@pytest.mark.parametrize(
    ("raw", "value", "sig"),
    [("15,000", 15000, 2), ("430", 430, 2), ("572", 572, 3), ("20,000", 20000, 1), ("5.5", 5.5, 2),
     ("5.50", 5.5, 3), ("0.25", 0.25, 2), ("1,234", 1234, 4), ("1,00,000", 100000, 1), ("7", 7, 1)],
)
def test_parse_numeral(raw: str, value: float, sig: int) -> None:
    assert parse_numeral(raw) == (value, sig)


@pytest.mark.parametrize(
    ("text", "value", "fraction"),
    [("five million", 5e6, False), ("two hundred and fifty", 250, False), ("twenty-one", 21, False),
     ("a dozen", 12, False), ("one and a half", 1.5, False), ("two-thirds", 2 / 3, True), ("a quarter", 0.25, True),
     ("three hundred thousand", 300000, False), ("ninety nine", 99, False), ("a hundred and one", 101, False),
     ("fifteen hundred", 1500, False), ("two and a half million", 2.5e6, False)],
)
def test_parse_words(text: str, value: float, fraction: bool) -> None:
    wn = parse_words(text, 0)
    assert wn is not None and wn.end == len(text)
    assert wn.value == pytest.approx(value) and wn.fraction is fraction


def test_parse_words_rejects_lone_article_and_stops_between_numbers() -> None:
    assert parse_words("a cat", 0) is None
    wn = parse_words("one two", 0)
    assert wn is not None and wn.value == 1 and wn.end == 3


@pytest.mark.parametrize(
    ("value", "qual", "sig", "low", "high"),
    [(15000, "approx", 2, 13500, 16500), (430, "approx", 2, 387, 473), (20000, "approx", 1, 17000, 23000),
     (572e6, "approx", 3, 543.4e6, 600.6e6), (1234, "approx", 4, 1209.32, 1258.68),
     (12000, "at_least", 2, 12000, None), (100, "more_than", 1, 100, None), (5.5e9, "up_to", 2, 0, 5.5e9),
     (10, "less_than", 1, 0, 10), (2000, "nearly", 1, 1800, 2000), (7, "exact", 1, 7, 7)],
)
def test_interval(value: float, qual: str, sig: int, low: float, high: float | None) -> None:
    lo, hi = interval(value, qual, sig)
    assert lo == pytest.approx(low)
    assert hi == (None if high is None else pytest.approx(high))


def test_a_word_given_with_its_dollar_value_is_a_local_currency() -> None:
    from claimgraph.extract.quantities import local_currencies

    text = "The relief scheme of 2.4 billion tavens ($61 million) gives each household 1.8 million tavens, or about $45,000."
    found = local_currencies(text)
    assert found == (("TAV", "taven"),)
    qs = find_quantities(text, currencies=found)
    assert [(q.text, q.unit, q.value) for q in qs if q.unit == "TAV"] == [
        ("2.4 billion tavens", "TAV", 2.4e9), ("1.8 million tavens", "TAV", 1.8e6)]
    assert local_currencies("It cost 300 euros ($320) and 12 people ($5 each) came.") == ()


def test_a_sentence_opening_quantifier_is_not_a_product_name() -> None:
    """"Thunderbolt 3 is" names a product; "Another 430 are" and "Only 12 are" count."""
    assert [q.value for q in find_quantities("Another 430 are still waiting for their final pay.")] == [430.0]
    assert [q.value for q in find_quantities("Only 12 are left.")] == [12.0]
    assert find_quantities("Thunderbolt 3 is fast.") == []



@pytest.mark.parametrize("text", ["Torvane Air ordered 25 aircraft, worth about $3 billion.", "300 paintings ($2 billion)",
                                  "12 players, or $80 million", "400 buildings - $30 million of damage",
                                  "10 million masks ($6 million)", "2 million litres ($3 million), then 4 million litres",
                                  "5 percent ($2 a gallon)", "12 million eggs ($4 million)"])
def test_a_count_given_with_a_dollar_sum_is_no_currency(text: str) -> None:
    from claimgraph.extract.quantities import local_currencies

    assert local_currencies(text) == ()
