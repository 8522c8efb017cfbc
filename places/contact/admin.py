"""The coordinators' admin of contact: suggestions (decided from /espace-hote/, where the
difference is readable) and the freshness reminders sent."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from places.contact.models import FreshnessReminder, Suggestion


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["place", "created_at", "status", "decided_by", "review"]
    list_filter = ["status"]
    search_fields = ["place__name"]
    list_select_related = ["place", "decided_by"]
    readonly_fields = [
        "place",
        "name",
        "changes",
        "comment",
        "created_at",
        "decided_at",
        "decided_by",
        "applied",
        "skipped",
        "answer",
    ]
    exclude = ["email"]

    @admin.display(description=_("examiner"))
    def review(self, suggestion: Suggestion) -> str:
        url = reverse("contact:suggestion", kwargs={"pk": suggestion.pk})
        return format_html('<a href="{}">{}</a>', url, _("voir la différence"))

    def has_add_permission(self, request):
        return False


@admin.register(FreshnessReminder)
class FreshnessReminderAdmin(admin.ModelAdmin):
    list_display = ["place", "user", "sent_at", "used_at"]
    list_filter = [("used_at", admin.EmptyFieldListFilter)]
    search_fields = ["place__name", "user__email"]
    list_select_related = ["place", "user"]
    readonly_fields = ["place", "user", "sent_at", "used_at"]

    def has_add_permission(self, request):
        return False
