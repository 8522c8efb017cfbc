"""The only module that knows full-text search: French config, stored vectors, trigrams.

`search_vector` is a stored tsvector kept by database triggers (migration 0003): name (weight
A), commune, summary, type and service labels (B), description (C), through the
`fr_unaccent` configuration (French stemming after `unaccent`), with a GIN index. The name
alone is `name_vector` (a generated column, its own GIN index): places whose name matches
come first. Computing the vector on the fly is ~10,000x slower at scale. When the full text
finds nothing, typos on names are caught by trigram word similarity on
`f_unaccent(lower(name))` (its own GIN index).

Any model with these three columns (`search_vector`, `name_vector` and a name) is searched the
same way: resources are, their title as the name (`name="title"`).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import BooleanField, ExpressionWrapper, F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Lower

CONFIG = "fr_unaccent"
MAX_WORDS = 8
PREFIX_BELOW = 5  # letters: a shorter last word is probably being typed
_WORD = re.compile(r"\w+")


class Unaccent(Func):
    """The IMMUTABLE `f_unaccent` wrapper, so expression indexes can use it."""

    function = "f_unaccent"
    output_field = TextField()


def unaccented(field: str = "name") -> Unaccent:
    return Unaccent(Lower(field))


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
    terms = [term for term in (word.replace("_", "") for word in words(text)) if term]
    if not terms:
        return None
    if len(terms[-1]) < PREFIX_BELOW:
        terms[-1] += ":*"
    return " & ".join(terms)


@dataclass(frozen=True, slots=True)
class Text:
    """A text as the search reads it: its tsquery, and whether to look for typos instead."""

    typed: str
    tsquery: str | None  # None: nothing searchable in it (no filter)
    typos: bool = False  # the full text finds it nowhere: names close to its words


def _query(tsquery: str) -> SearchQuery:
    return SearchQuery(tsquery, config=CONFIG, search_type="raw")


def understand(typed: str, *, among: QuerySet) -> Text:
    """How `typed` is looked for: the full text, else typos of names when the full text
    finds it nowhere in `among` (the other filters aside, so that a list, its facets and
    the map's viewport read it alike). The one place where this is decided."""
    tsquery = tsquery_text(typed)
    typos = tsquery is not None and not among.filter(search_vector=_query(tsquery)).exists()
    return Text(typed=typed, tsquery=tsquery, typos=typos)


def matching(qs: QuerySet, text: Text, *, prefix: str = "", name: str = "name") -> QuerySet:
    """The rows of `qs` that match `text`, each with `rank` and `name_hit` (the name itself
    matches: such rows come first, see `by_relevance`). `prefix` reaches the searched model
    through a relation (`"event__"` from an event's occurrences); `name` is its name column."""
    vector, name_vector, name = f"{prefix}search_vector", f"{prefix}name_vector", prefix + name
    if text.tsquery is None:
        return qs.annotate(rank=Value(0.0), name_hit=Value(False))
    if text.typos:
        typed = " ".join(words(text.typed))
        return (
            qs.alias(_name=unaccented(name))
            .filter(_name__trigram_word_similar=typed)
            .annotate(rank=TrigramWordSimilarity(typed, unaccented(name)), name_hit=Value(True))
        )
    query = _query(text.tsquery)
    return qs.filter(**{vector: query}).annotate(
        rank=SearchRank(F(vector), query),
        name_hit=ExpressionWrapper(Q(**{name_vector: query}), output_field=BooleanField()),
    )


def by_relevance(qs: QuerySet, *, prefix: str = "", name: str = "name") -> QuerySet:
    """Names that match first, then the best ranked, then by name."""
    return qs.order_by("-name_hit", "-rank", prefix + name, "pk")


def close_names(qs: QuerySet, name: str, *, field: str = "name") -> QuerySet:
    """The rows of `qs` whose name is the same as `name` once lower-cased without accents,
    or close to it (pg_trgm's similarity, through the trigram index on the name), the
    closest first, each with `name_similarity` (1.0 for the same name)."""
    typed = " ".join(words(name)) or normalise(name)
    return (
        qs.alias(_name=unaccented(field))
        .filter(Q(_name=normalise(name)) | Q(_name__trigram_similar=typed))
        .annotate(name_similarity=TrigramSimilarity(unaccented(field), typed))
        .order_by("-name_similarity", "pk")
    )
