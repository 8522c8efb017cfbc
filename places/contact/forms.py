"""The forms visitors send: a message to a place's hosts, a correction of a listing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places.contact.antispam import ProtectedForm

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

    field_order = ["name", "email", "subject", "message", "website", "started"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
