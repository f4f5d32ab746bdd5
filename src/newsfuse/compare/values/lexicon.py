"""Word lists shared by the quantity and date readers (English news usage)."""

from __future__ import annotations


def _split(words: str) -> list[str]:
    return words.split()


UNITS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        _split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
TENS: dict[str, int] = {
    w: 10 * (i + 2)
    for i, w in enumerate(_split("twenty thirty forty fifty sixty seventy eighty ninety"))
}
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
PLURAL_SCALES: dict[str, float] = {
    "hundreds": 1e2,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
MONEY_SUFFIXES: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
ORDINALS: dict[str, int] = {
    w: i + 1
    for i, w in enumerate(
        _split(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
            "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
        )
    )
}

CURRENCY_SYMBOLS: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "rupees": "INR",
    "francs": "CHF",
    "rubles": "RUB",
    "roubles": "RUB",
    "pesos": "MXN",
    "sterling": "GBP",
}

DAY = 1.0
TIME_UNITS: dict[str, float] = {
    "second": 1 / 86400,
    "sec": 1 / 86400,
    "min": 1 / 1440,
    "hr": 1 / 24,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": DAY,
    "week": 7.0,
    "month": 30.44,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525.0,
}
MEASURE_UNITS: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0),
    "kilometer": ("length", 1000.0),
    "kilometre": ("length", 1000.0),
    "meter": ("length", 1.0),
    "metre": ("length", 1.0),
    "mile": ("length", 1609.34),
    "foot": ("length", 0.3048),
    "feet": ("length", 0.3048),
    "inch": ("length", 0.0254),
    "kg": ("mass", 1.0),
    "kilogram": ("mass", 1.0),
    "ton": ("mass", 1000.0),
    "tonne": ("mass", 1000.0),
    "acre": ("area", 0.4047),
    "hectare": ("area", 1.0),
    "mph": ("speed", 1.609),
    "kph": ("speed", 1.0),
    "degree": ("degree", 1.0),
    "magnitude": ("magnitude", 1.0),
    "barrel": ("barrel", 1.0),
    "gallon": ("volume", 3.785),
    "liter": ("volume", 1.0),
    "litre": ("volume", 1.0),
}

# Hedge phrase -> canonical hedge; HEDGE_MODE says how it widens the interval.
_HEDGE_GROUPS: dict[str, tuple[str, ...]] = {
    "about": (
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "an estimated",
        "estimated",
        "about some",
        "or so",
        "more or less",
        "approx",
    ),
    "nearly": ("nearly", "almost", "close to", "just under", "nearly all"),
    "more than": (
        "more than",
        "over",
        "above",
        "upwards of",
        "in excess of",
        "just over",
        "well over",
        "or more",
        "plus",
        "and counting",
    ),
    "at least": ("at least", "no fewer than", "no less than", "a minimum of"),
    "up to": ("up to", "as many as", "as much as", "at most", "no more than", "a maximum of"),
    "fewer than": ("fewer than", "less than", "under", "below", "not quite"),
    "between": ("between", "from"),
}
HEDGE_MODE: dict[str, str] = {
    "about": "approx",
    "nearly": "below",
    "more than": "min",
    "at least": "min",
    "up to": "max",
    "fewer than": "max",
    "between": "",
}
HEDGES: dict[tuple[str, ...], str] = {
    tuple(p.split()): canon
    for canon, phrases in _HEDGE_GROUPS.items()
    for p in phrases
    if p not in ("or so", "or more", "plus", "and counting")
}
POST_HEDGES: dict[tuple[str, ...], str] = {
    ("or", "so"): "about",
    ("or", "more"): "more than",
    ("plus",): "more than",
    ("and", "counting"): "more than",
}
ALL_HEDGE_WORDS = frozenset(w for key in HEDGES for w in key)

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_WORDS = frozenset(MONTHS)
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# A counted-noun phrase ends at these words ("50,000 people have fled" -> "people").
PHRASE_STOP = frozenset(
    _split(
        "a an the and or but of in on at to for from by with as than that which who whom whose "
        "this these those is are was were be been being has have had do does did will would "
        "could should may might must can not no nor so if when while where after before since "
        "until during about into onto over under more most less least per each every all some "
        "any other such only also just still already again even its their his her our your my "
        "it they he she we you i them him us me said says say told according including like "
        "including"
    )
)

_IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "lives": "life",
    "wives": "wife",
    "countries": "country",
    "nations": "nation",
}


def singular(word: str) -> str:
    """A rough singular for unit and noun matching ("years" -> "year", "countries" -> "country")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


# Counted nouns that name the same kind of thing in news reports.
_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("nation", "country", "state", "government"),
    ("person", "individual", "civilian", "resident", "inhabitant", "human", "soul"),
    ("soldier", "troop", "serviceman", "servicemember"),
    ("death", "dead", "fatality", "killed", "life", "victim", "body"),
    ("injury", "injured", "wounded", "casualty"),
    ("vote", "ballot"),
    ("home", "house", "dwelling", "household"),
    ("car", "vehicle"),
    ("job", "position", "post"),
    ("plane", "aircraft", "jet", "airplane"),
    ("ship", "vessel", "boat"),
)
SYNONYM: dict[str, str] = {w: group[0] for group in _SYNONYMS for w in group}

# Nouns for people, so "50,000 Syrians" and "tens of thousands of civilians" can be compared.
PERSON_NOUNS = frozenset(
    _split(
        "person individual civilian resident inhabitant refugee migrant displaced child adult "
        "man woman worker employee voter protester demonstrator student patient passenger "
        "citizen survivor victim casualty fighter soldier troop member supporter follower "
        "inmate prisoner detainee hostage shopper passerby bystander pedestrian tourist "
        "visitor worshipper pilgrim spectator fan other israeli palestinian"
    )
)
ROLE_NOUNS = PERSON_NOUNS | frozenset(
    _split(
        "driver pilot officer suspect defendant teacher mother father son daughter wife husband "
        "boy girl actor actress singer writer author player goalkeeper striker coach captain "
        "owner lawyer doctor nurse farmer nun priest chairman president executive director "
        "manager founder mayor governor senator veteran officer gunman attacker shooter"
    )
)
"""Words for a person that an age can follow in apposition ("the driver, 34, was ...")."""
GENERIC_PERSON_NOUNS = frozenset(
    _split("person individual other civilian resident inhabitant human soul")
)
"""Nouns that can stand for any group of people ("600 others" ~ "360 patients")."""

# A number right after these names an item, not an amount ("stage 13", "Flight 370").
IDENTIFIER_NOUNS = frozenset(
    _split(
        "no nos number # stage game page article section chapter round phase level line room "
        "flight gate route highway interstate grade category hole lap track episode season "
        "volume item clause amendment resolution proposition channel platform terminal "
        "apartment suite floor ward precinct district lot exit pier runway bus psalm verse "
        "act scene version model type class"
    )
)
