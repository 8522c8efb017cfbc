"""The coordinators' admin of accounts (the e-mail address as the name), of the hosts of
each place, of invitations and of API tokens."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from places.accounts import selectors, services
from places.accounts.models import ApiToken, Hosting, Invitation, User
from places.admin import PlaceAdmin
from places.models import Place


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "name"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Présentation"), {"fields": ["name"]}),
        (
            _("Droits"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "name", "usable_password", "password1", "password2"],
            },
        ),
    ]


class HostingInline(admin.TabularInline):
    """The hosts of a place, on the place's admin page: coordinators add and remove them."""

    model = Hosting
    fk_name = "place"
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "added_at", "added_by"]
    readonly_fields = ["added_at", "added_by"]
    verbose_name = _("hôte")
    verbose_name_plural = _("hôtes du lieu")


class HostsFilter(admin.SimpleListFilter):
    """Places whose last host left: coordinators look after them."""

    title = _("hôtes")
    parameter_name = "hotes"

    def lookups(self, request, model_admin):
        return [("aucun", _("sans hôte")), ("oui", _("avec au moins un hôte"))]

    def queryset(self, request, queryset):
        if self.value() == "aucun":
            return queryset.filter(hostings__isnull=True)
        if self.value() == "oui":
            return queryset.filter(hostings__isnull=False).distinct()
        return queryset


# The places' admin is the core app's; accounts add their hosts to it, as an app depends on
# `places` and never the other way round.
admin.site.unregister(Place)


@admin.register(Place)
class PlaceWithHostsAdmin(PlaceAdmin):
    inlines = [*PlaceAdmin.inlines, HostingInline]
    list_filter = [*PlaceAdmin.list_filter, HostsFilter]

    def save_formset(self, request, form, formset, change):
        if formset.model is Hosting:
            for hosting in formset.save(commit=False):
                if hosting.pk is None:
                    hosting.added_by = request.user
                hosting.save()
            for hosting in formset.deleted_objects:
                hosting.delete()
            return
        super().save_formset(request, form, formset, change)


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["place", "email"]

    def clean(self):
        cleaned = super().clean()
        place, email = cleaned.get("place"), cleaned.get("email")
        if place and email and selectors.is_hosted_by_email(place=place, email=email):
            raise ValidationError(_("%(email)s est déjà hôte de ce lieu.") % {"email": email})
        return cleaned


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Coordinators invite someone to host a place: the same invitation a host sends."""

    form = InvitationForm
    list_display = ["email", "place", "invited_by", "created_at", "accepted_at", "accepted_by"]
    list_filter = [("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "place__name"]
    autocomplete_fields = ["place"]
    readonly_fields = ["invited_by", "created_at", "accepted_at", "accepted_by"]

    def get_fields(self, request, obj=None):
        return ["place", "email"] if obj is None else ["place", "email", *self.readonly_fields]

    def has_change_permission(self, request, obj=None):
        return False  # a sent invitation is what it is; send another one

    def save_model(self, request, obj, form, change):
        sent = services.hosting_invite(place=obj.place, email=obj.email, invited_by=request.user)
        obj.pk, obj.invited_by, obj.created_at = sent.pk, sent.invited_by, sent.created_at
        obj._state.adding = False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Coordinators see the tokens and may revoke one (their keys are never stored)."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__email", "prefix"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # a person makes their own, in /espace-hote/
