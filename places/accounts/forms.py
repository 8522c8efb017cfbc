"""Forms of the accounts and the host's dashboard (labels and errors in French)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """What allauth's sign-up asks besides the address and the password: a name to show."""

    name = forms.CharField(
        label=_("Nom affiché (facultatif)"),
        max_length=150,
        required=False,
        help_text=_("Comment vous présenter aux autres hôtes : prénom, nom ou pseudonyme."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data.get("name", "")
        user.save(update_fields=["name"])


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique de la personne à inviter"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=80,
        help_text=_("Pour vous y retrouver, par exemple « tableur de l’association »."),
    )
