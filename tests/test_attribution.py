"""Attribution, measure and quote extraction, sentence by sentence.

Every sentence here was written for this project (the people, firms and places are mostly
invented). Each case names the claims to check by their number's text and gives the source
the number is put on (None when unattributed, "reports suggest", or a passive "is believed
to"), the intermediaries it came through (``via``), its measure class and sometimes the head of
what it counts. Source and via names compare leniently, as the shared scorer does:
case-insensitive containment either way, a leading article ignored.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from claimgraph.extract.pipeline import Extractor
from claimgraph.model import Claim, Document, Extraction

ANY: Any = object()  # a field the case does not check


@dataclass(frozen=True)
class A:
    """One expected claim: the number's text, its source, and what else the case checks."""

    num: str
    source: str | None
    measure: Any = ANY
    via: Any = ()
    counted: str | None = None  # a word the counted phrase must contain
    either: bool = False  # the outlet may be the source or the relay ("according to a report by the FT")


def C(text: str, *claims: A, title: str | None = None) -> Any:
    return pytest.param(text, claims, title, id=_ident(title or text))


def X(reason: str, text: str, *claims: A) -> Any:
    """A case the small model parses wrongly in a way no general rule fixes."""
    return pytest.param(text, claims, None, id=_ident(text), marks=pytest.mark.xfail(strict=True, reason=reason))


def _ident(text: str) -> str:
    return re.sub(r"\W+", "_", text[:48]).strip("_")


def norm(name: str | None) -> str:
    s = (name or "").lower().replace("\u2019", "'")
    s = re.sub(r"^(the|an|a)\s+", "", s.strip())
    return re.sub(r"[^a-z0-9 ]+", " ", s).strip()


def same_name(want: str | None, got: str | None) -> bool:
    if not want or not got:
        return not want and not got
    a, b = norm(want), norm(got)
    return bool(a and b and (a in b or b in a))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, title: str | None = None) -> Extraction:
    if title:
        full = f"{title}\n\n{text}"
        doc = Document(id="t", text=full, body=((0, len(title)), (len(title) + 2, len(full))), title=title,
                       published="2024-06-03", title_span=(0, len(title)))
    else:
        doc = Document(id="t", text=text, body=((0, len(text)),), published="2024-06-03")
    return next(extractor([doc]))


def find_claim(claims: tuple[Claim, ...], num: str) -> Claim | None:
    for c in claims:
        if num == c.quantity.text or num in c.quantity.text:
            return c
    return next((c for c in claims if c.quantity.text and c.quantity.text in num), None)


def problems(want: A, got: Claim | None) -> Iterator[str]:
    if got is None:
        yield f"{want.num!r}: no claim"
        return
    a = got.attribution
    name = a.source.name if a.source else None
    if want.either:
        if not (same_name(want.source, name) or any(same_name(want.source, v) for v in a.via)):
            yield f"{want.num!r}: {want.source!r} neither source nor via ({name!r}, {a.via})"
    else:
        if not same_name(want.source, name):
            yield f"{want.num!r}: source {name!r}, want {want.source!r}"
        if want.via is not ANY and (len(want.via) != len(a.via)
                                    or not all(same_name(w, v) for w, v in zip(want.via, a.via, strict=False))):
            yield f"{want.num!r}: via {a.via}, want {want.via}"
    if want.measure is not ANY and got.measure != want.measure:
        yield f"{want.num!r}: measure {got.measure!r}, want {want.measure!r}"
    if want.counted and want.counted.lower() not in (got.counted or "").lower():
        yield f"{want.num!r}: counted {got.counted!r}, want {want.counted!r}"


# ----------------------------------------------------------------------------- claims
CASES = [
    # --- war and security
    # the people a share counts are not its source
    C("Fully 70 percent of drivers said fuel prices were too high.", A("70 percent", None)),
    C("At least 3,000 troops have been deployed to the northern border, the defence ministry said.",
      A("At least 3,000", "defence ministry", "deployed", counted="troops")),
    C("The army said 27 militants were killed in the raid on Tuesday.",
      A("27", "army", "killed", counted="militants")),
    C("Rebel forces captured 140 government soldiers near the town of Mabera, a military spokesman told AFP.",
      A("140", "military spokesman", "captured", via=("AFP",), counted="soldiers")),
    C("According to the United Nations, more than 4,500 civilians have been killed since the fighting began.",
      A("more than 4,500", "United Nations", "killed", counted="civilians")),
    C("Colonel Anton Reyes, the brigade's commander, said 60 of his men were wounded.",
      A("60", "Anton Reyes", "wounded")),
    C("The monitoring group estimated that 1,800 fighters had died in the offensive.",
      A("1,800", "monitoring group", "killed", counted="fighters")),
    C("Some 8,000 mercenaries are fighting alongside government troops, Western intelligence officials believe.",
      A("Some 8,000", "Western intelligence officials", "deployed")),
    C("The enemy lost 45 tanks and 120 armoured vehicles last week, the country's military claimed.",
      A("45", "military", "lost", counted="tanks"), A("120", "military", "lost", counted="vehicles")),
    C("More than 200 missiles were launched at the capital in a single night, the air force said.",
      A("More than 200", "air force", "fired", counted="missiles")),
    C("In a statement, the International Committee of the Red Cross said 900 detainees had been released.",
      A("900", "International Committee of the Red Cross", "released")),
    C("The country will send 2,500 additional peacekeepers to the region, its foreign minister said.",
      A("2,500", "foreign minister", "deployed", counted="peacekeepers")),
    C("Deputy Defence Minister Karin Olsen said the alliance would supply 40 air-defence systems by spring.",
      A("40", "Karin Olsen", "supplied")),
    C("The rocket has a range of about 300 kilometres, according to its manufacturer.",
      A("about 300 kilometres", "manufacturer", "range")),
    X("the sentence splitter breaks the sentence at 'Lt. Col.'",
      "The militia is holding some 250 hostages, army spokesman Lt. Col. Yoav Meron said.",
      A("some 250", "Yoav Meron", "hostages")),
    C("Enemy forces have suffered an estimated 1,500 casualties a day, British defence intelligence said.",
      A("1,500", "British defence intelligence", "casualties")),
    C("The Kremlin said the country produced 4 million artillery shells last year.",
      A("4 million", "Kremlin", "produced", counted="shells")),
    C("The brigade's commander told The Guardian that 30 of his soldiers were missing.",
      A("30", "commander", "missing", via=("Guardian",))),
    C("An estimated 700 soldiers were killed in the battle, reports suggest.",
      A("700", None, "killed")),
    C("Around 20 civilians are believed to have been killed in the shelling.",
      A("Around 20", None, "killed")),
    C("The ceasefire monitors recorded 1,352 violations over the weekend.",
      A("1,352", "ceasefire monitors", "count", counted="violations")),
    C("As Reuters reported on Monday, roughly 600 soldiers have been captured on the eastern front.",
      A("roughly 600", "Reuters", "captured")),
    C("The navy said two of its sailors were killed and 11 were wounded when the frigate was hit.",
      A("two", "navy", "killed"), A("11", "navy", "wounded")),
    C("The ministry's spokesperson said 16 drones had been shot down overnight.",
      A("16", "spokesperson", "destroyed", counted="drones")),
    C("Some 120,000 reservists have been mobilised since January, the general staff said.",
      A("Some 120,000", "general staff", "deployed", counted="reservists")),
    C("The Washington Post, citing U.S. officials, reported that 300 special forces troops had been sent to the "
      "region.", A("300", "U.S. officials", "deployed", via=("Washington Post",))),
    C("Two people were killed in the strike on the port, regional governor Ihor Tkach said on Telegram.",
      A("Two", "Ihor Tkach", "killed")),
    C("The coalition's estimate put the number of dead at 2,400.",
      A("2,400", "coalition", "killed")),
    C("By the army's own count, 85 soldiers have deserted since the spring.",
      A("85", "army")),
    C("Intelligence officials estimate that the militia has between 5,000 and 7,000 fighters.",
      A("between 5,000 and 7,000", "Intelligence officials", counted="fighters")),
    C("The rebels have shot down 14 helicopters since 2022, the group's leader claimed in a video.",
      A("14", "leader", "destroyed", counted="helicopters")),
    C("About 450 soldiers were taken prisoner, according to a statement from the defence ministry.",
      A("About 450", "defence ministry", "captured")),
    C("A senior military official, who spoke on condition of anonymity, said 19 soldiers were injured.",
      A("19", "senior military official", "wounded")),
    C("The alliance has delivered 1.1 million rounds of ammunition this year, NATO Secretary General Mark "
      "Holm told reporters.", A("1.1 million", "Mark Holm", "supplied")),
    C("Military analysts at the Dover Institute said the new missile could travel up to 2,000 kilometres.",
      A("up to 2,000 kilometres", "Military analysts", "range")),
    C("Fighting in the province has killed at least 82 people this week, the local health department said.",
      A("at least 82", "health department", "killed")),

    # --- disasters
    C("The earthquake killed at least 2,100 people, the national disaster agency said on Sunday.",
      A("at least 2,100", "national disaster agency", "killed", counted="people")),
    C("Flooding has displaced more than 40,000 residents, according to the provincial government.",
      A("more than 40,000", "provincial government", "displaced", counted="residents")),
    C("About 150 people remain missing after the landslide, local police told the Associated Press.",
      A("About 150", "local police", "missing", via=("Associated Press",))),
    C("The storm caused an estimated $4.5 billion in damage, the insurer Marlow Re estimated.",
      A("$4.5 billion", "Marlow Re", "damage")),
    C("Firefighters said the blaze had destroyed 1,200 homes.",
      A("1,200", "Firefighters", "destroyed", counted="homes")),
    C("Rescuers saved 57 people trapped under the rubble, the civil defence said.",
      A("57", "civil defence", "rescued")),
    C("More than 300 people were injured in the blast, hospital officials said.",
      A("More than 300", "hospital officials", "wounded")),
    C("The death toll from the cyclone has risen to 412, the prime minister's office said.",
      A("412", "prime minister's office", "killed", counted="toll")),
    C("Nearly 90 percent of the town's buildings were damaged, a UN assessment found.",
      A("Nearly 90 percent", "UN assessment", "share", counted="buildings")),
    C("The wildfire has burned 52,000 hectares of forest, the forestry service said.",
      A("52,000 hectares", "forestry service", "burned")),
    C("The eruption forced the evacuation of 14,000 villagers, the geological institute said.",
      A("14,000", "geological institute", "displaced", counted="villagers")),
    C("At least 19 climbers died on the mountain this season, the tourism department said.",
      A("At least 19", "tourism department", "killed", counted="climbers")),
    C("Health authorities estimated that the heatwave caused 1,400 excess deaths.",
      A("1,400", "Health authorities", "killed", counted="deaths")),
    C("Some 3,500 aftershocks have been recorded since the main quake, seismologists reported.",
      A("Some 3,500", "seismologists", "count", counted="aftershocks")),
    C("The insurer put insured losses at $12 billion.",
      A("$12 billion", "insurer", "lost")),
    C("Authorities said 87 bodies had been recovered from the river.",
      A("87", "Authorities", "killed", counted="bodies")),
    C("In a statement, the Red Crescent said its teams had distributed 25,000 food parcels.",
      A("25,000", "Red Crescent", "supplied", counted="parcels")),
    C("The floods have affected 3 million people across the delta, the UN humanitarian office said.",
      A("3 million", "UN humanitarian office", "affected")),
    C("The avalanche buried 11 skiers, police spokeswoman Maria Lindqvist told the broadcaster SVT.",
      A("11", "Maria Lindqvist", via=("SVT",))),
    C("The typhoon left 120,000 people homeless, according to the country's disaster agency.",
      A("120,000", "disaster agency", "displaced")),
    C("Some 2,000 houses were damaged by the tornado, Governor Ruth Adler told a news conference.",
      A("Some 2,000", "Ruth Adler", "damaged", counted="houses")),
    C("Officials fear the number of dead could exceed 5,000.",
      A("5,000", "Officials", "killed")),
    C("More than 1,000 people have been evacuated from villages near the volcano, civil protection chief "
      "Luca Ferri said.", A("More than 1,000", "Luca Ferri", "displaced")),
    C("The landslide injured 23 workers at the mine, the company said in a statement.",
      A("23", "company", "wounded", counted="workers")),
    C("The ferry was carrying 312 passengers when it capsized, the coast guard said, adding that 40 were "
      "still missing.", A("312", "coast guard"), A("40", "coast guard", "missing")),
    C("Power was cut to 1.4 million homes, the grid operator said.",
      A("1.4 million", "grid operator", counted="homes")),
    C("Reconstruction will cost about $30 billion, the World Bank estimates.",
      A("about $30 billion", "World Bank", "cost")),
    C("The mudslide killed nine people, among them four children, police said.",
      A("nine", "police", "killed")),
    C("Drought has left 4.5 million people in need of food aid, aid agencies warned.",
      A("4.5 million", "aid agencies")),

    # --- elections and politics
    C("The ruling party won 212 of the 400 seats, the electoral commission said.",
      A("212", "electoral commission", "seats")),
    # a percentage level is a share whatever it measures (the pipeline's rule); the counted head tells them apart
    C("Turnout was 64 percent, according to the central election commission.",
      A("64 percent", "central election commission", "turnout", counted="Turnout")),
    C("Candidate Elena Moreau received 8.4 million votes, official results showed.",
      A("8.4 million", "official results", "votes")),
    C("A poll by Ipsos for Le Monde put the president's approval rating at 31 percent.",
      A("31 percent", "Ipsos", via=ANY)),
    C("The opposition says at least 40,000 ballots were destroyed before the count.",
      A("at least 40,000", "opposition", "destroyed", counted="ballots")),
    C("Election officials reported 2,300 complaints of irregularities.",
      A("2,300", "Election officials", "count", counted="complaints")),
    C("The governor's campaign said it had raised $18 million in the second quarter.",
      A("$18 million", "governor's campaign", "raised")),
    C("Nearly 70 percent of registered voters cast ballots, the commission said.",
      A("Nearly 70 percent", "commission", "share", counted="voters")),
    C("The senator's campaign spent $4.2 million on television advertising, filings show.",
      A("$4.2 million", "filings", "spent")),
    C("Mr. Okafor won by 12,000 votes, the returning officer announced.",
      A("12,000", "returning officer", "votes")),
    C("The incumbent mayor took 54 percent of the vote, local media reported.",
      A("54 percent", "local media", "share")),
    C("Some 1.5 million postal ballots are still uncounted, the secretary of state's office said.",
      A("Some 1.5 million", "secretary of state's office", counted="ballots")),
    C("The party expects to win around 150 seats, its general secretary told the Financial Times.",
      A("around 150", "general secretary", "seats", via=("Financial Times",))),
    C("Some 3.2 million votes were counted by midnight, said Karim Haddad, the commission's chairman.",
      A("Some 3.2 million", "Karim Haddad", "votes")),
    C("The parliament approved a budget of $48 billion, the speaker's office said.",
      A("$48 billion", "speaker's office", "budget")),
    C("Women hold 28 percent of the seats in the new chamber, the Inter-Parliamentary Union said.",
      A("28 percent", "Inter-Parliamentary Union", "share")),
    C("About 11,000 protesters gathered outside parliament, police estimated.",
      A("About 11,000", "police", counted="protesters")),
    C("Organisers put the crowd at 60,000.",
      A("60,000", "Organisers", counted="crowd")),
    C("The referendum passed with 58.3 percent of the vote, state television reported.",
      A("58.3 percent", "state television", "share")),
    C("Independent candidates collected 1.9 million signatures, their spokesperson said.",
      A("1.9 million", "spokesperson", counted="signatures")),
    C("The president pledged $500 million for rural roads during the rally.",  # who pledges a sum states it
      A("$500 million", "president", "pledged")),
    C("The governing coalition lost 37 seats, according to preliminary results.",
      A("37", "preliminary results", "seats")),

    # --- markets, business, economy
    C("Shares of Norvik Motors fell 8 percent on Thursday after the company cut its forecast.",
      A("8 percent", None, "price", counted="Shares")),
    C("The company reported net income of $1.3 billion for the quarter.",
      A("$1.3 billion", "company", "earned")),
    C("Halden Foods said it would cut 1,200 jobs, about 6 percent of its workforce.",
      A("1,200", "Halden Foods", "cut", counted="jobs"), A("about 6 percent", "Halden Foods", "share")),
    C("The central bank raised its key interest rate to 5.25 percent, the highest in 16 years.",
      A("5.25 percent", None, "rate", counted="rate")),
    C("Inflation slowed to 2.9 percent in March, the statistics office said.",
      A("2.9 percent", "statistics office", "inflation", counted="Inflation")),
    C("Unemployment rose to 4.1 percent in May, the Labor Department reported.",
      A("4.1 percent", "Labor Department", "unemployment", counted="Unemployment")),
    C("Revenue climbed 14 percent to $8.6 billion, the company said in a statement.",
      A("14 percent", "company", "earned"), A("$8.6 billion", "company", "earned")),
    C("Analysts polled by Reuters expected earnings of $2.15 a share.",
      A("$2.15", "Analysts", "earned", via=("Reuters",))),
    X("the parser reads 'Bloomberg forecast growth' as one noun phrase",
      "Economists surveyed by Bloomberg forecast growth of 1.8 percent this year.",
      A("1.8 percent", "Economists", "growth", via=("Bloomberg",))),
    C("The deal values the startup at $4 billion, people familiar with the matter said.",
      A("$4 billion", "people familiar with the matter", "valuation")),
    C("Oil prices jumped 4 percent to $91 a barrel.",
      A("4 percent", None, "price"), A("$91", None, "price")),
    C("The automaker sold 2.3 million vehicles last year, according to company figures.",
      A("2.3 million", "company figures", "sold", counted="vehicles")),
    C("Brightwell Pharma agreed to pay $650 million to settle the lawsuits, court filings show.",
      A("$650 million", "court filings", "paid")),
    C("Chief Executive Lena Brandt told investors the group would invest €2 billion in new plants by 2027.",
      A("€2 billion", "Lena Brandt", "invested")),
    C("The firm's spokesperson said it had shipped 40,000 units in the first week.",
      A("40,000", "spokesperson", "supplied", counted="units")),
    C("The government borrowed £14 billion in October, the Office for National Statistics said.",
      A("£14 billion", "Office for National Statistics", "borrowed")),
    C("Customs data showed that soybean exports reached 9.8 million tonnes.",
      A("9.8 million tonnes", "Customs data", "supplied")),
    C("The bank earned $3.1 billion in trading fees, its finance chief said.",
      A("$3.1 billion", "finance chief", "earned")),
    C("The company said it expected to earn between $4.10 and $4.30 per share this year.",
      A("between $4.10 and $4.30", "company", "earned")),
    C("Salaries for junior doctors will rise by 22 percent over two years, the health secretary announced.",
      A("22 percent", "health secretary", "change")),
    C("Investors pulled $5.4 billion from bond funds in the week, data from EPFR showed.",
      A("$5.4 billion", "EPFR")),
    C("The airline carried 68 million passengers in 2023, its annual report said.",
      A("68 million", "annual report", counted="passengers")),
    C("The chipmaker will spend $20 billion on a new factory in Ohio, Governor Tom Lake said.",
      A("$20 billion", "Tom Lake", "spent")),
    C("The retailer plans to lay off 900 workers, according to a memo seen by Bloomberg.",
      A("900", "memo", "laid_off", via=("Bloomberg",))),
    C("Global shipments of smartphones fell to 289 million units in the quarter, research firm IDC said.",
      A("289 million", "IDC", "supplied")),
    C("The brewer employs 18,000 people in 40 countries, a company spokeswoman said.",
      A("18,000", "company spokeswoman", "employed")),
    C("The takeover is worth about $7.5 billion, the Wall Street Journal reported, citing people familiar with "
      "the talks.", A("about $7.5 billion", "people familiar", via=("Wall Street Journal",))),
    C("Carmaker Veltro recalled 310,000 cars over faulty airbags, the safety regulator said.",
      A("310,000", "safety regulator", "recalled", counted="cars")),
    C("The economy grew 0.4 percent in the third quarter, according to official estimates.",
      A("0.4 percent", "official estimates", "change")),
    C("The firm paid its chief executive $22 million last year, a regulatory filing showed.",
      A("$22 million", "regulatory filing", "paid")),
    C("Home prices rose 6.2 percent from a year earlier, the Case-Shiller index showed.",
      A("6.2 percent", "Case-Shiller index", "price")),
    C("The company's market value topped $3 trillion for the first time.",
      A("$3 trillion", None, counted="value")),
    C("Pension funds hold about 40 percent of the bonds, Moody's said in a report.",
      A("about 40 percent", "Moody's", "share")),
    C("Government debt reached 112 percent of GDP, the finance ministry said.",
      A("112 percent", "finance ministry", "share", counted="debt")),
    C("The merger would create a group with annual sales of about $30 billion, the two companies said.",
      A("about $30 billion", "two companies", "sold")),

    # --- health
    C("The health ministry reported 1,450 new cases of cholera in the past week.",
      A("1,450", "health ministry", "cases", counted="cases")),
    C("At least 36 people have died from the virus, the World Health Organization said.",
      A("At least 36", "World Health Organization", "killed")),
    C("More than 2 million children have been vaccinated against measles, UNICEF said.",
      A("More than 2 million", "UNICEF", "vaccinated", counted="children")),
    C("An estimated 38 million people live with HIV worldwide, according to UNAIDS.",
      A("38 million", "UNAIDS", counted="people")),
    C("Researchers at the University of Melbourne found that 18 percent of participants developed symptoms.",
      A("18 percent", "Researchers", "share", counted="participants")),
    C("Health officials confirmed 12 more deaths, bringing the toll to 94.",
      A("12", "Health officials", "killed"), A("94", "Health officials", "killed")),
    C("Dr. Amina Yusuf, an epidemiologist at the city's university, estimated that 60,000 infections went "
      "unreported.", A("60,000", "Amina Yusuf", "cases", counted="infections")),
    C("About one in five adults is obese, a government survey found.",
      A("one in five", "government survey", "share")),
    C("The outbreak has infected 2,700 people in the south, the disease control centre said.",
      A("2,700", "disease control centre", "infected")),
    C("Spending on the health service will reach £190 billion next year, the chancellor said.",
      A("£190 billion", "chancellor", "spent")),
    C("Hospitals treated 4,100 patients for heatstroke over the weekend, the health agency said.",
      A("4,100", "health agency", counted="patients")),
    C("The vaccine was 91 percent effective in preventing severe illness, the manufacturer said.",
      A("91 percent", "manufacturer", "share")),
    C("Nearly 400 people were hospitalised after eating contaminated oysters, food safety officials said.",
      A("Nearly 400", "food safety officials", "wounded")),
    C("The WHO estimates that malaria killed 608,000 people in 2022.",
      A("608,000", "WHO", "killed")),
    C("Some 4,000 nurses have left the profession this year, the nurses' union said.",
      A("Some 4,000", "union", counted="nurses")),
    C("The trial enrolled 5,200 patients in 12 countries, the drugmaker said.",
      A("5,200", "drugmaker", counted="patients")),
    C("Measles cases rose to 1,280, the highest in a decade, the Centers for Disease Control and Prevention "
      "said.", A("1,280", "Centers for Disease Control and Prevention", "cases")),
    C("The hospital's medical director said 14 of the patients were in intensive care.",
      A("14", "medical director")),

    # --- crime and justice
    C("Police arrested 43 people after clashes outside the stadium, a police spokesman said.",
      A("43", "police spokesman", "arrested")),
    C("Prosecutors say the gang laundered more than $200 million over a decade.",
      A("more than $200 million", "Prosecutors")),
    C("The fraud cost investors an estimated £85 million, the Serious Fraud Office said.",
      A("£85 million", "Serious Fraud Office", "cost")),
    C("Customs officers seized 2.1 tonnes of cocaine hidden in fruit crates, the interior ministry said.",
      A("2.1 tonnes", "interior ministry", "seized")),
    C("Shootings fell 18 percent last year, according to police data.",
      A("18 percent", "police data", "change")),
    C("The company was fined €45 million by regulators, the European Commission said.",
      A("€45 million", "European Commission", "fine")),
    C("Officers recovered 1,200 stolen phones in the raids, Detective Inspector Sarah Cole told the BBC.",
      A("1,200", "Sarah Cole", "seized", via=("BBC",), counted="phones")),
    C("The hackers demanded a ransom of $4 million, according to a report by Bloomberg.",
      A("$4 million", "Bloomberg", either=True)),
    C("Murders in the city dropped to 310, the lowest in a decade, the police commissioner said.",
      A("310", "police commissioner", "killed", counted="Murders")),
    C("As many as 500 people may have been trafficked through the network, investigators said.",
      A("As many as 500", "investigators")),
    C("Europol said 2,300 suspects had been arrested across the continent.",
      A("2,300", "Europol", "arrested", counted="suspects")),
    C("The court ordered the bank to pay $1.2 billion in damages, the plaintiffs' lawyer said.",
      A("$1.2 billion", "lawyer")),
    C("Thieves stole paintings worth about €9 million, the museum's director told Le Monde.",
      A("about €9 million", "director", via=("Le Monde",))),
    C("Investigators believe at least 30 victims were defrauded.",
      A("at least 30", "Investigators", counted="victims")),
    C("Three suspects were charged over the attack, the attorney general's office said.",
      A("Three", "attorney general's office", "charged")),
    C("Some 6,000 inmates are held in a prison built for 2,000, a human rights group said.",
      A("Some 6,000", "human rights group", counted="inmates")),
    C("The scheme defrauded pensioners of £3 million, the prosecutor told the court.",
      A("£3 million", "prosecutor")),
    C("Police said 17 officers were injured during the protest.",
      A("17", "Police", "wounded", counted="officers")),

    # --- climate and energy
    C("Global emissions rose 1.1 percent in 2023, according to the Global Carbon Project.",
      A("1.1 percent", "Global Carbon Project", "change")),
    C("The country pledged $3 billion to the climate fund, its environment minister said.",
      A("$3 billion", "environment minister", "pledged")),
    C("Scientists estimate that sea levels could rise by up to 1 metre by 2100.",
      A("up to 1 metre", "Scientists", "change")),
    C("Renewables supplied 30 percent of the world's electricity last year, the think tank Ember said.",
      A("30 percent", "Ember", "share")),
    C("The drought has cost farmers an estimated $2.4 billion, the agriculture department said.",
      A("$2.4 billion", "agriculture department", "cost")),
    C("Coal output reached 4.7 billion tonnes, the national energy administration said.",
      A("4.7 billion tonnes", "national energy administration", "produced")),
    C("Deforestation in the Amazon fell 22 percent, the space research institute said.",
      A("22 percent", "space research institute", "change")),
    C("The bloc installed 56 gigawatts of solar capacity last year, the industry group SolarPower Europe said.",
      A("56 gigawatts", "SolarPower Europe", "capacity")),
    C("The glacier has lost 40 percent of its volume since 1980, Swiss researchers reported.",
      A("40 percent", "Swiss researchers", "share")),
    C("Wind farms produced 82 terawatt hours of electricity, the grid operator said.",
      A("82 terawatt hours", "grid operator", "produced")),
    C("Rich countries provided $115.9 billion in climate finance in 2022, the OECD said.",
      A("$115.9 billion", "OECD", "pledged")),
    C("The heat dome pushed temperatures to 49.6C, the national weather service said.",
      A("49.6C", "national weather service")),
    C("Some 1,200 hectares of mangroves were planted this year, the environment agency said.",
      A("1,200 hectares", "environment agency", counted="mangroves")),

    # --- sport
    C("The club paid a record £115 million for the midfielder, the BBC reported.",
      A("£115 million", "BBC", "paid")),
    C("More than 80,000 fans attended the final, the organisers said.",
      A("More than 80,000", "organisers", "attended", counted="fans")),
    C("The tournament generated €1.2 billion in revenue, UEFA said.",
      A("€1.2 billion", "UEFA", "earned")),
    C("The organising committee sold 9.7 million tickets, a spokesperson for the committee said.",
      A("9.7 million", "spokesperson", "sold", counted="tickets")),
    C("The marathon drew 45,000 runners, race director Paul Kimani said.",
      A("45,000", "Paul Kimani", counted="runners")),
    C("The league's new broadcast deal is worth $2.1 billion a year, according to Sky News.",
      A("$2.1 billion", "Sky News")),
    C("The stadium will cost $1.9 billion to build, the team's owner told ESPN.",
      A("$1.9 billion", "owner", "cost", via=("ESPN",))),
    C("Ticket prices have risen 35 percent since 2019, a fan group said.",
      A("35 percent", "fan group", "price")),
    C("The federation suspended 12 athletes for doping, its president said.",
      A("12", "president", counted="athletes")),
    C("Viewers watched 4.1 billion hours of the games online, the broadcaster said.",
      A("4.1 billion", "broadcaster")),

    # --- migration
    C("More than 60,000 migrants crossed the Mediterranean in the first half of the year, the UN refugee agency "
      "said.", A("More than 60,000", "UN refugee agency", "arrived", counted="migrants")),
    C("Border agents apprehended 190,000 people at the southern border in March, Customs and Border Protection "
      "said.", A("190,000", "Customs and Border Protection", "arrested")),
    C("About 6 million refugees have fled the country, according to UNHCR.",
      A("About 6 million", "UNHCR", "displaced", counted="refugees")),
    C("The boat was carrying around 400 people when it sank, survivors told Save the Children.",
      A("around 400", "survivors", via=("Save the Children",))),
    C("The government deported 11,500 people last year, the Home Office said.",
      A("11,500", "Home Office", "deported")),
    C("At least 41 migrants drowned off the coast of Libya, the International Organization for Migration "
      "said.", A("At least 41", "International Organization for Migration", "killed", counted="migrants")),
    C("Some 2,000 asylum seekers are sleeping rough in the capital, charities estimate.",
      A("Some 2,000", "charities", counted="asylum seekers")),
    C("Asylum applications jumped 28 percent to 1.1 million, the EU asylum agency reported.",
      A("28 percent", "EU asylum agency", "change"), A("1.1 million", "EU asylum agency")),
    C("Nearly 3,000 people arrived on the islands in a single week, the coast guard said.",
      A("Nearly 3,000", "coast guard", "arrived")),
    C("The minister said 8,400 people had been resettled from camps in Jordan.",
      A("8,400", "minister", "resettled")),
    C("The number of internally displaced people has reached 7.1 million, the International Organization for "
      "Migration estimates.", A("7.1 million", "International Organization for Migration", "displaced")),

    # --- forms: "said X", titles, spokespersons, possessives
    C("Ninety-two people were rescued from the collapsed building, said Maria Lopez, a spokeswoman for the fire "
      "service.", A("Ninety-two", "Maria Lopez", "rescued")),
    C("\"We expect 5,000 more troops by summer,\" said General Tomas Varga.",
      A("5,000", "Tomas Varga", "deployed")),
    C("Deputy Press Secretary Alicia Moreno said the department had approved $600 million in new aid.",
      A("$600 million", "Alicia Moreno", "pledged")),
    C("Foreign Minister Jonas Lind told parliament that 73 citizens had been evacuated.",
      A("73", "Jonas Lind", "displaced")),
    C("Prime Minister Aiko Tanaka announced 200 billion yen in relief spending.",
      A("200 billion yen", "Aiko Tanaka", "spent")),
    C("The mayor's spokesman said 600 city workers had been sent to clear debris.",
      A("600", "mayor's spokesman", "deployed")),
    C("A spokeswoman for the ministry said 35 schools had been closed.",
      A("35", "spokeswoman", counted="schools")),
    C("The agency's director general, Helena Marsh, said about 1,000 staff would be hired.",
      A("about 1,000", "Helena Marsh", "employed")),
    C("UN Secretary-General Antonio Reyes said 2.2 million people faced famine.",
      A("2.2 million", "Antonio Reyes")),
    C("The central bank governor estimated the cost of the bailout at $9 billion.",
      A("$9 billion", "central bank governor", "cost")),
    C("The union's estimate is that 45,000 workers joined the strike.",
      A("45,000", "union")),
    C("Analysts estimate the company's losses at $800 million.",
      A("$800 million", "Analysts", "lost")),
    C("The report, published by the World Food Programme, said 12 million people faced acute hunger.",
      A("12 million", "World Food Programme", via=ANY)),
    C("A report by Amnesty International said 43 protesters were killed by security forces.",
      A("43", "Amnesty International", "killed", via=ANY)),

    # --- forms: relays and intermediaries
    C("Senior officials told the New York Times that roughly 900 soldiers had been wounded.",
      A("roughly 900", "Senior officials", "wounded", via=("New York Times",))),
    C("The Wall Street Journal quoted analysts who said the plant could produce 200 drones a month.",
      A("200", "analysts", "produced", via=("Wall Street Journal",))),
    C("A diplomat told Reuters that the convoy carried 70 tonnes of medical supplies.",
      A("70 tonnes", "diplomat", via=("Reuters",))),
    C("According to a report by the Financial Times, the fund lost $2 billion in a week.",
      A("$2 billion", "Financial Times", "lost", either=True)),
    C("The BBC, citing local officials, said 44 people had died in the floods.",
      A("44", "local officials", "killed", via=("BBC",))),
    X("the tagger reads the sentence-initial 'Kommersant' as an adjective",
      "Kommersant, citing a source in the ministry, reported that 1,500 contracts had been signed.",
      A("1,500", None, via=("Kommersant",))),
    C("Two officials told Politico that the package would include 50 armoured vehicles.",
      A("50", "Two officials", via=("Politico",))),
    C("Al Jazeera reported that 16 people were killed in the attack on the market.",
      A("16", "Al Jazeera", "killed")),
    C("Residents told the Associated Press that 30 houses were burned.",
      A("30", "Residents", via=("Associated Press",))),
    C("Bloomberg, citing people familiar with the plans, reported that the bank would cut 5,000 jobs.",
      A("5,000", "people familiar", "cut", via=("Bloomberg",))),
    C("The newspaper quoted a senior commander who said 250 soldiers had been killed.",
      A("250", "senior commander", "killed", via=("newspaper",))),
    C("A spokesman for the coalition told the BBC that 38 fighters were captured.",
      A("38", "spokesman", "captured", via=("BBC",))),

    # --- forms: unattributed and hedged
    C("Reports suggest that as many as 3,000 soldiers have deserted.",
      A("as many as 3,000", None)),
    C("The company is estimated to have lost $1.4 billion on the project.",
      A("$1.4 billion", None, "lost")),
    C("About 1,000 fighters are thought to remain in the city.",
      A("About 1,000", None)),
    C("Around 70,000 people are believed to have fled the fighting.",
      A("Around 70,000", None, "displaced")),
    C("At least 14 people were killed in the collision on Saturday.",
      A("At least 14", None, "killed")),
    C("The bridge collapse killed 6 people and injured 31.",
      A("6", None, "killed"), A("31", None, "wounded")),
    C("Up to 10,000 people are said to have been detained.",
      A("Up to 10,000", None, "captured")),
    C("It is estimated that 2 million tonnes of grain were exported through the port.",
      A("2 million tonnes", None, "supplied")),
    C("The army reportedly lost 30 tanks in the assault.",
      A("30", None, "lost")),
    C("Sources say around 500 guards were dismissed.",
      A("around 500", None)),

    # --- forms: continuation and pronouns across sentences
    C("The relief agency said 120 people were killed in the floods. It added that 300 were injured.",
      A("120", "relief agency", "killed"), A("300", "relief agency", "wounded")),
    C("The defence ministry said 40 drones were shot down. Added to that, 12 missiles were intercepted.",
      A("40", "defence ministry"), A("12", "defence ministry")),
    C("Fire chief Dana Ortiz spoke at a briefing on Friday. She said 23 firefighters were injured.",
      A("23", "Dana Ortiz", "wounded")),
    C("Economy Minister Pavel Novak presented the budget on Monday. He said spending would rise to $412 "
      "billion.", A("$412 billion", "Pavel Novak", "spent")),
    C("Nurses at three hospitals walked out on Tuesday. Union leader Grace Obi said 9,000 members had joined.",
      A("9,000", "Grace Obi")),
    C("The coast guard said it had rescued 85 migrants. The agency also said 12 were missing.",
      A("85", "coast guard", "rescued"), A("12", "agency", "missing")),
    C("Minister Ana Ruiz visited the flooded town. According to her, 4,000 homes were damaged.",
      A("4,000", "Ana Ruiz", "damaged")),
    C("Officials in the province said 60 people had been arrested. They also said 15 police officers were "
      "hurt.", A("60", "Officials", "arrested"), A("15", "Officials", "wounded")),
    C("A survey by the Hallam Trust found that 44 percent of respondents had skipped meals. Moreover, 12 percent "
      "had sold belongings.", A("44 percent", "Hallam Trust", "share"), A("12 percent", "Hallam Trust", "share")),
    C("The interior ministry said 19 people were killed in the storm. A further 70 were injured, the ministry "
      "added.", A("19", "interior ministry", "killed"), A("70", "ministry", "wounded")),

    # --- a second batch, written after the fixes above (held out from them)
    C("Police in the capital said 212 people had been detained during the overnight protests.",
      A("212", "Police", "captured")),
    C("Roughly 1,900 homes were flattened by the cyclone, the relief agency CARE said on Friday.",
      A("Roughly 1,900", "CARE", "destroyed")),
    C("The storm dumped up to 400 millimetres of rain in 24 hours, the meteorological office said.",
      A("up to 400 millimetres", "meteorological office")),
    C("Government troops retook 35 villages in the offensive, the army's spokesman told state radio.",
      A("35", "spokesman", via=("state radio",), counted="villages")),
    C("The refinery processes 540,000 barrels of oil a day, according to its operator.",
      A("540,000 barrels", "operator")),
    C("Lawmakers approved $95 billion in foreign aid late on Saturday.",
      A("$95 billion", None, "pledged")),
    C("The outbreak has killed 1,204 people since March, according to figures from the health ministry.",
      A("1,204", "health ministry", "killed")),
    C("Officials at the port said 3,400 containers were stranded by the strike.",
      A("3,400", "Officials", counted="containers")),
    C("The bank expects to book a charge of about $1 billion, its chief financial officer told analysts on a "
      "call.", A("about $1 billion", "chief financial officer")),
    C("Some 45 percent of the electorate backed the proposal, the election authority said.",
      A("Some 45 percent", "election authority", "share")),
    C("A Defence Ministry statement said 9 soldiers were killed and 14 wounded in the clash.",
      A("9", "Defence Ministry", "killed"), A("14", "Defence Ministry", "wounded")),
    C("Israel's military said it had struck more than 150 targets overnight.",
      A("more than 150", "military", counted="targets")),
    X("the recogniser misses 'Save the Children' and the parser reads 'Save' as a verb",
      "The charity Save the Children estimated that 1.2 million children were out of school.",
      A("1.2 million", "Save the Children")),
    C("According to the Ministry of Health, 43 people have died of heatstroke this week.",
      A("43", "Ministry of Health", "killed")),
    C("The firm's chief executive, Jana Kowalski, said it would hire 2,000 engineers next year.",
      A("2,000", "Jana Kowalski", "employed", counted="engineers")),
    C("Some 60 vessels are waiting to pass through the canal, shipping data showed.",
      A("Some 60", "shipping data", counted="vessels")),
    C("Investigators recovered 71 bodies from the wreckage, the aviation authority said.",
      A("71", "aviation authority", "killed")),
    C("The government has spent 4.8 billion euros on energy subsidies, the court of auditors found.",
      A("4.8 billion euros", "court of auditors", "spent")),
    C("Activists said at least 27 protesters had been killed by security forces, a figure the government "
      "disputes.", A("at least 27", "Activists", "killed")),
    C("The ministry's figures show that 18,500 teachers left the profession last year.",
      A("18,500", "ministry's figures", counted="teachers")),
    C("Turkish media reported that 16 people were arrested in connection with the fire.",
      A("16", "Turkish media", "arrested")),
    C("The hurricane caused an estimated $50 billion in insured losses, according to a report from the broker "
      "Aon.", A("$50 billion", "Aon", "lost")),
    C("The ministry said in a statement that 1,300 tonnes of aid had been delivered to the region.",
      A("1,300 tonnes", "ministry", "supplied")),
    C("The dam holds back 3 billion cubic metres of water, engineers said.",
      A("3 billion", "engineers")),
    C("Some 40,000 people took part in the march, organisers said, while police put the figure at 15,000.",
      A("Some 40,000", "organisers"), A("15,000", "police")),
    C("The blaze destroyed 300 hectares of vineyards, local officials told France Info.",
      A("300 hectares", "local officials", "destroyed", via=("France Info",))),
    C("Hospitals in the region are treating 230 wounded, a health official told Al Jazeera.",
      A("230", "health official", "wounded", via=("Al Jazeera",))),
    C("The agency also said that 5,600 people had been evacuated from the coast.",
      A("5,600", "agency", "displaced")),
    C("The EU will provide 500 million euros for reconstruction, Commission President Clara Weiss announced.",
      A("500 million euros", "Clara Weiss", "pledged")),
    C("About 2,000 people are estimated to have been killed in the earthquake.",
      A("About 2,000", None, "killed")),

    # --- a third batch, held out as well
    C("Deputy Pentagon Press Secretary Mara Lindholm said roughly 2,000 troops would be withdrawn.",
      A("roughly 2,000", "Mara Lindholm", counted="troops")),
    C("U.S. Transportation Secretary Paul Ibsen told CNBC that 1,700 flights had been cancelled.",
      A("1,700", "Paul Ibsen", via=("CNBC",), counted="flights")),
    C("The fire service said 64 firefighters were at the scene. Three of them were injured, it added.",
      A("64", "fire service"), A("Three", "fire service", "wounded")),
    C("Lt. Gen. Hana Oduya, the mission's commander, said 14 peacekeepers had been wounded.",
      A("14", "Hana Oduya", "wounded")),
    C("At least 8 people died after a bus plunged into a ravine, the regional governor's office said on its "
      "website.", A("At least 8", "governor's office", "killed")),
    C("Russia's defence ministry said its air defences had downed 37 drones over the Belgorod region.",
      A("37", "defence ministry", "destroyed", counted="drones")),
    C("The opposition claimed that 300,000 people joined the rally, though police said there were 40,000.",
      A("300,000", "opposition"), A("40,000", "police")),
    C("A UN spokesperson, Stephane Ruiz, said the agency had delivered 120 trucks of food aid.",
      A("120", "Stephane Ruiz", "supplied", counted="trucks")),
    C("The airline's chief executive said it would buy 150 new aircraft over the next decade.",
      A("150", "chief executive", "bought", counted="aircraft")),
    C("The number of people killed in the floods has climbed to 77, state broadcaster NHK reported.",
      A("77", "NHK", "killed")),
    # --- headlines
    C("Officials said the quake struck at dawn.", A("300", "officials", "killed"),
      title="Quake kills 300 in remote province, officials say"),
    C("The company announced the cuts on Tuesday.", A("5,000", None, "cut"),
      title="Veltro to cut 5,000 jobs"),
    C("The flooding continued overnight.", A("12,000", None, "displaced"),
      title="Floods force 12,000 from their homes"),
    C("The ministry gave the figure in a statement.", A("40", "ministry", "killed"),
      title="Ministry says 40 killed in border clash"),
    C("Rescue teams worked through the night.", A("23", None, "killed"),
      title="Flash floods leave 23 dead in mountain towns"),
    C("The company declined to comment.", A("2,000", None, "cut"),
      title="Rivaton to cut 2,000 jobs, sources say"),
    # this round: datelines, a noun's own report, passive agents, headlines, owners, mid-sentence tags
    C("BRENNICK, Caddow Island — Witnesses said the roof gave way less than 15 minutes after the alarm.",
      A("less than 15 minutes", "Witnesses")),
    C("ASKELBY, Feb 11 (Reuters) - The cabinet said it would set up a grant scheme of $37 million.",
      A("$37 million", "cabinet")),
    C("The district office has identified 58 patients who died, up from the 51 reported by the coroner in April.",
      A("58", "district office"), A("51", "coroner")),
    C("The number of displaced was estimated at 31,000 by the UN refugee agency.",
      A("31,000", "UN refugee agency")),
    C("Crowds were put at 40,000 by organisers.", A("40,000", "organisers")),
    C("UN: 80,000 displaced by Tarsa floods", A("80,000", "UN")),
    C("The number of confirmed cholera cases climbed to 3,418, the health ministry said, up from 2,960 a week earlier.",
      A("3,418", "health ministry"), A("2,960", "health ministry")),
    C("The storm left 80,000 homes without power, the utility said, and knocked down more than 400 trees, "
      "according to city officials.", A("80,000", "utility"), A("400", "city officials")),
    C("Analysts' forecasts for the quarter averaged $4.12 per share.", A("$4.12", "Analysts")),
    C("The flood claimed 340 lives in the valley.", A("340", None)),
    C("Piet Verwoerd, who has farmed here for 35 years, said the river rose 4 metres.",
      A("35 years", None), A("4 metres", "Piet Verwoerd")),
    C("The Harbour Gazette reported, citing three officials, that the subsidy would be cut by 30 percent.",
      A("30 percent", "three officials", via=("Harbour Gazette",))),
    C("The bureau raised the death toll to 96 on Sunday.", A("96", "bureau")),
    C("Carvella imposed a 15% tariff on imported steel in May.", A("15%", None, counted="tariff")),
    C("Eleven overseas students were among the guests, the Education Ministry said.",
      A("Eleven", "Education Ministry", counted="students")),
    # a review's misfires, kept fixed: no number, time or label as a source; datelines only before a dash
    C("Exports were estimated to have fallen by 40 percent last year.", A("40 percent", None)),
    C("Damage was estimated at $3 billion by the time the storm passed.", A("$3 billion", None)),
    C("The toll was put at 340 by the end of the day.", A("340", None)),
    C("The quake killed 300 people - mostly in Turkey.", A("300", None)),
    C("Russia's losses so far: 12,000 troops, Kyiv says.", A("12,000", "Kyiv")),
    C("Mayor Karim Haddad toured the area. The utility said its figures showed 40,000 homes were without power.",
      A("40,000", "utility")),
    C("UNICEF said 300 children – many of them under five – had died.", A("300", "UNICEF")),
    C("NATO estimates that 40,000 troops — mostly conscripts — were killed.", A("40,000", "NATO")),
    C("The quake registered 7.2 on the Richter scale, officials said.", A("7.2", "officials")),
    C("The army placed 5,000 troops on high alert, the defence ministry said.", A("5,000", "defence ministry")),
    C("The airline carried 68 million passengers in 2023.", A("68 million", None, "count")),
    C("The bill carries a $5 billion price tag.", A("$5 billion", None, "amount")),
    # a second review's misfires, kept fixed
    C("The European Central Bank kept rates at 4%, while the Federal Reserve is expected to cut. "
      "It said inflation would average 2.5% next year.", A("2.5%", None)),
    C("Spain's flood toll reached 211 on Monday, authorities said.", A("211", "authorities")),
    C("Exports fell 12% in March, and economists warned of a recession.", A("12%", None)),
    C("NATO – which has 32 members – said it would send 3,000 troops.", A("3,000", "NATO")),
    C("Better vaccine coverage would protect 200,000 lives a year.", A("200,000", None, "count")),
    C("The mudslide claimed nearly 600 lives.", A("nearly 600", None, "killed")),
    C("Up to 900 of the mill's 2,300 staff will lose their jobs, the firm said.",
      A("Up to 900", "firm", "lost"), A("2,300", "firm", "count")),
    C("Kestrum says 412 people were aboard, while the navy believes about 500 were aboard.",
      A("412", "Kestrum", "aboard"), A("about 500", "navy", "aboard")),
]


@pytest.mark.parametrize(("text", "claims", "title"), CASES)
def test_claim(extractor: Extractor, text: str, claims: tuple[A, ...], title: str | None) -> None:
    e = run(extractor, text, title)
    errors = [p for want in claims for p in problems(want, find_claim(e.claims, want.num))]
    got = [(c.quantity.text, c.attribution.source and c.attribution.source.name, c.attribution.via, c.measure,
            c.counted) for c in e.claims]
    assert not errors, f"{errors}\n  got {got}"


# ----------------------------------------------------------------------------- quotes
def Qt(text: str, *quotes: tuple[str, str | None]) -> Any:
    return pytest.param(text, quotes, id=_ident(text))


def QX(reason: str, text: str, *quotes: tuple[str, str | None]) -> Any:
    return pytest.param(text, quotes, id=_ident(text), marks=pytest.mark.xfail(strict=True, reason=reason))


QUOTES = [
    Qt("\"We have lost everything,\" said Amal Haddad, a farmer from the valley.",
       ("We have lost everything,", "Amal Haddad")),
    Qt("“The situation is catastrophic,” the UN envoy told reporters.",
       ("The situation is catastrophic,", "UN envoy")),
    Qt("Mayor Lena Fischer said: \"Nobody could have predicted this.\"",
       ("Nobody could have predicted this.", "Lena Fischer")),
    Qt("“We will rebuild,” Governor Ruth Adler said. “It will take years, but we will rebuild.”",
       ("We will rebuild,", "Ruth Adler"), ("It will take years, but we will rebuild.", "Ruth Adler")),
    Qt("The minister called the attack “an act of cowardice” and promised a response.",
       ("an act of cowardice", "minister")),
    Qt("“There is no ceasefire,” the spokesman said, “and there will be none until they withdraw.”",
       ("There is no ceasefire,", "spokesman"), ("and there will be none until they withdraw.", "spokesman")),
    Qt("Coach Marta Silva spoke after the match. \"We were not good enough,\" she said.",
       ("We were not good enough,", "Marta Silva")),
    Qt("Chief Executive Lena Brandt was upbeat. “Demand is strong. Orders are up,” she told analysts.",
       ("Demand is strong. Orders are up,", "Lena Brandt")),
    Qt("\"It's the worst flood in living memory,\" said Tom Okafor, 54.",
       ("It's the worst flood in living memory,", "Tom Okafor")),
    Qt("“Prices will keep rising,” warned economist Priya Nair.",
       ("Prices will keep rising,", "Priya Nair")),
    Qt("Detective Inspector Sarah Cole described the raid as \"a major blow\" to the gang.",
       ("a major blow", "Sarah Cole")),
    Qt("“We need more doctors,” the hospital’s director, Karim Haddad, told the BBC.",
       ("We need more doctors,", "Karim Haddad")),
    Qt("The president wrote on social media: “Our forces will respond.”",
       ("Our forces will respond.", "president")),
    Qt("Residents said the water rose \"in minutes.\"",
       ("in minutes.", "Residents")),
    Qt("\"I saw the roof fall in,\" a survivor told Reuters.",
       ("I saw the roof fall in,", "survivor")),
    Qt("Senator Mark Bell was blunt. \"This bill is dead,\" he said. \"Nobody will vote for it.\"",
       ("This bill is dead,", "Mark Bell"), ("Nobody will vote for it.", "Mark Bell")),
    Qt("“The fire is 40 percent contained,” fire chief Dana Ortiz said on Friday.",
       ("The fire is 40 percent contained,", "Dana Ortiz")),
    Qt("Police urged drivers to “stay off the roads” until Monday.",
       ("stay off the roads", "Police")),
    Qt("\"We are running out of fuel,\" said the head of the hospital, Dr. Omar Nasser.",
       ("We are running out of fuel,", "Omar Nasser")),
    Qt("“It was like a bomb went off,” said one witness.",
       ("It was like a bomb went off,", "witness")),
    Qt("The central bank said in a statement that inflation was “broadly on track.”",
       ("broadly on track.", "central bank")),
    Qt("“We don’t know how many are still inside,” rescuer Jan Novak told AFP.",
       ("We don’t know how many are still inside,", "Jan Novak")),
    Qt("Union leader Grace Obi vowed to “fight every single cut.”",
       ("fight every single cut.", "Grace Obi")),
    Qt("“This is a historic day,” Prime Minister Aiko Tanaka told supporters in Osaka.",
       ("This is a historic day,", "Aiko Tanaka")),
    Qt("Economist Priya Nair spoke to the Financial Times. “The recession is already here,” she said.",
       ("The recession is already here,", "Priya Nair")),
    Qt("\"No comment,\" the company's spokeswoman said.",
       ("No comment,", "spokeswoman")),
    Qt("According to the coach, the team played \"with enormous heart.\"",
       ("with enormous heart.", "coach")),
    Qt("“They came at night,” said Fatima, who asked that her surname not be used. “We ran.”",
       ("They came at night,", "Fatima"), ("We ran.", "Fatima")),
    Qt("The minister insisted that the figures were “accurate and complete.”",
       ("accurate and complete.", "minister")),
    Qt("“The dam held,” engineer Paolo Greco said, adding: “For now.”",
       ("The dam held,", "Paolo Greco"), ("For now.", "Paolo Greco")),
    Qt("Analysts at Dover Capital called the results \"a clear miss.\"",
       ("a clear miss.", "Analysts")),
    Qt("“Help us,” the sign read.",
       ("Help us,", None)),
    Qt("“Nobody calls us back. My son was on that train,” said Ilse Varnholt, waiting at the station.",
       ("Nobody calls us back. My son was on that train,", "Ilse Varnholt")),
    Qt("Maria Lopez, the sales chief, was upbeat. “Last year we sold 14,000 cars. This year we aim for 20,000,” "
       "she said.", ("Last year we sold 14,000 cars. This year we aim for 20,000,", "Maria Lopez")),
]


@pytest.mark.parametrize(("text", "quotes"), QUOTES)
def test_quote(extractor: Extractor, text: str, quotes: tuple[tuple[str, str | None], ...]) -> None:
    e = run(extractor, text)
    got = [(text[q.start:q.end], q.speaker) for q in e.quotes]
    errors = []
    for inner, speaker in quotes:
        hit = next((g for g in got if g[0].strip("“”\"") == inner), None)
        if hit is None:
            errors.append(f"{inner!r}: not found")
        elif not same_name(speaker, hit[1]):
            errors.append(f"{inner!r}: speaker {hit[1]!r}, want {speaker!r}")
    assert not errors, f"{errors}\n  got {got}"


def test_enough_cases() -> None:
    assert len(CASES) >= 200 and len(QUOTES) >= 30


def sources_by_number(e: Extraction) -> dict[str, str | None]:
    return {c.quantity.text: (c.attribution.source.name if c.attribution.source else None) for c in e.claims}


def test_role_nouns_resolve_to_the_organisation_last_named(extractor: Extractor) -> None:
    text = ("Harrowgate Lines has begun refunding travellers. The company told the agency that 312 travellers had "
            "been refunded so far. Amsel's panel heard 45 experts, the report said.")
    e = run(extractor, text)
    got = sources_by_number(e)
    assert got["312"] == "Harrowgate Lines"
    assert got["45"] == "report"


def test_source_spans_are_offsets_into_the_whole_text(extractor: Extractor) -> None:
    """A source found in a later paragraph points at its words in the document, not in the paragraph."""
    text = ("The river rose overnight.\nResidents left their homes.\n"
            "At least 40 people were evacuated, the fire brigade said on Sunday.")
    e = run(extractor, text)
    claim = next(c for c in e.claims if c.quantity.text.endswith("40"))
    src = claim.attribution.source
    assert src is not None and src.start is not None and src.end is not None
    assert text[src.start:src.end].lower().endswith("fire brigade")


def test_the_company_and_a_based_lender_stand_for_the_organisation_named(extractor: Extractor) -> None:
    text = ("Dravon Motors will close its plant. The plant employs about 2,600 people, the company said. "
            "The Asian Development Bank approved a loan on Monday. Laos can draw about 295 million dollars "
            "immediately, the Manila-based lender said.")
    e = run(extractor, text)
    got = sources_by_number(e)
    assert got["about 2,600"] == "Dravon Motors"
    assert got["about 295 million dollars"] == "Asian Development Bank"


@pytest.mark.xfail(strict=True, reason="'the company' resolves only to a name the recogniser types ORG; "
                   "'Vennick Textiles' comes out PERSON although 'textiles' is a corporate suffix")
def test_the_company_stands_for_a_name_with_a_corporate_suffix_the_recogniser_mistypes(extractor: Extractor) -> None:
    text = "Vennick Textiles will shut its mill. The mill employs about 2,600 people, the company said."
    assert sources_by_number(run(extractor, text))["about 2,600"] == "Vennick Textiles"


def test_a_dateline_place_is_not_what_a_claim_is_about(extractor: Extractor) -> None:
    text = "TOLLMERE, March 17 (Reuters) - Vennick Textiles said on Monday it would cut 850 jobs."
    e = run(extractor, text)
    claim = next(c for c in e.claims if c.quantity.text == "850")
    names = {ent.name for ent in e.entities if ent.id in claim.subject}
    assert "TOLLMERE" not in names and "Tollmere" not in names


def test_a_comparative_number_is_a_difference(extractor: Extractor) -> None:
    """"2,300 more fans than its licence allowed" is a difference, not a count of fans."""
    text = "The stadium admitted at least 2,300 more fans than its licence allowed, the review found."
    e = run(extractor, text)
    claim = next(c for c in e.claims if "2,300" in c.quantity.text)
    assert claim.quantity.change == "up"



def test_a_place_headline_names_no_speaker(extractor: Extractor) -> None:
    e = run(extractor, "The attack hit a market on Sunday.", title="Sudan: 200 killed in El Fasher attack")
    claim = next(c for c in e.claims if c.quantity.text == "200")
    assert claim.attribution.source is None


def test_a_person_mention_widens_over_the_title_before_it() -> None:
    """The title words come from the lexicon's one list, inside hyphenated titles too."""
    from claimgraph.extract.pipeline import _with_title

    text = "It heard that MSA Director-General Aldo Renk said so, and Sheriff Ana Vell agreed with Aldo Renk."
    for name, titled in (("Aldo Renk", "MSA Director-General Aldo Renk"), ("Ana Vell", "Sheriff Ana Vell")):
        s = text.index(name)
        assert _with_title(text, s, s + len(name), "PERSON")[2] == titled
    s = text.rindex("Aldo Renk")
    assert _with_title(text, s, s + 9, "PERSON")[2] == "Aldo Renk"  # "agreed with" is no title
    assert _with_title(text, s, s + 9, "ORG")[2] == "Aldo Renk"
