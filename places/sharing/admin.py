"""Coordinators' admin of spaces and equipment (the rule of places.accounts.permissions)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from places.accounts.permissions import is_coordinator
from places.sharing.models import Equipment, Space


class CoordinatorsOnly:
    """Coordinators (those who may change places) manage what places share."""

    def has_module_permission(self, request):
        return is_coordinator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_add_permission(self, request):
        return is_coordinator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user)


@admin.register(Space)
class SpaceAdmin(CoordinatorsOnly, SimpleHistoryAdmin):
    list_display = ["name", "place", "kind", "capacity", "price_kind", "price_amount"]
    list_filter = ["kind", "price_kind"]
    search_fields = ["name", "place__name", "place__commune"]
    autocomplete_fields = ["place"]
    list_select_related = ["place"]


@admin.register(Equipment)
class EquipmentAdmin(CoordinatorsOnly, SimpleHistoryAdmin):
    list_display = ["name", "place", "kind", "quantity", "price_kind", "training_required"]
    list_filter = ["kind", "price_kind", "training_required"]
    search_fields = ["name", "place__name", "place__commune"]
    autocomplete_fields = ["place"]
    list_select_related = ["place"]
