"""The coordinators' view of a place's history: readable differences, and going back.

django-simple-history's admin lists the versions; here each difference reads as people
wrote it (French labels, types and services by name, a position as coordinates), the
photos' history is shown beside the place's, and a version's page is a confirmation: what
going back to it would change, then one button (coordinators only).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from places import history
from places.models import Place, PlacePhoto

# The versions' differences a coordinator can act on (restorable), or reads for context.
SHOWN_FIELDS = {*history.RESTORED_FIELDS, "types", "services", "slug", "status", "is_demo"}


class ReadableChanges(HistoricalRecordContextHelper):
    """Differences as people read them: a position as "lat, lon", lists as lists."""

    def prepare_delta_change_value(self, change, value):
        if change.field == "location" and value is not None:
            return f"{value.y:.5f}, {value.x:.5f}"
        if change.field == "social_links":
            return ", ".join(value or []) or "—"
        if isinstance(value, bool):
            return _("oui") if value else _("non")
        prepared = super().prepare_delta_change_value(change, value)
        if isinstance(prepared, list):
            return ", ".join(str(item) for item in prepared) or "—"
        return "—" if prepared in ("", None) else prepared


class PlaceHistoryAdmin(SimpleHistoryAdmin):
    """History of a place in the admin, with its photos, and a confirmed revert."""

    object_history_template = "admin/places/place/object_history.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        photos = (
            PlacePhoto.history.filter(place_id=unquote(object_id))
            .select_related("history_user")
            .order_by("-history_date")[:100]
        )
        return super().history_view(
            request, object_id, extra_context={**(extra_context or {}), "photo_versions": photos}
        )

    # A version's page: simple-history's own form would restore the texts but not the types
    # and services, and saves on POST whatever the permission; this one confirms, then goes
    # back to the whole version through places.history.place_revert.
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in {"GET", "POST"}:
            return HttpResponseNotAllowed(["GET", "POST"])
        place = self.get_object(request, unquote(object_id))
        if place is None:
            raise Http404
        if not self.has_view_history_or_change_history_permission(request, place):
            raise PermissionDenied
        try:
            version = place.history.select_related("history_user").get(history_id=version_id)
        except (place.history.model.DoesNotExist, ValueError):
            raise Http404 from None
        may_revert = self.has_change_permission(request, place)
        if request.method == "POST":
            if not may_revert:
                raise PermissionDenied
            history.place_revert(place=place, version=version, by=request.user)
            self.message_user(
                request,
                _("« %(name)s » est revenu à la version du %(date)s.")
                % {"name": place, "date": _local(version.history_date)},
                messages.SUCCESS,
            )
            return redirect("admin:places_place_history", place.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": place,
            "version": version,
            "changes": self.changes_back_to(place, version),
            "may_revert": may_revert,
            "title": _("Revenir à la version du %(date)s ?")
            % {"date": _local(version.history_date)},
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/places/place/revert.html", context)

    def changes_back_to(self, place: Place, version) -> list[dict]:
        """What going back to `version` changes: each field with its value now and then."""
        current = history.versions_of(place).first()
        if current is None or current.history_id == version.history_id:
            return []
        delta = current.diff_against(
            version, included_fields=SHOWN_FIELDS, foreign_keys_are_objs=True
        )
        helper = ReadableChanges(Place, current, max_displayed_delta_change_chars=600)
        return [
            {
                "field": change.field,
                "then": change.old,
                "now": change.new,
                "restored": name in history.RESTORED_FIELDS or name in {"types", "services"},
            }
            for name, change in (
                (change.field, helper.format_delta_change(change)) for change in delta.changes
            )
        ]


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y à H:i")
