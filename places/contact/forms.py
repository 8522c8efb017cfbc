"""The forms visitors send: a message to a place's hosts, a correction of a listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places.contact.antispam import ProtectedForm
from places.contact.models import SUGGESTED_FIELDS
from places.models import Place

SUBJECT_MAX = 150
MESSAGE_MAX = 5000


class ContactForm(ProtectedForm):
    name = forms.CharField(label=_("Votre nom"), max_length=100)
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        help_text=_("Les hôtes vous répondront à cette adresse ; vous recevez une copie."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Objet"), max_length=SUBJECT_MAX)
    message = forms.CharField(
        label=_("Votre message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    field_order = ["name", "email", "subject", "message", "homepage", "started"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class SuggestionForm(ProtectedForm):
    """A copy of the listing's texts to correct, checked as the listing's own fields are."""

    name = forms.CharField(label=_("Votre nom"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        help_text=_("Pour vous répondre ; elle n’est montrée à personne et effacée après."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    comment = forms.CharField(
        label=_("Un commentaire pour les hôtes"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, place, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = place
        for name in SUGGESTED_FIELDS:
            # Required where the listing's field is (its commune): a correction cannot empty it.
            self.fields[name] = Place._meta.get_field(name).formfield()
            self.initial.setdefault(name, getattr(place, name))
        self.fields["summary"].widget = forms.Textarea(attrs={"rows": 3, "maxlength": 280})
        self.fields["description"].widget.attrs["rows"] = 8
        self.order_fields([*SUGGESTED_FIELDS, "comment", "name", "email"])

    def listing_fields(self) -> list:
        return [self[name] for name in SUGGESTED_FIELDS]

    def changes(self) -> dict:
        """{field: {"before", "after"}} for every field the visitor changed."""
        found = {}
        for name in SUGGESTED_FIELDS:
            before = getattr(self.place, name) or ""
            after = self.cleaned_data.get(name) or ""
            if str(after).strip() != str(before).strip():
                found[name] = {"before": before, "after": after}
        return found

    def clean(self):
        data = super().clean()
        for name in SUGGESTED_FIELDS:
            # The model's own checks (phone, postcode, opening hours...), as an edit has.
            if data.get(name) and name not in self.errors:
                try:
                    Place._meta.get_field(name).run_validators(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        if not self.errors and not self.changes() and not data.get("comment", "").strip():
            raise forms.ValidationError(
                _("Vous n’avez rien changé : corrigez un champ, ou dites-nous ce qui ne va pas."),
                code="nothing",
            )
        return data


class RefusalForm(forms.Form):
    answer = forms.CharField(
        label=_("Message à l’auteur"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Envoyé par courriel à la personne qui a fait la suggestion."),
    )
