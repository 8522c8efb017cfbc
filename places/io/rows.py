"""What the two formats share: the columns of a place, a row as read, the errors."""

from dataclasses import dataclass

# The columns of a place, in the order of a CSV export; `lat` and `lon` close the row.
FIELDS = [
    "name",
    "slug",
    "summary",
    "description",
    "types",
    "services",
    "address",
    "postcode",
    "commune",
    "website",
    "phone",
    "email",
    "opening_hours",
    "status",
    "welcomes_founders",
    "is_demo",
]
# Exports are open data: hosts' e-mail addresses stay out of them (a column left out of a
# file leaves that field untouched on import, so an export still imports back unchanged).
EXPORT_FIELDS = [name for name in FIELDS if name != "email"]
LIST_FIELDS = {"types", "services"}
FLAG_FIELDS = {"welcomes_founders", "is_demo"}
# Free text is kept exactly as the file has it, white space included (see `text_value`).
FREE_TEXT_FIELDS = {"name", "summary", "description", "address", "commune"}


class FormatError(ValueError):
    """The file as a whole cannot be read (not JSON, no header, not a FeatureCollection...)."""


@dataclass(frozen=True)
class Row:
    """One place of a file, as found there, with where it was found."""

    where: str  # "ligne 3", "élément 2": what a person looks for in the file
    data: dict
    lat: object
    lon: object
    # What is wrong with the shape of the row itself: cells beyond the header's columns,
    # a value of the wrong type...
    problems: tuple[str, ...] = ()
    # ...or a geometry that gives no usable point (lat and lon are then None).
    coordinates_problem: str = ""
    # False when nothing of the row could be read (a broken CSV record, a feature that is
    # no object): its problems are all there is to say of it.
    readable: bool = True
