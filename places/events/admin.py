"""The coordinators' side of the agenda: every event, its changed dates, the imported feeds."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin

from places.events import services
from places.events.models import Event, EventFeed, OccurrenceChange


class OccurrenceChangeInline(admin.TabularInline):
    model = OccurrenceChange
    extra = 0


@admin.register(Event)
class EventAdmin(LeafletGeoAdmin):
    list_display = ["title", "place", "start", "category", "status", "rule"]
    list_filter = ["status", "category", "all_day"]
    search_fields = ["title", "place__name"]
    autocomplete_fields = ["place"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["uid", "sequence", "feed", "feed_uid"]
    inlines = [OccurrenceChangeInline]

    def save_related(self, request, form, formsets, change):
        # The changed dates are saved with the event: its occurrences are rebuilt after them.
        super().save_related(request, form, formsets, change)
        services.event_save(event=form.instance)


@admin.register(EventFeed)
class EventFeedAdmin(admin.ModelAdmin):
    list_display = ["url", "place", "last_checked_at", "last_success_at", "last_error"]
    search_fields = ["url", "place__name"]
    autocomplete_fields = ["place"]
    readonly_fields = ["last_checked_at", "last_success_at", "last_error"]
