"""Reads of the moderation: the queue, a proposal's possible duplicates, who to tell."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from places import geo, search
from places.accounts.models import Decision, User
from places.accounts.selectors import coordinators, hosts_of
from places.models import Place

# A proposal this close to another place is perhaps the same place.
DUPLICATE_RADIUS_KM = 0.1
# A close (not the same) name is a possible duplicate only this near, or in the same commune.
CLOSE_NAME_RADIUS_KM = 5
DUPLICATES_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Another place that a proposal may repeat, and why it is suspected."""

    place: Place
    close_name: bool
    distance_m: float | None  # set when within DUPLICATE_RADIUS_KM


def possible_duplicates(*, place: Place) -> list[Duplicate]:
    """Other places (refused and archived ones aside) with the same name anywhere, a close
    name in the same commune or within 5 km, or any place within 100 m: names through
    search.py, distances through geo.py. A close name alone, far away, is another place."""
    others = Place.objects.exclude(pk=place.pk).exclude(status=Place.Status.ARCHIVED)
    close = search.close_names(others, place.name)
    candidates = [
        search.same_names(others, place.name),
        search.close_names(others.in_commune(place.commune), place.name),
        geo.within(close, place.location, km=CLOSE_NAME_RADIUS_KM),
    ]
    by_name: dict[int, Place] = {}
    for qs in candidates:
        for p in qs[:DUPLICATES_SHOWN]:
            by_name.setdefault(p.pk, p)
    nearby = {
        p.pk: p
        for p in geo.by_distance(
            geo.within(others, place.location, km=DUPLICATE_RADIUS_KM), place.location
        )[:DUPLICATES_SHOWN]
    }
    found = [
        Duplicate(
            place=p,
            close_name=True,
            distance_m=nearby.pop(p.pk).distance_m if p.pk in nearby else None,
        )
        for p in list(by_name.values())[:DUPLICATES_SHOWN]
    ]
    found += [
        Duplicate(place=p, close_name=False, distance_m=p.distance_m) for p in nearby.values()
    ]
    return found


def _with_decisions(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(
        "types",
        Prefetch("decisions", queryset=Decision.objects.select_related("by")),
        "hostings__user",
    )


def moderation_queue() -> list[Place]:
    """Proposals waiting for a coordinator (oldest first), each with its steps and hosts."""
    return list(
        _with_decisions(Place.objects.filter(status=Place.Status.PENDING)).order_by(
            "updated_at", "pk"
        )
    )


def proposals_waiting_for_authors() -> QuerySet[Place]:
    """Proposals sent back to their authors, most recently asked first."""
    return _with_decisions(
        Place.objects.filter(status=Place.Status.DRAFT, decisions__isnull=False).distinct()
    ).order_by("-updated_at")


def proposals_of(*, user: User) -> list[Place]:
    """The places `user` hosts that went through moderation or wait for it, newest first,
    each with `latest` (its latest step, if any) and `asked` (a coordinator's request for
    changes, or the reason of a refusal)."""
    unpublished = Q(status__in=[Place.Status.PENDING, Place.Status.DRAFT])
    places = list(
        _with_decisions(
            Place.objects.filter(Q(decisions__isnull=False) | unpublished, hostings__user=user)
        )
        .distinct()
        .order_by("-created_at")
    )
    for place in places:
        steps = list(place.decisions.all())  # newest first
        place.latest = steps[0] if steps else None
        asking = {Decision.Kind.CHANGES_REQUESTED, Decision.Kind.REFUSED}
        place.asked = place.latest if place.latest and place.latest.kind in asking else None
    return places


def proposal_authors(*, place: Place) -> list[str]:
    """Who to tell about a decision: the one who proposed the place, and its hosts."""
    submitted = place.decisions.filter(kind=Decision.Kind.SUBMITTED).select_related("by").last()
    emails = [submitted.by.email] if submitted and submitted.by else []
    emails += [user.email for user in hosts_of(place=place) if user.email not in emails]
    return emails


def coordinator_emails() -> list[str]:
    """The addresses of the coordinators."""
    return [user.email for user in coordinators()]
