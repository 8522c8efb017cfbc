"""Corrections from visitors: a difference the hosts accept (exactly it, in the history) or
refuse (nothing changes, the author is told); only they and the coordinators decide."""

import pytest
from django.core import mail

from places.contact.models import SUGGESTED_FIELDS, Suggestion
from places.models import Place
from tests.contact.conftest import host_of, shown_ago
from tests.factories import PlaceFactory, UserFactory

AUTHOR = "citoyen@example.net"


def suggest_data(place, **overrides) -> dict:
    data = {name: getattr(place, name) for name in SUGGESTED_FIELDS}
    data.update(name="Jean", email=AUTHOR, comment="", homepage="", started=shown_ago())
    data.update(overrides)
    return data


@pytest.fixture
def suggest(client, django_capture_on_commit_callbacks):
    def post(place, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/lieux/{place.slug}/signaler/", suggest_data(place, **overrides))

    return post


@pytest.fixture
def place(db):
    return PlaceFactory(
        slug="la-grange",
        name="La Grange",
        summary="Un café associatif.",
        phone="02 33 00 00 00",
        opening_hours="Mo-Fr 09:00-18:00",
    )


@pytest.fixture
def host(place):
    return host_of(place, email="hote@example.org", name="Camille")


@pytest.fixture
def suggestion(place, host, suggest):
    suggest(
        place,
        summary="Un café associatif et une recyclerie.",
        phone="02 33 11 22 33",
        comment="Le numéro a changé en septembre.",
    )
    mail.outbox.clear()
    return Suggestion.objects.get()


def test_the_form_is_a_copy_of_the_listing(client, place):
    page = client.get(f"/lieux/{place.slug}/signaler/")

    assert page.status_code == 200
    assert page.context["form"]["summary"].value() == "Un café associatif."
    assert page.context["form"]["opening_hours"].value() == "Mo-Fr 09:00-18:00"


def test_a_suggestion_keeps_only_the_difference_and_tells_the_hosts(place, host, suggest):
    response = suggest(place, phone="02 33 11 22 33", comment="Nouveau numéro.")

    assert response.status_code == 302
    assert response["Location"] == f"/lieux/{place.slug}/signaler/merci/"
    suggestion = Suggestion.objects.get()
    assert suggestion.changes == {"phone": {"before": "02 33 00 00 00", "after": "02 33 11 22 33"}}
    assert suggestion.email == AUTHOR
    [told] = mail.outbox
    assert told.to == [host.email]
    assert f"/espace-hote/suggestions/{suggestion.pk}/" in told.body
    assert Place.objects.get(pk=place.pk).phone == "02 33 00 00 00"  # nothing applied yet


def test_without_host_the_coordinators_are_told(suggest, db):
    place = PlaceFactory()
    coordinator = UserFactory(is_staff=True, is_superuser=True)

    suggest(place, summary="Autre chose.")

    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_a_suggestion_that_changes_nothing_is_a_form_error(place, host, suggest):
    response = suggest(place)

    assert response.status_code == 400
    assert "Vous n’avez rien changé" in response.text
    assert not Suggestion.objects.exists()


def test_a_suggested_value_is_checked_like_the_listings_own(place, host, suggest):
    response = suggest(place, phone="appelez-moi", opening_hours="n'importe quand", postcode="6")

    assert response.status_code == 400
    assert {"phone", "opening_hours", "postcode"} <= response.context["form"].errors.keys()
    assert not Suggestion.objects.exists()


def test_a_suggestion_cannot_empty_a_field_the_listing_requires(place, host, suggest):
    response = suggest(place, commune="", phone="02 33 11 22 33")

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"commune"}
    assert not Suggestion.objects.exists()
    assert suggest(place, address="", phone="02 33 11 22 33").status_code == 302  # may be empty


def test_suggestions_have_the_same_anti_spam(place, host, suggest, settings):
    settings.CONTACT_RATE_LIMIT = 1
    robot = suggest(place, homepage="http://spam.example", summary="x")
    assert robot.status_code == 302
    assert robot["Location"] == f"/lieux/{place.slug}/signaler/merci/"
    assert not Suggestion.objects.exists()  # the honeypot
    too_fast = suggest(place, started=shown_ago(0), summary="x")
    assert too_fast.status_code == 400
    assert "parti trop vite" in too_fast.text
    assert suggest(place, summary="x").status_code == 302
    assert suggest(place, summary="y").status_code == 429
    assert Suggestion.objects.count() == 1


def test_the_host_sees_the_difference_from_the_dashboard(client, host, suggestion):
    client.force_login(host)

    dashboard = client.get("/espace-hote/")
    assert f'href="/espace-hote/suggestions/{suggestion.pk}/"' in dashboard.text

    page = client.get(f"/espace-hote/suggestions/{suggestion.pk}/")
    assert page.status_code == 200
    assert "<del>associatif.</del> <ins>associatif et une recyclerie.</ins>" in page.text
    assert "Le numéro a changé en septembre." in page.text
    assert "Accepter et corriger la fiche" in page.text


def test_accepting_applies_exactly_the_difference_as_one_version(
    client, place, host, suggestion, django_capture_on_commit_callbacks
):
    Place.objects.filter(pk=place.pk).update(description="Écrit par l’hôte entre-temps.")
    versions = place.history.count()
    client.force_login(host)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/espace-hote/suggestions/{suggestion.pk}/accepter/")

    assert response.status_code == 302
    place.refresh_from_db()
    assert place.summary == "Un café associatif et une recyclerie."
    assert place.phone == "02 33 11 22 33"
    assert place.description == "Écrit par l’hôte entre-temps."  # not in the difference
    assert place.opening_hours == "Mo-Fr 09:00-18:00"
    assert place.history.count() == versions + 1
    latest = place.history.latest("history_date")
    assert latest.history_user == host
    assert f"n° {suggestion.pk}" in latest.history_change_reason
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    assert sorted(suggestion.applied) == ["phone", "summary"]
    assert suggestion.email == ""  # no longer needed
    assert [m.to for m in mail.outbox] == [[AUTHOR]]


def test_a_field_changed_since_by_someone_else_is_not_overwritten(client, place, host, suggestion):
    Place.objects.filter(pk=place.pk).update(phone="02 33 99 99 99")
    client.force_login(host)

    page = client.get(f"/espace-hote/suggestions/{suggestion.pk}/")
    assert "Ce champ a changé depuis la suggestion" in page.text
    client.post(f"/espace-hote/suggestions/{suggestion.pk}/accepter/")

    place.refresh_from_db()
    assert place.phone == "02 33 99 99 99"
    assert place.summary == "Un café associatif et une recyclerie."
    suggestion.refresh_from_db()
    assert (suggestion.applied, suggestion.skipped) == (["summary"], ["phone"])


def test_refusing_changes_nothing_and_tells_the_author(
    client, place, host, suggestion, django_capture_on_commit_callbacks
):
    before = Place.objects.values().get(pk=place.pk)
    versions = place.history.count()
    client.force_login(host)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/espace-hote/suggestions/{suggestion.pk}/refuser/",
            {"answer": "Le numéro est toujours le bon."},
        )

    assert response.status_code == 302
    assert Place.objects.values().get(pk=place.pk) == before
    assert place.history.count() == versions
    suggestion.refresh_from_db()
    assert suggestion.status == "refused"
    [told] = mail.outbox
    assert told.to == [AUTHOR]
    assert told.reply_to == [host.email]
    assert "Le numéro est toujours le bon." in told.body


def test_a_refusal_needs_a_message(client, host, suggestion):
    client.force_login(host)
    response = client.post(f"/espace-hote/suggestions/{suggestion.pk}/refuser/", {"answer": ""})

    assert response.status_code == 400
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_a_coordinator_decides_for_a_place_without_host(client, db, suggest):
    place = PlaceFactory()
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    suggest(place, summary="Mieux dit.")
    suggestion = Suggestion.objects.get()
    client.force_login(coordinator)

    assert f"/espace-hote/suggestions/{suggestion.pk}/" in client.get("/espace-hote/").text
    client.post(f"/espace-hote/suggestions/{suggestion.pk}/accepter/")

    assert Place.objects.get(pk=place.pk).summary == "Mieux dit."


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_host"])
@pytest.mark.parametrize("action", ["", "accepter/", "refuser/"])
def test_nobody_else_sees_accepts_or_refuses_a_suggestion(client, place, suggestion, who, action):
    if who == "stranger":
        client.force_login(UserFactory())
    elif who == "other_host":
        client.force_login(host_of(PlaceFactory()))
    before = Place.objects.values().get(pk=place.pk)
    url = f"/espace-hote/suggestions/{suggestion.pk}/{action}"

    response = client.post(url, {"answer": "Non."}) if action else client.get(url)

    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/compte/login/")
    else:
        assert response.status_code == 403
    assert Place.objects.values().get(pk=place.pk) == before
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"
    assert mail.outbox == []


def test_another_hosts_dashboard_does_not_list_it(client, suggestion):
    client.force_login(host_of(PlaceFactory()))

    assert f"/espace-hote/suggestions/{suggestion.pk}/" not in client.get("/espace-hote/").text


def test_every_place_page_links_to_signaler_une_erreur(client, place):
    page = client.get(f"/lieux/{place.slug}/")

    assert f'href="/lieux/{place.slug}/signaler/"' in page.text
    assert "Signaler une erreur" in page.text


def test_a_decided_suggestion_is_not_decided_again(
    client, place, host, suggestion, django_capture_on_commit_callbacks
):
    client.force_login(host)
    refuse = f"/espace-hote/suggestions/{suggestion.pk}/refuser/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(refuse, {"answer": "Le numéro est toujours le bon."})
        client.post(f"/espace-hote/suggestions/{suggestion.pk}/accepter/")
        client.post(refuse, {"answer": "Une seconde fois."})

    assert Place.objects.get(pk=place.pk).phone == "02 33 00 00 00"
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.answer) == ("refused", "Le numéro est toujours le bon.")
    assert [m.to for m in mail.outbox] == [[AUTHOR]]  # the first decision's mail only
