"""The forms of proposals: the edit page's form for a new place, a coordinator's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places.accounts.editing.forms import PlaceEditForm
from places.accounts.models import Decision


class ProposalForm(PlaceEditForm):
    """A new place: the very fields and checks of the edit page (one set of rules)."""


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (Decision.Kind.PUBLISHED, _("Publier")),
            (Decision.Kind.CHANGES_REQUESTED, _("Demander des modifications")),
            (Decision.Kind.REFUSED, _("Refuser")),
        ]
    )
    message = forms.CharField(
        label=_("Message à l’auteur"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour demander des modifications ou refuser : dites pourquoi."),
    )
