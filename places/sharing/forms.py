"""The query string of /salles-et-materiel/, /api/spaces/ and /api/equipment/."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places import geo, geocoding
from places.forms import FlagField, unknown_place
from places.sharing.filters import SharedFilters
from places.sharing.models import Equipment, Space


class SharedSearchForm(forms.Form):
    """Spaces (`model=Space`, with `capacite`) or equipment (`model=Equipment`); `ou` is read
    as on places (the address API, then the directory's communes)."""

    q = forms.CharField(label=_("Que cherchez-vous ?"), max_length=200, required=False)
    kind = forms.MultipleChoiceField(label=_("Type"), required=False)
    capacite = forms.IntegerField(
        label=_("Pour combien de personnes ?"), min_value=1, max_value=10000, required=False
    )
    ou = forms.CharField(label=_("Autour de"), max_length=120, required=False)
    near = forms.CharField(max_length=60, required=False, widget=forms.HiddenInput)
    rayon = forms.CharField(label=_("Dans un rayon de"), max_length=10, required=False)
    gratuit = FlagField(label=_("Gratuit"), required=False)
    accessible = FlagField(label=_("Accessible en fauteuil roulant"), required=False)
    place = forms.SlugField(label=_("Lieu"), max_length=160, required=False)

    def __init__(self, data=None, *, model=Space, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.model = model
        self.fields["kind"].choices = model.Kind.choices
        if model is Equipment:
            del self.fields["capacite"]
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

    def clean_rayon(self):
        return self._parse("rayon", geo.parse_radius_km)

    def clean(self):
        cleaned = super().clean()
        where = (cleaned.get("ou") or "").strip()
        if where and cleaned.get("near") is None and "near" not in self.errors:
            self.located = geocoding.locate(where)
            if self.located is None:
                self.add_error("ou", unknown_place(where))
        return cleaned

    def filters(self) -> SharedFilters:
        """The validated search (call after `is_valid()`)."""
        data = self.cleaned_data
        origin = data.get("near")
        origin_label = (data.get("ou") or "").strip() if origin is not None else ""
        if origin is None and self.located is not None:
            origin, origin_label = self.located.point, self.located.label
        return SharedFilters(
            q=data.get("q", "").strip(),
            kinds=tuple(data.get("kind") or ()),
            capacity=data.get("capacite"),
            origin=origin,
            origin_label=origin_label,
            radius_km=data.get("rayon") if origin is not None else None,
            free=bool(data.get("gratuit")),
            accessible=bool(data.get("accessible")),
            place=data.get("place") or "",
        )
