"""What a sentence typed in the search box asks for besides words: a room for N people, a town.

"Une salle pour 20 personnes près de Flers" is read as a capacity (20), a town ("Flers", used
as `ou=` when the directory knows such a commune) and the text left to search (nothing here).
Words that only say "a room" are not searched for: the places' text rarely has them, and a
capacity says it already.
"""

import re
from dataclasses import dataclass

from places.search import normalise

NUMBER_WORDS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "vingt-cinq": 25,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "deux-cents": 200,
}
_NUMBER = r"(\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_PEOPLE = r"(?:personnes?|places?|gens|participants?|pers\.?)"
# "pour 20 (personnes)", "20 personnes", "de 20 places" — on the unaccented, lower-case text.
_CAPACITY = re.compile(
    rf"\b(?:pour|de|a)\s+(?:au\s+moins\s+)?{_NUMBER}(?:\s+{_PEOPLE})?\b|\b{_NUMBER}\s+{_PEOPLE}\b"
)
# "près de X", "pres d'X", "autour de X", "à X", "sur X" up to the end or a punctuation mark.
_WHERE = re.compile(r"\b(?:pres|autour|proche|a cote)\s+d(?:e|u|es|')\s*|(?:^|\s)(?:a|sur|vers)\s+")
# Words that ask for a room, and those that only go with them ("une salle pour…").
_ROOM_NOUNS = {"salle", "salles", "piece", "pieces", "local", "locaux", "espace", "espaces"}
_ROOM_WORDS = _ROOM_NOUNS | {
    "reunion",
    "reunions",
    "une",
    "un",
    "des",
    "de",
    "pour",
    "la",
    "le",
    "les",
}
MAX_TOWN_WORDS = 4


@dataclass(frozen=True)
class Reading:
    text: str  # what is left to search
    capacity: int | None = None
    town: str = ""  # a commune the directory knows ("" when none)
    room: bool = False  # the text asked for a room (with or without a size)


def _number(token: str) -> int:
    return int(token) if token.isdigit() else NUMBER_WORDS[token]


def read(typed: str, *, is_town) -> Reading:
    """The capacity, town and remaining text of `typed`. `is_town(name)` says whether a
    commune of that name is known (the directory's); an unknown one stays in the text."""
    text = normalise(typed).replace("’", "'")
    capacity = None
    match = _CAPACITY.search(text)
    if match:
        capacity = _number(match.group(1) or match.group(2))
        text = f"{text[: match.start()]} {text[match.end() :]}"
    town = ""
    for where in _WHERE.finditer(text):
        rest = re.split(r"[,;.!?]", text[where.end() :], maxsplit=1)[0].split()
        for count in range(min(MAX_TOWN_WORDS, len(rest)), 0, -1):
            candidate = " ".join(rest[:count])
            if is_town(candidate):
                town = candidate
                tail = text[where.end() :].split(None, count)
                text = f"{text[: where.start()]} {tail[count] if len(tail) > count else ''}"
                break
        if town:
            break
    words = re.findall(r"[\w'-]+", text)
    room = any(word in _ROOM_NOUNS for word in words)
    if capacity is not None or room:
        words = [word for word in words if word not in _ROOM_WORDS]
    if town and not capacity and not room:
        words = [word for word in words if word not in {"de", "du", "des"}]
    if capacity is None and not room and not town:
        return Reading(text=typed.strip())
    return Reading(text=" ".join(words), capacity=capacity, town=town, room=room)
