"""The coordinators' admin: places on a map widget, moderation, imports with a preview."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from leaflet.admin import LeafletGeoAdmin

from places import history, io, tasks
from places.history_admin import PlaceHistoryAdmin
from places.models import Place, PlaceImport, PlaceType, Service
from places.models.place import PLACE_HISTORY

# Seconds between two refreshes of an upload's page while its check or import runs.
REFRESH_SECONDS = 2


admin.site.site_header = gettext_lazy("La Fabrique du Bocage — administration")
admin.site.site_title = gettext_lazy("Administration de La Fabrique du Bocage")
admin.site.index_title = gettext_lazy("Coordination du réseau")


@admin.register(PlaceType)
class PlaceTypeAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "family", "colour", "icon", "position"]
    list_editable = ["position"]
    list_filter = ["family"]
    search_fields = ["label", "slug"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "icon", "position"]
    list_editable = ["position"]
    search_fields = ["label", "slug"]


@admin.register(Place)
class PlaceAdmin(PlaceHistoryAdmin, LeafletGeoAdmin):
    list_display = ["name", "commune", "status", "type_list", "welcomes_founders", "updated_at"]
    list_filter = ["status", "types", "services", "welcomes_founders", "is_demo", "commune"]
    search_fields = ["name", "commune", "postcode", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at", "checked_at"]
    actions = ["publish", "archive"]
    date_hierarchy = "updated_at"
    change_list_template = "admin/places/place/change_list.html"
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "types", "summary", "description"]}),
        (
            gettext_lazy("Position"),
            {
                "fields": ["location", "address", "postcode", "commune"],
                "description": gettext_lazy(
                    "Sur la carte, choisissez l’outil « marqueur » puis cliquez où est le lieu ; "
                    "l’outil « modifier » permet de le déplacer. Sans souris, écrivez le point "
                    "dans le champ texte sous la carte : "
                    '{"type": "Point", "coordinates": [longitude, latitude]}.'
                ),
            },
        ),
        (
            gettext_lazy("Accueil du public"),
            {"fields": ["opening_hours", "services", "welcomes_founders"]},
        ),
        (
            gettext_lazy("Accessibilité"),
            {"fields": ["wheelchair", "hearing_notes", "sight_notes", "acceslibre_url"]},
        ),
        (gettext_lazy("Contact"), {"fields": ["phone", "email", "website"]}),
        (gettext_lazy("Suivi"), {"fields": ["is_demo", "created_at", "updated_at", "checked_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("types", queryset=PlaceType.objects.order_by("position")))
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "location":
            # The GeoJSON text under the map, for keyboards and for pasting coordinates.
            field.widget.attrs["display_raw"] = True
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # One version per change, taken once the types and services are saved too.
    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        place = form.instance
        place.__dict__.pop("skip_history_when_saving", None)
        PLACE_HISTORY.create_historical_record(place, "~" if change else "+")

    @admin.display(description=gettext_lazy("types"))
    def type_list(self, place: Place) -> str:
        return ", ".join(t.label for t in place.types.all())

    def _set_status(self, request, queryset, status: str) -> int:
        """Each place saved, so that its history says who published or archived it."""
        count = 0
        for place in queryset.exclude(status=status):
            with history.one_version(place, by=request.user):
                place.status = status
                place.save(update_fields=["status", "updated_at"])
            count += 1
        return count

    @admin.action(description=gettext_lazy("Publier les lieux choisis"), permissions=["change"])
    def publish(self, request, queryset):
        count = self._set_status(request, queryset, Place.Status.PUBLISHED)
        message = ngettext("%(n)d lieu publié.", "%(n)d lieux publiés.", count)
        self.message_user(request, message % {"n": count}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Archiver les lieux choisis"), permissions=["change"])
    def archive(self, request, queryset):
        count = self._set_status(request, queryset, Place.Status.ARCHIVED)
        message = ngettext("%(n)d lieu archivé.", "%(n)d lieux archivés.", count)
        self.message_user(request, message % {"n": count}, messages.SUCCESS)

    # --- Import with a preview -------------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.import_view),
                name="places_place_import",
            ),
            path(
                "importer/<int:pk>/",
                self.admin_site.admin_view(self.import_confirm_view),
                name="places_place_import_confirm",
            ),
            *super().get_urls(),
        ]

    def _check_import_permission(self, request) -> None:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def _render_import(self, request, context: dict, *, status: int = 200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importer des lieux"),
            **context,
        }
        return TemplateResponse(request, "admin/places/place/import.html", context, status=status)

    def import_view(self, request):
        """Step 1: upload a file. It is stored and queued for checking, and the answer comes
        at once: the checking (and later the import) runs in the task queue."""
        self._check_import_permission(request)
        if request.method not in {"GET", "POST"}:
            return HttpResponseNotAllowed(["GET", "POST"])
        if request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
        else:
            form = ImportUploadForm()
        if form.is_bound and form.is_valid():
            upload = form.cleaned_data["file"]
            batch = PlaceImport.objects.create(
                filename=upload.name[:255],
                fmt=form.cleaned_data["fmt"],
                file=upload,
                created_by=request.user,
            )
            tasks.check_place_import.enqueue(batch.pk)
            return redirect("admin:places_place_import_confirm", pk=batch.pk)
        recent = PlaceImport.objects.select_related("created_by")[:10]
        return self._render_import(
            request, {"form": form, "recent": recent}, status=400 if form.errors else 200
        )

    def import_confirm_view(self, request, pk: int):
        """Step 2: where the upload stands (its progress, refreshed while it works), then its
        preview; confirming queues the import, all or nothing."""
        self._check_import_permission(request)
        if request.method not in {"GET", "POST"}:
            return HttpResponseNotAllowed(["GET", "POST"])
        if request.method == "POST":
            # Once: a second confirmation finds nothing left to confirm.
            confirmed = PlaceImport.objects.filter(pk=pk, status=PlaceImport.Status.CHECKED).update(
                status=PlaceImport.Status.IMPORT_QUEUED
            )
            if not confirmed:
                raise Http404
            tasks.apply_place_import.enqueue(pk)
            return redirect("admin:places_place_import_confirm", pk=pk)
        batch = get_object_or_404(PlaceImport, pk=pk)
        return self._render_import(
            request,
            {
                "batch": batch,
                "report": batch.report,
                "filename": batch.filename,
                "refresh_seconds": REFRESH_SECONDS if batch.working else None,
            },
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_url": reverse("admin:places_place_import"),
        }
        return super().changelist_view(request, extra_context=extra_context)


class ImportUploadForm(forms.Form):
    """The upload's name and size only: what is in it is for the task queue to check."""

    file = forms.FileField(
        label=gettext_lazy("Fichier .geojson ou .csv (UTF-8)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(mb)d Mo au plus.") % {"mb": io.MAX_MEGABYTES}

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        try:
            io.check_size(upload.size)
            cleaned["fmt"] = io.file_format(upload.name)
        except io.FormatError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned
