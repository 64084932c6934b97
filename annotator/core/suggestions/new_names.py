"""Names that look like actors nobody has made yet: people, organisations and places.

Hand-written rules, on purpose: a statistical recogniser (spaCy and the like) brings a model
of hundreds of megabytes and seconds of start-up for a faint mark the analyst confirms
anyway. The rules look for what names in news carry with them:

* a title before a name ("President Obama", "Dr. Ruth Fox", "spokesman Tom Wilkinson"): a person;
* an organisation word in the name ("Ministry of Defence", "Chrysler LLC", "Fiat Group"),
  or an acronym ("GM", "NATO"): an organisation; so is a plain name that the words around
  it say is a company ("Boeing reported", "shares of Apple": ``org_context``);
* a place of the shipped gazetteer (countries, US states, capitals and large cities);
* two or three capitalised words introduced as speakers ("Fritz Henderson said") or whose
  last word comes back alone later ("… Henderson"): a person.

Then a name found so passes its kind to its short forms in the same text: a person's surname,
an organisation's acronym given in brackets. Words at a sentence's start are names only when
a rule says so, never for their capital alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.suggestions.name_index import Hit
from annotator.core.suggestions.org_context import looks_like_company
from annotator.core.suggestions.tokens import CONNECTORS, Token, dotted_end

# Words of an organisation's name (compared as written: "Motors", not "motors").
ORG_WORDS = frozenset(
    """Inc Corp Corporation Company Co Ltd LLC Plc plc PLC AG SA SpA GmbH NV Group Holdings
    Ministry Department University College Party Agency Council Commission Committee Bank
    Association Union Court Parliament Senate Congress Institute Foundation Motors Airlines
    Airways Organization Organisation Office Board Fund Authority Reserve Exchange Army Navy
    Police Federation League Church Assembly Administration Service Services Industries
    Systems Technologies Partners Capital Securities Trust Hospital School Club Network
    Broadcasting Studios Energy Communications Electric Petroleum Times Post Journal News
    Press Tribune Herald Telegraph Guardian Reuters Bureau Cabinet Government Coalition
    Movement Front Alliance Society Laboratories Labs Pharmaceuticals
    Automotive Auto Insurance Computer Computers Aircraft Aerospace Software Electronics
    Steel Chemicals Foods Motor Investments Financial Media Entertainment Records Agencies
    Treasury Parliamentary Corps Brigade Guard Chamber""".split()
)
# Words of a place's name: "Changi International Airport", "Tiananmen Square".
PLACE_WORDS = frozenset(
    """Airport Station Square Street Avenue Road Bridge Harbour Harbor Port Island Islands
    River Lake Mountain Mountains Valley County Province Region District Park Stadium
    Peninsula Strait Gulf Bay Sea Ocean Desert Canal Plaza Boulevard""".split()
)
# The endings a company's name drops in later mentions ("Chrysler LLC", then "Chrysler").
_LEGAL_FORMS = frozenset(
    "Inc Corp Corporation Co Ltd LLC Plc plc PLC AG SA SpA GmbH NV Group".split()
)
# Titles and roles written before a person's name.
TITLES = frozenset(
    """President Vice Prime Minister Chancellor Secretary Senator Sen Governor Gov
    Representative Rep Mayor King Queen Prince Princess Pope Sheikh Emir Sultan Ayatollah
    General Gen Admiral Colonel Col Captain Capt Lieutenant Lt Sergeant Sgt Major Commander
    Dr Doctor Professor Prof Mr Mrs Ms Miss Sir Dame Lord Lady Judge Justice Chairman
    Chairwoman Chair CEO CFO COO Director Ambassador Spokesman Spokeswoman Spokesperson
    Rev Reverend Bishop Archbishop Cardinal Father Detective Officer Inspector Chief Executive
    Analyst Economist Attorney Commissioner Deputy Speaker Leader Founder Coach Manager""".split()
)
# The same, written in lower case before a name ("chief executive Rick Wagoner").
_ROLE_WORDS = frozenset(t.casefold() for t in TITLES) | {
    "spokesman", "spokeswoman", "spokesperson", "analyst", "economist", "chairman",
    "executive", "officer", "boss", "head", "founder", "lawyer", "minister", "president",
    "senator", "governor", "secretary", "director", "leader", "chief", "ceo", "actor",
    "singer", "author", "journalist", "reporter", "professor", "commentator", "candidate",
}  # fmt: skip
# Capitalised words that open sentences or name no one.
STOP = frozenset(
    """A An The This That These Those There Here It Its It's I We You He She They His Her
    Their Our My Your Me Us Them Who What When Where Why How Which Whose While Although
    Though After Before Since Until If Unless Because As At By For From In Into Of On Onto
    Over Under With Without About Above Across Against Along Among Around Behind Below
    Beside Between Beyond During Except Inside Near Off Out Outside Past Through Throughout
    Toward Towards Up Upon Within And But Or Nor So Yet Also However Meanwhile Moreover
    Furthermore Nevertheless Still Then Thus Therefore Instead Otherwise Indeed Yes No Not
    All Any Both Each Every Few Many Most Much Some Such Other Another One Two Three Four
    Five Six Seven Eight Nine Ten First Second Third Last Next New Old Many More Less
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Today Tomorrow Yesterday
    Tonight Morning Afternoon Evening Night Week Month Year Spring Summer Autumn Fall Winter
    Christmas Easter Mr Mrs Ms Dr According Under Despite Following Given Including
    Analysts Officials Sources Experts Critics Investors Shares Sales Prices Stocks
    Chapter Section Article Page Figure Table Update Updated Breaking Related Read See
    Photo Video Image Reporting Editing Copyright Source Sources Note Notes Wikinews
    Earlier Later Recently Currently Previously Already Now Just Even Only Again Once
    Although Whether Whatever Whoever However Whereas Hence Overall Finally Initially
    Stock Shares Index Dow Nasdaq Billion Million Percent FTSE Nikkei DAX CAC Hang Seng
    Stoxx Kospi Sensex Russell""".split()
)  # the last row: market indices, which are figures, not actors
# All-capital words that are not organisations.
_NOT_ACRONYMS = frozenset(
    """CEO CFO COO CTO TV AM PM GMT UTC EST PST EDT PDT BST CET GDP GNP OK ID IT PC SUV IPO
    USD EUR GBP JPY CAD AUD AIDS HIV DNA CD DVD PR HR FAQ AD BC II III IV VI VII VIII IX XI
    XII Q1 Q2 Q3 Q4 H1 H2 A B C D E F G H I J K L M N O P Q R S T U V W X Y Z THE AND OF
    NEW US UK EU UN UAE USA LCD LED USB GPS SMS MMS PDF CPU GPU RAM ROM SDK API VIP ATM
    HDTV HD MP3 DJ PIN VAT DIY RSVP ASAP FYI LOL OMG URL WWW HTML CSS XML APP PS CC
    ETF CPI PPI PMI EPS ROI ROE EBITDA YOY BPS FX REIT LBO GAAP""".split()
) - {"EU", "UN"}  # things and abbreviations: "a 3.5-inch LCD screen", "5,000 VIP guests"
_CONNECTORS = CONNECTORS
_SPEECH_AFTER = re.compile(
    r"\s*(?:,\s*(?:\d{1,3}|who|a|an|the|[a-z]+ (?:of|at|for))\b|said|says|told|added|"
    r"announced|explained|stated|noted|warned|claimed|denied|insisted)\b"
)
_SPEECH_BEFORE = re.compile(r"(?:said|says|told|according to|added|by)\s*$")
# "a report in Ars Technica, an online magazine": after these the apposition names no person.
_NOT_PERSON_BEFORE = re.compile(r"\b(?:in|at|on|into|onto|inside|across)\s+$")
_APPOSITION = re.compile(r"\s*,")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]*[A-Z0-9]$")


@dataclass(frozen=True)
class NewName:
    start: int
    end: int
    guess: str  # person, organisation, place
    actor_kind: str  # the app's kind: person, organisation, state, other


def _is_name_word(tok: Token) -> bool:
    return tok.capitalised


def _runs(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges [i, j) of capitalised words in a row (connectors inside allowed)."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not _is_name_word(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            gap = text[tokens[j - 1].end : tokens[j].start]
            prev = tokens[j - 1]
            # "Dr. Ruth Fox", "U.S. Senate"; but "Acme Corp. The…" ends a sentence
            joined = gap == " " or (
                gap == ". "
                and dotted_end(text, prev) > prev.end
                and (prev.text in TITLES or "." in prev.text or len(prev.text) == 1)
            )
            if not joined:
                break
            if _is_name_word(tokens[j]):
                j += 1
            elif (
                tokens[j].text in _CONNECTORS
                and j + 1 < n
                and _is_name_word(tokens[j + 1])
                and text[tokens[j].end : tokens[j + 1].start] == " "
            ):
                j += 2
            else:
                break
        out.append((i, j))
        i = j
    return out


def _trim(tokens: Sequence[Token], i: int, j: int) -> tuple[int, int]:
    while i < j and (tokens[i].text in STOP or tokens[i].text in _CONNECTORS):
        i += 1
    while j > i and (tokens[j - 1].text in _CONNECTORS or tokens[j - 1].text in STOP):
        j -= 1
    return i, j


def _has_org_word(tokens: Sequence[Token], i: int, j: int) -> bool:
    return any(tokens[k].text in ORG_WORDS for k in range(i, j))


def _is_acronym(tok: Token) -> bool:
    letters = tok.text.replace(".", "")
    return (
        2 <= len(letters) <= 6
        and bool(_ACRONYM.match(tok.text))
        and tok.text not in _NOT_ACRONYMS
        and sum(c.isalpha() for c in letters) >= 2
    )


def _plain_word(tok: Token) -> bool:
    t = tok.text
    return t.isalpha() and t[0].isupper() and not t.isupper() and t not in STOP


def find_new_names(text: str, tokens: Sequence[Token], places: Sequence[Hit[str]]) -> list[NewName]:
    """Names that look like people, organisations or places, in text order, no overlaps."""
    place_at = {(h.first, h.last): h for h in places}
    place_tokens = {k for h in places for k in range(h.first, h.last)}
    place_start = {h.first: h.last for h in places}
    found: list[tuple[int, int, str, str]] = []  # token range, guess, actor kind
    # capitalised word -> the token indexes where it stands alone, ascending: found once,
    # not by walking every later use for each name (quadratic in a long article: profiled)
    where: dict[str, list[int]] = {}
    for k, t in enumerate(tokens):
        if t.capitalised and _stands_alone(text, tokens, k):
            where.setdefault(t.text, []).append(k)
    undecided: list[tuple[int, int]] = []
    for i0, j0 in _runs(text, tokens):
        parts = _split_at_titles(text, tokens, i0, j0)
        for i, j, titled in [q for p in parts for q in _split_at_legal_and(tokens, *p)]:
            i = _past_role_of(tokens, i, j)
            i, j = _trim(tokens, i, j)
            if i >= j:
                continue
            listed = _places_listed(tokens, i, j, place_start) if j - i > 2 else []
            if listed:  # "Britain and Denmark": each a place of its own
                found.extend((a, b, "place", place_at[(a, b)].payload) for a, b in listed)
                continue
            decided = _classify(text, tokens, i, j, titled, place_at, place_tokens, where)
            if decided is None:
                undecided.append((i, j))
            else:
                found.append((i, j, *decided))
    # Short forms of names found: a person's surname, an organisation's one-word name.
    short: dict[str, tuple[str, str]] = {}
    for i, j, guess, kind in found:
        if guess == "person" and j - i >= 2:
            short.setdefault(tokens[j - 1].text, (guess, kind))
        if guess == "organisation" and j - i == 2 and tokens[j - 1].text in _LEGAL_FORMS:
            short.setdefault(tokens[i].text, (guess, kind))  # "Chrysler" of "Chrysler LLC"
    # An acronym in brackets after a name is that name's: "State Property Agency (AVAS)".
    decided_end = {tokens[j - 1].end: (g, k) for i, j, g, k in found}
    for i, j in undecided:
        if j - i == 1 and _is_acronym(tokens[i]) and tokens[i].start >= 2:
            before = decided_end.get(tokens[i].start - 2)
            if before is not None and text[tokens[i].start - 2 : tokens[i].start] == " (":
                found.append((i, j, *before))
                short.setdefault(tokens[i].text, before)
    full_names = {tokens[i].text for i, j, g, _ in found if g == "person" and j - i >= 2}
    left = []
    for i, j in undecided:
        if j - i == 1 and tokens[i].text in short and tokens[i].text not in full_names:
            if short[tokens[i].text][0] == "organisation" and _names_other(text, tokens[i].end):
                continue  # "Boeing CEO Jim McNerney", "Boeing 787"
            found.append((i, j, *short[tokens[i].text]))
        else:
            left.append((i, j))
    found.extend(_companies(text, tokens, left, found, short, place_tokens))
    # "the Ford Taurus": a name begun by an organisation's is its product, not a person
    orgs = {tokens[i].text for i, j, g, _ in found if g == "organisation" and j - i == 1}
    products = {
        tokens[j - 1].text
        for i, j, g, _ in found
        if g == "person" and j - i >= 2 and tokens[i].text in orgs
    }
    found = [
        (i, j, g, k)
        for i, j, g, k in found
        if g != "person" or (tokens[i].text not in orgs and tokens[i].text not in products)
    ]  # and "Taurus" alone after "Ford Taurus"
    found.sort()
    return [
        NewName(tokens[i].start, dotted_end(text, tokens[j - 1]), guess, kind)
        for i, j, guess, kind in found
    ]


def _companies(
    text: str,
    tokens: Sequence[Token],
    undecided: list[tuple[int, int]],
    found: list[tuple[int, int, str, str]],
    short: dict[str, tuple[str, str]],
    place_tokens: set[int],
) -> list[tuple[int, int, str, str]]:
    """Organisations known by a plain name, from the words around it (``org_context``),
    then every mention of a name so recognised or begun by a longer organisation's name
    ("Apple Computer", "Boeing Co."): the same article calls it so throughout."""
    names = {
        tokens[i].text
        for i, j, g, _ in found
        if g == "organisation"
        and 2 <= j - i <= 3
        and _plain_word(tokens[i])
        and all(tokens[k].text in _COMPANY_ENDINGS for k in range(i + 1, j))
    }
    plain = [
        (i, j)
        for i, j in undecided
        if j - i <= 2
        and all(_plain_word(tokens[k]) for k in range(i, j))
        and tokens[j - 1].text not in short  # a person's surname
        and not any(k in place_tokens for k in range(i, j))  # "Long Beach plant"
        and not _names_other(text, tokens[j - 1].end)
    ]
    names |= {
        " ".join(t.text for t in tokens[i:j])
        for i, j in plain
        if looks_like_company(text, tokens, i, j)
    }
    return [
        (i, j, "organisation", "organisation")
        for i, j in plain
        if " ".join(t.text for t in tokens[i:j]) in names
    ]


# What a company's full name adds to the name it goes by ("Apple Computer", "Ford Motor
# Co."); not "Commission": "European Commission" makes no organisation of "European".
_COMPANY_ENDINGS = _LEGAL_FORMS | frozenset(
    """Computer Computers Motor Motors Airlines Airways Industries Systems Technologies
    Electronics Aerospace Aircraft Holdings Company Corporation""".split()
)
_MODEL = re.compile(r"\s+[A-Z]?\d")
_NEXT = re.compile(r"(?:'s|’s)?\s+(\w+)")


def _names_other(text: str, end: int) -> bool:
    """A company's name that only says whose: "Boeing 717" names the plane, "Apple CEO
    Steve Jobs" and "Apple executives" people."""
    if _MODEL.match(text, end):
        return True
    word = _NEXT.match(text, end)
    # "Apple executives" too: people, the company only says whose
    return word is not None and (
        word.group(1) in TITLES or word.group(1).casefold().removesuffix("s") in _ROLE_WORDS
    )


def _split_at_legal_and(
    tokens: Sequence[Token], i: int, j: int, titled: bool
) -> list[tuple[int, int, bool]]:
    """Two companies joined: "Daimler AG and Chrysler Holding LLC" is two names."""
    for k in range(i + 1, j - 1):
        if tokens[k].text in ("and", "&") and tokens[k - 1].text in _LEGAL_FORMS:
            return [(i, k, titled), *_split_at_legal_and(tokens, k + 1, j, False)]
    return [(i, j, titled)]


def _places_listed(
    tokens: Sequence[Token], i: int, j: int, place_start: dict[int, int]
) -> list[tuple[int, int]]:
    """The places of a run made only of places and "and"/"&" ("France, Britain" is two runs)."""
    out: list[tuple[int, int]] = []
    k = i
    while k < j:
        end = place_start.get(k)
        if end is not None and end <= j:
            out.append((k, end))
            k = end
        elif tokens[k].text in ("and", "&") and out:
            k += 1
        else:
            return []
    return out if len(out) > 1 else []


def _past_role_of(tokens: Sequence[Token], i: int, j: int) -> int:
    """Where the organisation starts in "Chief Operating Officer of AirTran Airways"."""
    for k in range(i + 1, j - 1):
        if (
            tokens[k].text == "of"
            and any(tokens[m].text.rstrip(".") in TITLES for m in range(i, k))
            and _has_org_word(tokens, k + 1, j)
        ):
            return k + 1
    return i


def _split_at_titles(
    text: str, tokens: Sequence[Token], i: int, j: int
) -> list[tuple[int, int, bool]]:
    """A run cut where a title starts the name of a person: "Chrysler CEO Robert Nardelli"
    is "Chrysler" and the titled "Robert Nardelli"; "Chancellor Olaf Scholz and Defence
    Minister Boris Pistorius" two titled names. Each part says if a title preceded it."""
    k = i
    while k < j:
        if tokens[k].text.rstrip(".") in TITLES:
            m = k
            while m < j and tokens[m].text.rstrip(".") in TITLES:
                m += 1
            rest_is_org = _has_org_word(tokens, m, j)
            if m + 2 == j and tokens[m].text == "of":
                # "the Vice Chairman of Chrysler": whose chairman, no person's name
                return [*([(i, k, _role_before(text, tokens, i))] if k > i else []), (m, j, False)]
            if m < j and not rest_is_org and not _has_org_word(tokens, k, m):
                before = [(i, k, _role_before(text, tokens, i))] if k > i else []
                # the name ends where the next title starts ("… and Defence Minister …")
                t = m
                while t < j and tokens[t].text.rstrip(".") not in TITLES:
                    t += 1
                if t < j:
                    cut = t
                    while cut > m and tokens[cut - 1].text not in _CONNECTORS:
                        cut -= 1  # back to the connector: "Defence" goes with its title
                    if cut > m:
                        return [
                            *before,
                            (m, cut - 1, True),
                            *_split_at_titles(text, tokens, cut, j),
                        ]
                return [*before, (m, j, True)]
        k += 1
    return [(i, j, _role_before(text, tokens, i))]


_LAST_WORD = re.compile(r"(\w+) $")
_NEXT_WORD = re.compile(r" (\w+)")


def _role_before(text: str, tokens: Sequence[Token], i: int) -> bool:
    """A role written in lower case just before: "spokesman Tom Wilkinson"."""
    start = tokens[i].start
    word = _LAST_WORD.search(text, max(0, start - 40), start)
    return word is not None and word.group(1) in _ROLE_WORDS


def _classify(
    text: str,
    tokens: Sequence[Token],
    i: int,
    j: int,
    titled: bool,
    place_at: dict[tuple[int, int], Hit[str]],
    place_tokens: set[int],
    where: dict[str, list[int]],
) -> tuple[str, str] | None:
    if _has_org_word(tokens, i, j):
        return ("organisation", "organisation")
    if j - i >= 2 and tokens[j - 1].text in PLACE_WORDS:
        return ("place", "other")
    place = place_at.get((i, j))
    role_of = i >= 2 and tokens[i - 1].text == "of" and tokens[i - 2].text.rstrip(".") in TITLES
    if (
        role_of
        and place is None
        and j - i == 1
        and i not in place_tokens
        and (_plain_word(tokens[i]) or _is_acronym(tokens[i]))
    ):
        return ("organisation", "organisation")  # "Chairman of Chrysler", "CEO of GM"
    if place is not None:
        if _modifier(text, tokens, i, j):
            return None  # "US automakers": the actor is the automakers
        return ("place", place.payload)
    if any(k in place_tokens for k in range(i, j)):
        return None  # "Canadian Auto Workers"? a place inside something unknown: say nothing
    if titled and j - i <= 4 and all(_plain_word(tokens[k]) for k in range(i, j)):
        return ("person", "person")
    if j - i == 1 and _is_acronym(tokens[i]):
        if text[tokens[i].end : tokens[i].end + 1] == "$":
            return None  # a currency: "AU$ 40 million"
        if text[tokens[i].start - 1 : tokens[i].start] == "(":
            return None  # "(WWDC)": as the name before it, decided with it (below)
        return ("organisation", "organisation")
    if 2 <= j - i <= 3 and all(_plain_word(tokens[k]) for k in range(i, j)):
        after = text[dotted_end(text, tokens[j - 1]) : tokens[j - 1].end + 40]
        before = text[max(0, tokens[i].start - 20) : tokens[i].start]
        speaker_after = _SPEECH_AFTER.match(after)
        if speaker_after and _APPOSITION.match(after) and _NOT_PERSON_BEFORE.search(before):
            speaker_after = None
        if speaker_after or _SPEECH_BEFORE.search(before):
            return ("person", "person")
        surname = tokens[j - 1].text
        if _alone_later(text, tokens, j, surname, where):
            return ("person", "person")
    return None


# Words after a place that leave it a place of its own ("Russia said", "in France and …").
_AFTER_PLACE = frozenset(
    """said says has had have is was are were will would could should may might can and or
    but to in on at of for with which that who from as by its announced denied claimed
    warned told added also later then where when after before since until than into
    reported agreed signed""".split()
)


def _modifier(text: str, tokens: Sequence[Token], i: int, j: int) -> bool:
    """A place that only qualifies something: "US automakers", "US$ 5 billion", "Prime
    Minister of Canada"."""
    if text[tokens[j - 1].end : tokens[j - 1].end + 1] == "$":
        return True
    if i >= 2 and tokens[i - 1].text == "of" and tokens[i - 2].text.rstrip(".") in TITLES:
        return True
    word = _NEXT_WORD.match(text, tokens[j - 1].end)
    if word is None:
        return False
    nxt = word.group(1)
    return nxt[:1].islower() and nxt not in _AFTER_PLACE


def _alone_later(
    text: str, tokens: Sequence[Token], j: int, word: str, where: dict[str, list[int]]
) -> bool:
    """The word comes back later on its own, not as part of a longer capitalised name
    (``where``: each word's token indexes where it stands alone)."""
    alone = where.get(word, ())
    return bisect.bisect_left(alone, j) < len(alone)


def _stands_alone(text: str, tokens: Sequence[Token], k: int) -> bool:
    before = (
        k > 0 and _is_name_word(tokens[k - 1]) and text[tokens[k - 1].end : tokens[k].start] == " "
    )
    after = (
        k + 1 < len(tokens)
        and _is_name_word(tokens[k + 1])
        and text[tokens[k].end : tokens[k + 1].start] == " "
    )
    return not before and not after
