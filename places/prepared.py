"""Querysets compiled once per shape, then run with new values: the hot reads' fast path.

A page of results (the 20 nearest places, the best matches of a text) costs PostgreSQL
about a millisecond; building and compiling the queryset, then making model instances, costs
Django twice as much again (bench G5/G7). So the selector builds its queryset from `Slot`s:
compiled as usual, a slot is a plain `Value`; compiled as a *template*, it leaves a `Hole`
named after it. A template depends only on which slots a search has (its shape), so it is
compiled once per shape and process, then filled with each search's values. The SQL is
still the one the ORM writes for the selector: the list, the map and the API cannot differ.

The rule that keeps this safe: whatever varies from one search to the next goes through a
slot (never a literal value in the queryset), and the shape names every slot.
"""

import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from threading import Lock

from django.db import connection
from django.db.models import BooleanField, Field, Func, QuerySet, Value

_COMPILING_TEMPLATE = ContextVar("compiling_template", default=False)
# What a slot may compile to: a placeholder, perhaps cast (`%s::text[]`), nothing that the
# value decides (a geometry in another SRID would get an ST_Transform around it).
_PLACEHOLDER = re.compile(r"%s(::[\w \[\]()]+)?")
MAX_TEMPLATES = 1024  # shapes are few (which filters are set); a bound all the same


@dataclass(frozen=True, slots=True)
class Hole:
    """Where a template takes the value of the slot `name`, prepared by `field`."""

    name: str
    field: Field | None


class Slot(Value):
    """A value that changes from one search to the next (see the module docstring)."""

    def __init__(self, name: str, value, output_field: Field | None = None):
        if value is None:  # Value compiles None to NULL, which would change the SQL
            raise ValueError(f"slot {name!r} needs a value")
        super().__init__(value, output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        if _COMPILING_TEMPLATE.get():
            if not _PLACEHOLDER.fullmatch(sql):  # SQL written from the value: not a hole
                raise ValueError(f"slot {self.name!r} compiles to {sql!r}, not a placeholder")
            return sql, [Hole(self.name, self._output_field_or_none)]
        return sql, params


class Slots:
    """The values of one search, handed to the queryset builder only as slots: the builder
    can test which slots exist (the shape) but never read a value."""

    def __init__(self, values: Mapping[str, object], fields: Mapping[str, Field]):
        self._values = dict(values)
        self._fields = fields

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def __getitem__(self, name: str) -> Slot:
        # "service:1" is prepared as "service" is.
        return Slot(name, self._values[name], self._fields.get(name.split(":")[0]))

    def shape(self) -> tuple[str, ...]:
        return tuple(sorted(self._values))

    def values(self) -> dict[str, object]:
        return dict(self._values)


class Condition(Func):
    """A condition on two expressions, written as `sql` says (`"{} && {}"`)."""

    output_field = BooleanField()
    arity = 2
    sql = "{} = {}"

    def as_sql(self, compiler, connection, **extra_context):
        left, left_params = compiler.compile(self.source_expressions[0])
        right, right_params = compiler.compile(self.source_expressions[1])
        return self.sql.format(left, right), [*left_params, *right_params]


class EqualsAny(Condition):
    """`expression = ANY(array)`: one parameter however many values, so the SQL of a list
    filter does not change with its length (`__in` writes one placeholder a value)."""

    sql = "{} = ANY({})"


@dataclass(frozen=True)
class Template:
    sql: str
    params: tuple

    def bind(self, values: Mapping[str, object]) -> list:
        """The parameters of this template for `values` (prepared as the ORM would)."""
        bound = []
        for param in self.params:
            if isinstance(param, Hole):
                value = values[param.name]
                if param.field is not None:
                    value = param.field.get_db_prep_value(value, connection=connection)
                bound.append(value)
            else:
                bound.append(param)
        return bound

    def fetch(self, values: Mapping[str, object], *extra) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [*self.bind(values), *extra])
            return cursor.fetchall()


def compile_template(qs: QuerySet, wrap: str = "{sql}") -> Template:
    """The SQL of `qs` with a hole for each slot, set in `wrap` (e.g. a count around it)."""
    token = _COMPILING_TEMPLATE.set(True)
    try:
        sql, params = qs.query.sql_with_params()
    finally:
        _COMPILING_TEMPLATE.reset(token)
    return Template(wrap.format(sql=sql), tuple(params))


class TemplateCache:
    """Templates by (kind, shape), compiled on first use by `build(slots)`."""

    def __init__(self):
        self._templates: dict[tuple, Template] = {}
        self._lock = Lock()

    def get(self, kind: str, slots: Slots, build: Callable[[Slots], Template]) -> Template:
        key = (kind, slots.shape())
        template = self._templates.get(key)
        if template is None:
            template = build(slots)
            with self._lock:
                if len(self._templates) >= MAX_TEMPLATES:
                    self._templates.clear()
                self._templates[key] = template
        return template

    def clear(self) -> None:
        with self._lock:
            self._templates.clear()
