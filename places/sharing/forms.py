"""The query string of /salles-et-materiel/, /api/spaces/ and /api/equipment/."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places.filters import PlaceFilters
from places.forms import FlagField, PlaceSearchForm
from places.sharing.filters import SharedFilters
from places.sharing.models import Equipment, Space

AROUND = ("ou", "near", "rayon")  # the parameters of a point, as on places


class SharedSearchForm(forms.Form):
    """Spaces (`model=Space`, with `capacite`) or equipment (`model=Equipment`); `ou`,
    `near` and `rayon` are read by the places' search form itself, so both find a point
    alike (the address API, then the directory's communes)."""

    q = forms.CharField(label=_("Que cherchez-vous ?"), max_length=200, required=False)
    kind = forms.MultipleChoiceField(label=_("Type"), required=False)
    capacite = forms.IntegerField(
        label=_("Pour combien de personnes ?"), min_value=1, max_value=10000, required=False
    )
    ou = PlaceSearchForm.base_fields["ou"]
    near = PlaceSearchForm.base_fields["near"]
    rayon = PlaceSearchForm.base_fields["rayon"]
    gratuit = FlagField(label=_("Gratuit"), required=False)
    accessible = FlagField(label=_("Accessible en fauteuil roulant"), required=False)
    place = forms.SlugField(label=_("Lieu"), max_length=160, required=False)

    def __init__(self, data=None, *, model=Space, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.model = model
        self.fields["kind"].choices = model.Kind.choices
        if model is Equipment:
            del self.fields["capacite"]
        self.around: PlaceFilters | None = None

    def clean(self):
        cleaned = super().clean()
        if any(name in self.errors for name in AROUND):
            return cleaned  # the same fields' own errors: the places' form would repeat them
        around = PlaceSearchForm({name: self.data.get(name, "") for name in AROUND})
        if around.is_valid():
            self.around = around.filters()
        else:
            for name, errors in around.errors.items():
                self.add_error(name, errors)
        return cleaned

    def filters(self) -> SharedFilters:
        """The validated search (call after `is_valid()`)."""
        data = self.cleaned_data
        return SharedFilters(
            q=data.get("q", "").strip(),
            kinds=tuple(data.get("kind") or ()),
            capacity=data.get("capacite"),
            origin=self.around.origin,
            origin_label=self.around.origin_label,
            radius_km=self.around.radius_km,
            free=bool(data.get("gratuit")),
            accessible=bool(data.get("accessible")),
            place=data.get("place") or "",
        )
