"""A validated search of resources: what the search form gives the selectors."""

from dataclasses import dataclass

SORT_RELEVANCE = "pertinence"
SORT_DATE = "date"


@dataclass(frozen=True)
class ResourceFilters:
    q: str = ""
    themes: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sort: str = SORT_RELEVANCE

    def cache_key(self) -> str:
        return "|".join(
            [
                self.q,
                ",".join(sorted(self.themes)),
                ",".join(sorted(self.stages)),
                ",".join(sorted(self.kinds)),
                ",".join(sorted(self.places)),
                self.sort,
            ]
        )
