"""Opening an invitation link: signed in, accept it; signed out, sign in or sign up first.

A signed-out visitor's link is kept in the session: once they are signed in (after signing
in, or after signing up and confirming their address in this browser), the account adapter
accepts it. Elsewhere, opening the link again while signed in accepts it.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from places.accounts import services
from places.accounts.invitations import InvalidInvitation, invitation_from_token

PENDING_INVITATION = "accounts.invitation"  # session: the token of a link opened signed out


def accept_pending(request: HttpRequest) -> bool:
    """Accepts the invitation kept in the session, if any, for the person now signed in."""
    token = request.session.pop(PENDING_INVITATION, None)
    if not token:
        return False
    return _accept(request, token)


def _accept(request: HttpRequest, token: str) -> bool:
    try:
        hosting = services.hosting_accept(token=token, user=request.user)
    except InvalidInvitation as error:
        messages.error(request, error.message)
        return False
    messages.success(
        request,
        _("Vous êtes maintenant hôte de « %(place)s ».") % {"place": hosting.place.name},
    )
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invite = invitation_from_token(token)
    except InvalidInvitation as error:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"message": error.message},
            status=error.status,
        )
    if not request.user.is_authenticated:
        request.session[PENDING_INVITATION] = token
        if request.method == "POST":
            return redirect(reverse("account_login"))
        context = {
            "invitation": invite,
            "signup_url": reverse("account_signup") + "?" + urlencode({"email": invite.email}),
        }
        return render(request, "accounts/invitation.html", context)
    if request.method == "POST":
        if _accept(request, token):
            return redirect("accounts:dashboard")
        return redirect(request.path)
    return render(request, "accounts/invitation.html", {"invitation": invite})
