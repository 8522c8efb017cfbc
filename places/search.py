"""The only module that knows full-text search: French config, stored vector, trigrams.

`places_place.search_vector` is a stored tsvector kept by database triggers (migration 0002):
name (weight A), commune, summary, type and service labels (B), description (C), through the
`fr_unaccent` configuration (French stemming after `unaccent`), with a GIN index. The name
alone is `name_vector` (a generated column, its own GIN index): places whose name matches
come first, and a broad word ("café") ranks only the names when they fill the page. Computing
the vector on the fly is ~10,000x slower at scale. When the full text finds nothing, typos on
names are caught by trigram word similarity on `f_unaccent(lower(name))` (its own GIN index).
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import (
    BooleanField,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    Q,
    QuerySet,
    TextField,
)
from django.db.models.functions import Lower

CONFIG = "fr_unaccent"
MAX_WORDS = 8
PREFIX_BELOW = 5  # letters: a shorter last word is probably being typed
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


def tsquery_text(text: str) -> str | None:
    """The `to_tsquery` input for `text`: all the words (French stems, so plurals and accents
    don't matter); a short last word is taken as the beginning of a word ("fab" finds
    "Fablab"). Complete words are matched whole: a prefix costs the GIN index a scan of every
    word that starts with it. None when nothing is searchable (punctuation, one letter)."""
    terms = [word.replace("_", "") for word in words(text)]
    terms = [term for term in terms if term]
    if not terms:
        return None
    if len(terms[-1]) < PREFIX_BELOW:
        terms[-1] += ":*"
    return " & ".join(terms)


def trigram_text(text: str) -> str:
    """The words looked for in names when the full text finds nothing (typos)."""
    return " ".join(words(text))


def _query(raw: Expression) -> SearchQuery:
    return SearchQuery(raw, config=CONFIG, search_type="raw")


def full_text(qs: QuerySet, raw: Expression, *, names: bool | None = None) -> QuerySet:
    """Places whose stored vector matches the tsquery text `raw`, each with `rank` (name hits
    weigh most) and `name_hit` (the name itself matches: such places come first). `raw` is an
    expression, so the selector can pass a slot.

    `names` keeps only the places whose name matches (True) or only the others (False): the
    two parts of "names first", each read through its own GIN index. A name that matches
    makes the whole vector match (the name is in it), so the first part asks the name only."""
    query = _query(raw)
    if names:
        qs = qs.filter(name_vector=query)
    else:
        qs = qs.filter(search_vector=query)
        if names is False:
            qs = qs.exclude(name_vector=query)
    return qs.annotate(
        rank=SearchRank(F("search_vector"), query),
        name_hit=ExpressionWrapper(Q(name_vector=query), output_field=BooleanField()),
    )


def similar_names(qs: QuerySet, typed: Expression) -> QuerySet:
    """Places whose name holds words close to `typed` (typos), ranked by similarity."""
    return (
        qs.alias(_name=unaccented_name())
        .filter(_name__trigram_word_similar=typed)
        .annotate(rank=TrigramWordSimilarity(typed, unaccented_name()))
    )
