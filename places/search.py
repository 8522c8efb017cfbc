"""The only module that knows full-text search: French config, stored vector, trigrams.

`places_place.search_vector` is a stored tsvector kept by database triggers (migration 0002):
name (weight A), commune, summary, type and service labels (B), description (C), through the
`fr_unaccent` configuration (French stemming after `unaccent`), with a GIN index. Computing
the vector on the fly is ~10,000x slower at scale. Typos on names are caught by trigram word
similarity on `f_unaccent(lower(name))`, which has its own GIN index.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import F, FloatField, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Lower

CONFIG = "fr_unaccent"
MAX_WORDS = 8
_WORD = re.compile(r"\w+")


class Unaccent(Func):
    """The IMMUTABLE `f_unaccent` wrapper, so expression indexes can use it."""

    function = "f_unaccent"
    output_field = TextField()


def unaccented_name() -> Unaccent:
    return Unaccent(Lower("name"))


def normalise(text: str) -> str:
    """Lower case without accents, as `f_unaccent(lower(...))` does in the database."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The words of a query worth searching for (letters and digits, two or more)."""
    return [word for word in _WORD.findall(normalise(text)) if len(word) > 1][:MAX_WORDS]


def to_query(text: str) -> SearchQuery | None:
    """All the words, the last one as a prefix (people type as they search)."""
    terms = [word.replace("_", "") for word in words(text)]
    terms = [term for term in terms if term]
    if not terms:
        return None
    raw = " & ".join([*terms[:-1], f"{terms[-1]}:*"])
    return SearchQuery(raw, config=CONFIG, search_type="raw")


def search(qs: QuerySet, text: str) -> QuerySet:
    """Places matching `text`, each with a `rank` (name hits first, then close spellings)."""
    query = to_query(text)
    if query is None:  # nothing searchable (punctuation, one letter): no filter
        return qs.annotate(rank=Value(0.0, output_field=FloatField()))
    typed = Value(" ".join(words(text)))
    return (
        qs.alias(_name=unaccented_name())
        .filter(Q(search_vector=query) | Q(_name__trigram_word_similar=typed))
        .annotate(
            rank=SearchRank(F("search_vector"), query)
            + TrigramWordSimilarity(typed, unaccented_name())
        )
    )
