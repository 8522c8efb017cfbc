"""The coordinators' admin of the resource centre: moderation (publish), files checked by
their content, themes and stages (with the founder's path texts)."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from places.resources import services, uploads
from places.resources.models import Resource, ResourceFile, Stage, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["label"]}


class ResourceFileForm(forms.ModelForm):
    """A file checked as on the hosts' form: its type from its content, its size."""

    class Meta:
        model = ResourceFile
        fields = ["file", "name", "position"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            try:
                self.file_type = uploads.check(upload)
            except uploads.FileRefused as error:
                raise forms.ValidationError(str(error), code="refused") from None
        return upload

    def save(self, commit=True):
        item = super().save(commit=False)
        file_type = getattr(self, "file_type", None)
        if file_type is not None:
            item.content_type = file_type.content_type
            item.size = item.file.size
        if commit:
            item.save()
        return item


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    form = ResourceFileForm
    extra = 1
    fields = ["file", "name", "position", "content_type", "size"]
    readonly_fields = ["content_type", "size"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "place", "published_at", "updated_at"]
    list_filter = ["status", "kind", "themes", "stages"]
    search_fields = ["title", "summary", "author"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["place"]
    filter_horizontal = ["themes", "stages"]
    readonly_fields = ["proposed_by", "created_at", "updated_at", "download_total"]
    inlines = [ResourceFileInline]
    actions = ["publish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "kind", "summary", "body", "link"]}),
        (gettext_lazy("Classement"), {"fields": ["themes", "stages", "place"]}),
        (
            gettext_lazy("Origine"),
            {
                "fields": [
                    "author",
                    "licence",
                    "proposed_by",
                    "published_at",
                    "created_at",
                    "updated_at",
                    "download_total",
                ]
            },
        ),
    ]

    @admin.display(description=gettext_lazy("téléchargements"))
    def download_total(self, resource: Resource) -> int:
        counter = getattr(resource, "download_count", None)
        return counter.count if counter else 0

    @admin.action(description=gettext_lazy("Publier les ressources choisies"))
    def publish(self, request, queryset):
        count = services.resource_publish(resources=queryset)
        self.message_user(
            request,
            ngettext("%(count)d ressource publiée.", "%(count)d ressources publiées.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        if obj.status == Resource.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)
