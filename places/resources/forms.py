"""Forms of the resource centre: its search (pages and API alike) and a host's proposal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places.forms import SlugChoiceField
from places.models import Place
from places.resources import uploads
from places.resources.filters import SORT_DATE, SORT_RELEVANCE, ResourceFilters
from places.resources.models import Resource, Stage, Theme


class ResourceSearchForm(forms.Form):
    """The query string of /ressources/ and /api/resources/."""

    q = forms.CharField(label=_("Chercher une ressource"), max_length=200, required=False)
    theme = SlugChoiceField(Theme.objects.all(), label=_("Thèmes"))
    stage = SlugChoiceField(Stage.objects.all(), label=_("Étapes du projet"))
    kind = forms.MultipleChoiceField(
        label=_("Nature"),
        choices=Resource.Kind.choices,
        required=False,
        error_messages={
            "invalid_choice": _("« %(value)s » n’existe pas ; choisissez parmi la liste.")
        },
    )
    place = SlugChoiceField(Place.objects.published(), label=_("Lieu qui la propose"))
    tri = forms.ChoiceField(
        label=_("Trier par"),
        choices=[(SORT_RELEVANCE, _("pertinence")), (SORT_DATE, _("date"))],
        required=False,
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)

    def filters(self) -> ResourceFilters:
        data = self.cleaned_data
        return ResourceFilters(
            q=data.get("q", "").strip(),
            themes=tuple(t.slug for t in data.get("theme") or ()),
            stages=tuple(s.slug for s in data.get("stage") or ()),
            kinds=tuple(data.get("kind") or ()),
            places=tuple(p.slug for p in data.get("place") or ()),
            sort=data.get("tri") or SORT_RELEVANCE,
        )


class ResourceProposalForm(forms.ModelForm):
    """What a host proposes for their place: pending until a coordinator publishes it."""

    upload = forms.FileField(
        label=_("Fichier (facultatif)"),
        required=False,
        help_text=_("PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG ou WebP."),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "body",
            "kind",
            "themes",
            "stages",
            "link",
            "author",
            "licence",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "stages": forms.CheckboxSelectMultiple,
        }

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                self.file_type = uploads.check(upload)
            except uploads.FileRefused as error:
                raise forms.ValidationError(str(error), code="refused") from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("link") and not cleaned.get("upload") and not cleaned.get("body"):
            raise forms.ValidationError(
                _(
                    "Ajoutez un contenu, un lien ou un fichier : une ressource doit apporter quelque chose."
                )
            )
        return cleaned
