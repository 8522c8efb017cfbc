"""Invitations to host a place: sent by its hosts and the coordinators, signed, expiring,
single-use, accepted by the signed-in person who opens the link."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError

from places.accounts import invitations, services
from places.accounts.invitations import InvalidInvitation
from places.accounts.models import Hosting, Invitation
from places.accounts.permissions import can_change_place
from tests.accounts.conftest import links_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(place, inviter, email="nouvelle@example.org", capture=None):
    if capture is None:
        return services.hosting_invite(place=place, email=email, invited_by=inviter)
    with capture(execute=True):
        return services.hosting_invite(place=place, email=email, invited_by=inviter)


def token_of(invitation) -> str:
    return invitations.invitation_token(invitation)


def test_a_host_invites_a_co_host_by_a_mail_with_a_single_link(
    place, host, django_capture_on_commit_callbacks
):
    invitation = invite(place, host, "Nouvelle@Example.ORG", django_capture_on_commit_callbacks)

    assert invitation.email == "Nouvelle@example.org"
    assert invitation.invited_by == host
    [message] = mail.outbox
    assert message.to == ["Nouvelle@example.org"]
    assert message.reply_to == ["camille@example.org"]
    assert "La Grange" in message.subject
    assert "Camille vous invite à devenir hôte de « La Grange »" in message.body
    [link] = links_in(message)[:1]
    assert link.endswith(f"/espace-hote/invitation/{token_of(invitation)}/")


def test_no_mail_leaves_when_the_invitation_is_not_written(
    place, host, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(place, host)
    assert len(callbacks) == 1  # sent at commit only
    assert mail.outbox == []


def test_a_coordinator_invites_to_any_place(place, django_capture_on_commit_callbacks):
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    invite(place, coordinator, capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_a_non_host_and_the_host_of_another_place_cannot_invite(place, stranger, other_host):
    for person in (stranger, other_host):
        with pytest.raises(PermissionDenied):
            invite(place, person)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_nobody_is_invited_twice_to_a_place_they_host(place, host):
    with pytest.raises(ValidationError):
        invite(place, host, "CAMILLE@example.org")
    assert not Invitation.objects.exists()


def test_the_signed_in_person_accepts_and_becomes_host(place, host, stranger):
    invitation = invite(place, host, stranger.email)

    hosting = services.hosting_accept(token=token_of(invitation), user=stranger)

    assert hosting.place == place and hosting.user == stranger and hosting.added_by == host
    assert can_change_place(stranger, place)
    invitation.refresh_from_db()
    assert invitation.accepted_by == stranger and invitation.accepted_at is not None


def test_the_address_is_only_where_the_link_was_sent(place, host, stranger):
    invitation = invite(place, host, "ailleurs@example.org")
    services.hosting_accept(token=token_of(invitation), user=stranger)
    assert can_change_place(stranger, place)


def test_a_link_serves_once(place, host, stranger, other_host):
    token = token_of(invite(place, host, stranger.email))
    services.hosting_accept(token=token, user=stranger)
    with pytest.raises(InvalidInvitation) as error:
        services.hosting_accept(token=token, user=other_host)
    assert error.value.status == 410
    assert "déjà été acceptée" in str(error.value.message)
    assert not can_change_place(other_host, place)


def test_an_expired_link_is_refused(place, host, stranger, settings, monkeypatch):
    token = token_of(invite(place, host, stranger.email))
    later = (
        signing.time.time() + timedelta(days=settings.INVITATION_DAYS, minutes=1).total_seconds()
    )
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(InvalidInvitation) as error:
        services.hosting_accept(token=token, user=stranger)
    assert error.value.status == 410 and "expiré" in str(error.value.message)
    assert not Hosting.objects.filter(user=stranger).exists()


def test_the_lifetime_of_a_link_is_a_setting(place, host, stranger, settings, monkeypatch):
    settings.INVITATION_DAYS = 30
    token = token_of(invite(place, host, stranger.email))
    later = signing.time.time() + timedelta(days=20).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    services.hosting_accept(token=token, user=stranger)
    assert can_change_place(stranger, place)


def test_a_tampered_link_is_refused(place, host, stranger):
    token = token_of(invite(place, host, stranger.email))
    for forged in (token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), "n-importe-quoi", ""):
        with pytest.raises(InvalidInvitation) as error:
            services.hosting_accept(token=forged, user=stranger)
        assert error.value.status == 400
    assert not Hosting.objects.filter(user=stranger).exists()


def test_a_link_never_opens_another_place(place, other_place, host, stranger):
    invitation = invite(place, host, stranger.email)
    # Even signed with the site's key, a token naming another place than its invitation's
    # invites nobody.
    forged = signing.dumps({"id": invitation.pk, "place": other_place.pk}, salt=invitations.SALT)
    with pytest.raises(InvalidInvitation):
        services.hosting_accept(token=forged, user=stranger)

    services.hosting_accept(token=token_of(invitation), user=stranger)
    assert can_change_place(stranger, place)
    assert not can_change_place(stranger, other_place)


def test_accepting_a_place_one_already_hosts_uses_the_link_and_changes_nothing(place, host):
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    invitation = invite(place, coordinator, "autre@example.org")
    services.hosting_accept(token=token_of(invitation), user=host)
    assert Hosting.objects.filter(place=place).count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_a_host_leaves_and_the_last_host_may_leave_too(place, host, stranger):
    services.hosting_accept(token=token_of(invite(place, host, stranger.email)), user=stranger)

    services.hosting_leave(place=place, user=host)
    assert not can_change_place(host, place)
    assert can_change_place(stranger, place)

    services.hosting_leave(place=place, user=stranger)
    assert not Hosting.objects.filter(place=place).exists()


def test_only_a_host_can_leave_and_only_themselves(place, host, stranger, other_host):
    for person in (stranger, other_host):
        with pytest.raises(PermissionDenied):
            services.hosting_leave(place=place, user=person)
    assert list(Hosting.objects.filter(place=place).values_list("user", flat=True)) == [host.pk]
