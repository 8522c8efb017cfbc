"""Forms: the one search form behind the list, the map and the API; a row of an import."""

import copy

from django import forms
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from places import geo, geocoding, io, wording
from places.filters import PlaceFilters
from places.models import DataVersion, Place, PlaceType, Service

SPACES = "sharing"  # the data version of the spaces that `capacite` reads (places.sharing)
TRUE_VALUES = {"1", "true", "on", "oui", "yes"}
FALSE_VALUES = {"", "0", "false", "off", "non", "no"}


class SlugChoiceField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": _("« %(value)s » n’existe pas ; choisissez parmi la liste."),
        "invalid_pk_value": _("« %(pk)s » n’est pas un identifiant valide."),
    }

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class FlagField(forms.Field):
    """`ouvert=1`, `porteurs=1`: strict about what it accepts, so a typo is an error and not a silent no."""

    def to_python(self, value):
        text = str(value or "").strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise forms.ValidationError(_("Valeur attendue : 1 ou 0."), code="invalid")


def unknown_place(where: str) -> forms.ValidationError:
    """The error of an `ou=` that no geocoder nor the directory knows."""
    return forms.ValidationError(
        _(
            "Nous ne trouvons pas « %(place)s ». Essayez le nom d’une commune "
            "(Flers, Domfront…) ou un code postal (61100)."
        ),
        code="unknown_place",
        params={"place": where},
    )


def known_commune(name: str) -> bool:
    """Whether a published place is in a commune of that name (any case and accents)."""
    return Place.objects.published().in_commune(name).exists()


class PlaceSearchForm(forms.Form):
    """The query string of /lieux/, / and /api/places/; `filters()` gives the selector's input."""

    q = forms.CharField(label=_("Que cherchez-vous ?"), max_length=200, required=False)
    type = SlugChoiceField(PlaceType.objects.all(), label=_("Types de lieux"))
    service = SlugChoiceField(Service.objects.all(), label=_("Services"))
    commune = forms.CharField(label=_("Commune"), max_length=100, required=False)
    ou = forms.CharField(label=_("Autour de"), max_length=120, required=False)
    near = forms.CharField(max_length=60, required=False, widget=forms.HiddenInput)
    rayon = forms.CharField(label=_("Dans un rayon de"), max_length=10, required=False)
    ouvert = FlagField(label=_("Ouvert maintenant"), required=False)
    porteurs = FlagField(label=_("Accueille les porteurs de projet"), required=False)
    accessible = FlagField(label=_("Accessible en fauteuil roulant"), required=False)
    capacite = forms.IntegerField(
        label=_("Une salle pour (personnes)"), min_value=1, max_value=10000, required=False
    )
    bbox = forms.CharField(max_length=120, required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.located: geocoding.Located | None = None

    def _parse(self, name: str, parser):
        value = self.cleaned_data.get(name, "").strip()
        if not value:
            return None
        try:
            return parser(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def clean_near(self):
        return self._parse("near", geo.parse_point)

    def clean_bbox(self):
        return self._parse("bbox", geo.parse_bbox)

    def clean_rayon(self):
        return self._parse("rayon", geo.parse_radius_km)

    def clean(self):
        cleaned = super().clean()
        where = (cleaned.get("ou") or "").strip()
        if where and cleaned.get("near") is None and "near" not in self.errors:
            self.located = geocoding.locate(where)
            if self.located is None:
                self.add_error("ou", unknown_place(where))
        self._read_text(cleaned)
        return cleaned

    def _read_text(self, cleaned: dict) -> None:
        """ "Une salle pour 20 personnes près de Flers": a capacity and a town in the text
        become `capacite` and `ou` (unless the query string gives them), the rest is
        searched."""
        typed = (cleaned.get("q") or "").strip()
        if not typed or self.errors:
            return
        reading = wording.read(typed, is_town=known_commune)
        cleaned["q"] = reading.text
        if cleaned.get("capacite") is None and (reading.capacity or reading.room):
            cleaned["capacite"] = reading.capacity or 1
        if reading.town and cleaned.get("near") is None and self.located is None:
            self.located = geocoding.locate(reading.town)

    def filters(self) -> PlaceFilters:
        """The validated search (call after `is_valid()`)."""
        data = self.cleaned_data
        origin = data.get("near")
        # With a point, `ou` only names it ("near=…&ou=La Grange": around La Grange).
        origin_label = (data.get("ou") or "").strip() if origin is not None else ""
        if origin is None and self.located is not None:
            origin, origin_label = self.located.point, self.located.label
        return PlaceFilters(
            q=data.get("q", "").strip(),
            types=tuple(t.slug for t in data.get("type") or ()),
            services=tuple(s.slug for s in data.get("service") or ()),
            commune=data.get("commune", "").strip(),
            origin=origin,
            origin_label=origin_label,
            radius_km=data.get("rayon") if origin is not None else None,
            open_now=bool(data.get("ouvert")),
            founders=bool(data.get("porteurs")),
            accessible=bool(data.get("accessible")),
            capacity=data.get("capacite"),
            spaces_version=DataVersion.current(SPACES).version if data.get("capacite") else None,
            bbox=data.get("bbox"),
        )


class TaxonField(forms.Field):
    """Slugs of types or services, checked against a dictionary loaded once per import."""

    def __init__(self, *, choices: dict, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else str(value).split(";")
        slugs = [str(slug).strip() for slug in values if str(slug).strip()]
        unknown = [slug for slug in slugs if slug not in self.choices]
        if unknown:
            raise forms.ValidationError(
                _("inconnu : %(slugs)s ; possibles : %(known)s"),
                code="unknown",
                params={"slugs": ", ".join(unknown), "known": ", ".join(self.choices)},
            )
        return [self.choices[slug] for slug in dict.fromkeys(slugs)]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class _SharedFields(dict):
    """Form fields that every form of a class uses as they are, instead of copies."""

    def __deepcopy__(self, memo):
        return _SharedFields(self)


class PlaceImportForm(forms.ModelForm):
    """One row of an imported file; missing columns keep the place's current values.

    Only `name` and the coordinates are required (the SPEC's import contract): a row
    without `commune` or `types` is a place still to be completed, not a bad row.
    """

    lat = forms.FloatField(min_value=-90, max_value=90)
    lon = forms.FloatField(min_value=-180, max_value=180)
    welcomes_founders = FlagField(required=False)
    is_demo = FlagField(required=False)

    class Meta:
        model = Place
        # The columns of the file format, but for types and services (see `for_import`).
        fields = [name for name in io.FIELDS if name not in io.LIST_FIELDS]

    @classmethod
    def for_import(cls, *, type_choices: dict, service_choices: dict) -> type["PlaceImportForm"]:
        """The form of one import's rows, whose fields are made once and shared by its rows.

        A form copies its fields for each instance (deeply): a quarter of the time of
        checking a row. These fields keep no state while they clean a value, and a row's
        form is never rendered, so the rows of an import share one set of them."""
        fields = copy.deepcopy(cls.base_fields)
        fields["commune"].required = False
        # Free text is kept exactly as the file has it: a value's leading tab or space is
        # part of it (RFC 4180 says so of CSV cells, JSON of strings). Taking it away would
        # change what an export imports back into, and "\t=2+5" would become "=2+5", a
        # formula for the next spreadsheet. Other values (slugs, e-mails, postcodes...) are
        # trimmed, as their own syntax has no room for white space around them.
        for name in io.FREE_TEXT_FIELDS:
            fields[name].strip = False
        fields["types"] = TaxonField(choices=type_choices, required=False)
        fields["services"] = TaxonField(choices=service_choices, required=False)
        form_class = type(cls.__name__, (cls,), {"__module__": cls.__module__})
        form_class.base_fields = _SharedFields(fields)
        return form_class

    def clean_name(self):
        name = self.cleaned_data["name"]
        if not name.strip():
            raise forms.ValidationError(self.fields["name"].error_messages["required"], "required")
        return name

    def clean_postcode(self):
        # Python's `\d` also takes other scripts' digits ("６１１００"), which the database's
        # check constraint refuses: the import would fail on writing instead of reporting.
        postcode = self.cleaned_data["postcode"]
        if postcode and not (postcode.isascii() and postcode.isdigit() and len(postcode) == 5):
            raise forms.ValidationError(
                _("Un code postal s’écrit avec cinq chiffres."), code="invalid"
            )
        return postcode

    def validate_unique(self):
        """Slugs are matched to existing places by the import itself (update by slug)."""

    def _post_clean(self):
        # ModelForm's own version also checks the model's CheckConstraints, with one query
        # each: four per row, 90 % of the time of checking a file. They repeat the fields'
        # validators, and PostgreSQL enforces them anyway when the import is written.
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields)
        except forms.ValidationError as error:
            self._update_errors(error)
        try:
            self.instance.full_clean(
                exclude=self._get_validation_exclusions(),
                validate_unique=False,
                validate_constraints=False,
            )
        except forms.ValidationError as error:
            self._update_errors(error)
