"""The forms of the edit page: the whole listing, and its photos."""

from django import forms
from django.contrib.postgres.forms import SimpleArrayField
from django.utils.translation import gettext_lazy as _

from places import geo
from places.models import Place, PlacePhoto
from places.models.place import SOCIAL_LINKS_MAX, WebURLFormField
from places.photos import MAX_PER_UPLOAD

# The fields of the listing a host edits (not its address on the site, status or demo flag).
EDITED_FIELDS = [
    "name",
    "summary",
    "description",
    "types",
    "services",
    "address",
    "postcode",
    "commune",
    "opening_hours",
    "phone",
    "email",
    "website",
    "social_links",
    "welcomes_founders",
    "wheelchair",
    "hearing_notes",
    "sight_notes",
    "acceslibre_url",
]


class LinesField(SimpleArrayField):
    """A few URLs, one per line (empty lines ignored), each checked as its own field."""

    widget = forms.Textarea

    def __init__(self, base_field, **kwargs):
        super().__init__(base_field, delimiter="\n", **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = "\n".join(line.strip() for line in value.splitlines() if line.strip())
        return super().to_python(value)


class PlaceEditForm(forms.ModelForm):
    """The whole listing; its position as two numbers (the map sets them when it can)."""

    latitude = forms.FloatField(
        label=_("Latitude"),
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
    )
    # The place's version when the page was opened: a save over someone else's is refused.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Place
        fields = EDITED_FIELDS
        widgets = {
            "types": forms.CheckboxSelectMultiple,
            "services": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "opening_hours": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "wheelchair": forms.RadioSelect,
            "hearing_notes": forms.Textarea(attrs={"rows": 2}),
            "sight_notes": forms.Textarea(attrs={"rows": 2}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postcode": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
        }
        help_texts = {
            "email": _("Jamais affichée sur le site : les messages des visiteurs y sont relayés."),
            "address": _("Numéro et rue, ou lieu-dit."),
            "website": _("Par exemple https://exemple.fr"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checkboxes carry no `required` of their own: the legend says it.
        self.fields["types"].label = _("Types (obligatoire : au moins un)")
        self.fields["social_links"] = LinesField(
            WebURLFormField(max_length=200),
            label=_("Réseaux sociaux et autres pages"),
            required=False,
            max_length=SOCIAL_LINKS_MAX,
            help_text=_("Une adresse par ligne (Facebook, Instagram, Mastodon…), %(n)d au plus.")
            % {"n": SOCIAL_LINKS_MAX},
            widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        )
        # Not asked of older clients (the API, the proposal form): left out, it stays as it is.
        self.fields["wheelchair"].required = False
        if self.instance.pk and not self.is_bound:
            self.initial.setdefault("latitude", round(self.instance.latitude, 6))
            self.initial.setdefault("longitude", round(self.instance.longitude, 6))
            self.initial.setdefault("seen", self.instance.updated_at.isoformat())

    def clean_wheelchair(self):
        return self.cleaned_data.get("wheelchair") or self.instance.wheelchair or "unknown"

    def clean(self):
        cleaned = super().clean()
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if lat is not None and lon is not None:
            try:
                cleaned["location"] = geo.make_point(lat=lat, lon=lon)
            except ValueError as error:
                raise forms.ValidationError(str(error), code="invalid_point") from None
        return cleaned

    def clean_postcode(self):
        # `\d` would also take other scripts' digits, which the database refuses.
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not (postcode.isascii() and postcode.isdigit() and len(postcode) == 5):
            raise forms.ValidationError(
                _("Un code postal s’écrit avec cinq chiffres."), code="invalid"
            )
        return postcode


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files of one input (Django's documented recipe): a list, each one checked."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class PhotoUploadForm(forms.Form):
    """Photos sent at once, each with its description (one for all of them without JS)."""

    photos = MultipleFileField(
        label=_("Choisir des photos"),
        help_text=_("JPEG, PNG ou WebP ; %(n)d photos au plus à la fois.") % {"n": MAX_PER_UPLOAD},
    )
    alt = forms.CharField(
        label=_("Description de la photo"),
        max_length=250,
        help_text=_(
            "Ce que montre la photo, pour qui ne la voit pas. Pour plusieurs photos envoyées "
            "ensemble, elle vaut pour chacune : vous pourrez la préciser ensuite."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("photos") or []
        alts = [alt.strip() for alt in self.data.getlist("alt")]
        if not files:
            return cleaned
        if len(files) > MAX_PER_UPLOAD:
            raise forms.ValidationError(
                _("%(n)d photos au plus à la fois.") % {"n": MAX_PER_UPLOAD}, code="too_many"
            )
        if len(alts) == 1:
            alts = alts * len(files)
        if len(alts) != len(files) or not all(alts):
            raise forms.ValidationError(
                _("Décrivez chaque photo : la description est obligatoire."), code="alt"
            )
        if any(len(alt) > 250 for alt in alts):
            raise forms.ValidationError(_("Une description tient en 250 caractères."))
        for upload, alt in zip(files, alts, strict=True):
            if alt.lower() == upload.name.lower():
                raise forms.ValidationError(
                    _("« %(alt)s » est le nom du fichier : dites plutôt ce que montre la photo.")
                    % {"alt": alt},
                    code="alt",
                )
        cleaned["uploads"] = list(zip(files, alts, strict=True))
        return cleaned


class PhotoAltForm(forms.ModelForm):
    class Meta:
        model = PlacePhoto
        fields = ["alt"]


class PhotoMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
