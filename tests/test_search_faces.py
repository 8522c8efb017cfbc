"""One search, three faces: the HTML list, the API and the map documents give the same places."""

import json
import re

import pytest

from places.models import Place
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

# Slugs, places spread over the Bocage (lat, lon), and what sets them apart (the last: they
# welcome project founders).
PLACES = [
    ("grange-flers", 48.7490, -0.5690, "Flers", "61100", ["fablab"], ["wifi"], "24/7", True),
    ("cafe-messei", 48.7117, -0.5369, "Messei", "61440", ["cafe-associatif"], ["wifi"], "off",
     False),
    ("atelier-briouze", 48.6989, -0.3669, "Briouze", "61220", ["fablab", "ateliers-partages"],
     ["wifi", "impression"], "24/7", False),
    ("jardin-domfront", 48.5911, -0.6392, "Domfront en Poiraie", "61700", ["jardin-partage"],
     [], "", True),
    ("epicerie-ferte", 48.5925, -0.3572, "La Ferté Macé", "61600", ["epicerie-circuit-court"],
     ["impression"], "24/7", True),
]  # fmt: skip


@pytest.fixture
def bocage():
    for slug, lat, lon, commune, postcode, types, services, hours, founders in PLACES:
        PlaceFactory(
            slug=slug,
            name=slug.replace("-", " ").title(),
            lat=lat,
            lon=lon,
            commune=commune,
            postcode=postcode,
            types=types,
            services=services,
            opening_hours=hours,
            welcomes_founders=founders,
        )
    PlaceFactory(slug="brouillon-flers", status="draft", types=["fablab"], welcomes_founders=True)


def html_slugs(client, query: str) -> list[str]:
    response = client.get(f"/lieux/?{query}")
    assert response.status_code == 200, response.content[:500]
    return [place.slug for place in response.context["page"].object_list]


def map_page_slugs(client, query: str) -> list[str]:
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    return [place.slug for place in response.context["page"].object_list]


def api_slugs(client, query: str) -> list[str]:
    response = client.get(f"/api/places/?{query}&page_size=100")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["count"] == len(data["results"])
    return [item["slug"] for item in data["results"]]


def geojson_slugs(client, query: str) -> list[str]:
    response = client.get(f"/api/places.geojson?{query}")
    assert response.status_code == 200
    return [feature["properties"]["slug"] for feature in json.loads(response.content)["features"]]


def marker_slugs(client, query: str) -> set[str]:
    response = client.get(f"/api/places/markers.json?{query}")
    assert response.status_code == 200
    ids = [marker[0] for marker in json.loads(response.content)]
    return set(Place.objects.filter(pk__in=ids).values_list("slug", flat=True))


CASES = [
    ("", {"grange-flers", "cafe-messei", "atelier-briouze", "jardin-domfront", "epicerie-ferte"}),
    ("q=fablab", {"grange-flers", "atelier-briouze"}),
    ("q=CAFE", {"cafe-messei"}),
    ("type=fablab", {"grange-flers", "atelier-briouze"}),
    ("type=fablab&type=jardin-partage", {"grange-flers", "atelier-briouze", "jardin-domfront"}),
    ("service=wifi", {"grange-flers", "cafe-messei", "atelier-briouze"}),
    ("service=wifi&service=impression", {"atelier-briouze"}),
    ("commune=flers", {"grange-flers"}),
    ("commune=la+ferte+mace", {"epicerie-ferte"}),
    ("ouvert=1", {"grange-flers", "atelier-briouze", "epicerie-ferte"}),
    ("near=48.75,-0.57&rayon=10", {"grange-flers", "cafe-messei"}),
    ("ou=Messei&rayon=3", {"cafe-messei"}),
    ("ou=61220&rayon=3", {"atelier-briouze"}),
    ("bbox=-0.7,48.55,-0.5,48.8", {"grange-flers", "cafe-messei", "jardin-domfront"}),
    ("type=fablab&service=impression&ouvert=1", {"atelier-briouze"}),
    ("porteurs=1", {"grange-flers", "jardin-domfront", "epicerie-ferte"}),
    (
        "porteurs=0",
        {"grange-flers", "cafe-messei", "atelier-briouze", "jardin-domfront", "epicerie-ferte"},
    ),
    ("porteurs=1&type=fablab", {"grange-flers"}),
    ("porteurs=1&ouvert=1&near=48.59,-0.36&rayon=30", {"epicerie-ferte", "grange-flers"}),
    ("q=zzzzzz", set()),
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_every_face_gives_the_same_places(client, bocage, query, expected):
    faces = {
        "html": html_slugs(client, query),
        "map page": map_page_slugs(client, query),
        "api": api_slugs(client, query),
        "geojson": geojson_slugs(client, query),
    }
    for face, slugs in faces.items():
        assert set(slugs) == expected, face
    assert marker_slugs(client, query) == expected
    # Same order too: the faces share one selector (the GeoJSON keeps it when it means
    # something, nearest or best match first; otherwise it lists by id).
    assert faces["html"] == faces["api"] == faces["map page"]
    if "q=" in query or "near=" in query or "ou=" in query:
        assert faces["geojson"] == faces["api"]
    else:
        ids = dict(Place.objects.values_list("slug", "pk"))
        assert faces["geojson"] == sorted(faces["geojson"], key=ids.get)


def test_near_orders_every_face_nearest_first(client, bocage):
    query = "near=48.70,-0.37"  # Briouze
    order = ["atelier-briouze", "epicerie-ferte", "cafe-messei", "grange-flers", "jardin-domfront"]
    assert html_slugs(client, query) == order
    assert api_slugs(client, query) == order
    assert geojson_slugs(client, query) == order


def test_the_api_gives_distances_in_km_with_near(client, bocage):
    results = client.get("/api/places/?near=48.7483,-0.5694").json()["results"]
    assert results[0]["slug"] == "grange-flers"
    assert results[0]["distance_km"] == pytest.approx(0.08, abs=0.01)
    assert [r["distance_km"] for r in results] == sorted(r["distance_km"] for r in results)
    assert "distance_km" not in client.get("/api/places/").json()["results"][0]


def test_ou_goes_through_the_geocoder_then_orders_by_distance(client, bocage, fake_geocoder):
    assert api_slugs(client, "ou=Briouze")[0] == "atelier-briouze"
    assert fake_geocoder.requests[-1]["type"] == "municipality"
    response = client.get("/lieux/?ou=briouze")
    assert "Les plus proches de Briouze" in response.content.decode()


def test_a_type_filter_keeps_the_distance_order_and_the_index(client, bocage):
    assert api_slugs(client, "near=48.59,-0.64&type=fablab") == ["grange-flers", "atelier-briouze"]


BAD = [
    ("near=abc", "near"),
    ("near=91,0", "near"),
    ("near=48.7", "near"),
    ("bbox=1,2,3", "bbox"),
    ("bbox=0,48,-1,49", "bbox"),
    ("rayon=abc&near=48.7,-0.5", "rayon"),
    ("rayon=-3&near=48.7,-0.5", "rayon"),
    ("rayon=5000&near=48.7,-0.5", "rayon"),
    ("type=piscine", "type"),
    ("service=spa", "service"),
    ("ouvert=peut-etre", "ouvert"),
    ("porteurs=oui-non", "porteurs"),
    ("porteurs=2", "porteurs"),
    ("ou=Zzzville", "ou"),
    ("q=" + "x" * 201, "q"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD)
def test_every_bad_parameter_is_named_on_every_face(client, bocage, query, parameter):
    for url in ("/api/places/", "/api/places.geojson", "/api/places/markers.json"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, url
        body = response.json()
        assert parameter in body["errors"], url
        assert parameter in body["detail"]
    # The pages show it as a form error to correct, and keep search engines away.
    for url in ("/lieux/", "/", "/lieux/resultats/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, url
        html = response.content.decode()
        assert 'role="alert"' in html and "data-invalid" in html
        assert response.context["form"].errors[parameter]
        assert response.context["page"] is None
    assert 'name="robots" content="noindex"' in client.get(f"/lieux/?{query}").content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1.5"])
def test_a_bad_page_is_a_json_400_naming_the_page(client, bocage, page):
    response = client.get(f"/api/places/?page={page}")
    assert response.status_code == 400
    assert "page" in response.json()["errors"]


@pytest.mark.parametrize("size", ["0", "101", "x"])
def test_a_bad_page_size_is_a_json_400(client, bocage, size):
    response = client.get(f"/api/places/?page_size={size}")
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_a_bad_page_on_the_html_list_shows_the_last_or_first_page(client):
    for n in range(25):
        PlaceFactory(slug=f"lieu-{n:02d}")
    assert client.get("/lieux/?page=999").context["page"].number == 2
    assert client.get("/lieux/?page=abc").context["page"].number == 1


def test_facets_count_places_per_type_and_service_for_the_current_search(client, bocage):
    facets = client.get("/lieux/?service=wifi").context["facets"]
    assert facets["types"] == {"fablab": 2, "cafe-associatif": 1, "ateliers-partages": 1}
    # A facet ignores its own filter: ticking wifi does not hide the other services.
    assert facets["services"] == {"wifi": 3, "impression": 2}


def test_an_empty_result_says_what_to_try_next(client, bocage):
    response = client.get("/lieux/?near=48.75,-0.57&rayon=1&type=jardin-partage&ouvert=1")
    html = response.content.decode()
    assert "Aucun lieu ne correspond" in html
    labels = [label for label, _url in response.context["suggestions"]]
    assert "élargir à 2 km" in labels
    assert any("Jardin partagé" in label for label in labels)
    assert "retirer le filtre Ouvert maintenant" in labels
    for _label, url in response.context["suggestions"]:
        assert client.get(url).status_code == 200


def test_each_active_filter_can_be_removed_in_one_click(client, bocage):
    response = client.get("/lieux/?type=fablab&service=wifi&ouvert=1&q=grange")
    active = dict(response.context["active_filters"])
    assert set(active) == {"Fablab / makerspace", "Wifi", "Ouvert maintenant", "« grange »"}
    assert active["Fablab / makerspace"] == "/lieux/?service=wifi&ouvert=1&q=grange"
    html = response.content.decode()
    assert 'class="active-filters"' in html


def test_open_now_when_every_place_is_closed_gives_empty_documents(client):
    PlaceFactory(slug="ferme", opening_hours="off")
    for url in ("/api/places.geojson", "/api/places/markers.json", "/api/places/", "/lieux/"):
        assert client.get(f"{url}?ouvert=1").status_code == 200, url
    assert json.loads(client.get("/api/places.geojson?ouvert=1").content)["features"] == []
    assert json.loads(client.get("/api/places/markers.json?ouvert=1").content) == []


def test_a_point_can_be_named_without_asking_the_geocoder(client, bocage, fake_geocoder):
    response = client.get("/lieux/?near=48.70,-0.37&ou=La+Grange+de+Briouze")
    assert response.context["filters"].origin_label == "La Grange de Briouze"
    assert "Les plus proches de La Grange de Briouze d’abord." in response.content.decode()
    assert fake_geocoder.requests == []


def test_no_result_is_said_in_words_and_active_filters_are_counted(client, bocage):
    response = client.get("/lieux/?type=fablab&service=spa")
    assert response.context["page"] is None  # unknown service: a form error
    response = client.get("/lieux/?type=jardin-partage&service=wifi")
    html = response.content.decode()
    assert "Aucun lieu" in html
    assert "2 actifs" in html


def test_names_first_typos_and_facets_agree_on_every_face(client):
    PlaceFactory(slug="grange-verte", name="La Grange Verte", types=["coworking"])
    PlaceFactory(
        slug="atelier-prairie",
        name="L’Atelier de la Prairie",
        summary="Des ateliers dans une ancienne grange.",
        types=["fablab"],
    )
    PlaceFactory(slug="fab-lab-bocage", name="Le Fab Lab du Bocage", types=["coworking"])
    PlaceFactory(slug="fablab-pres", name="Le Fablab des Prés", types=["fablab"])
    faces = (html_slugs, map_page_slugs, api_slugs, geojson_slugs)
    # The place named after the word first, then the one that only mentions it.
    for face in faces:
        assert face(client, "q=grange") == ["grange-verte", "atelier-prairie"], face.__name__
    # A word the full text finds nowhere: typos of names, the same on every face.
    typos = [face(client, "q=fablba") for face in faces]
    assert typos[0][0] == "fablab-pres" and all(found == typos[0] for found in typos)
    # "fablab" is found (a fablab), so with the coworking filter the full text finds nothing,
    # and the list, the map and the facets say so alike (no typo of a coworking's name).
    for face in faces:
        assert face(client, "q=fablab&type=coworking") == [], face.__name__
    assert marker_slugs(client, "q=fablab&type=coworking") == set()
    facets = client.get("/lieux/?q=fablab&type=coworking").context["facets"]
    assert facets["types"] == {"fablab": 2}  # the fablab by name, the other by its type


def test_result_cards_show_types_hours_and_coordinates(client):
    PlaceFactory(
        slug="grange-verte",
        name="La Grange Verte",
        lat=48.75,
        lon=-0.57,
        types=["cafe-associatif", "tiers-lieu-culturel"],  # the taxonomy puts culture first
        opening_hours="24/7",
    )
    PlaceFactory(slug="grange-fermee", name="La Grange Fermée", opening_hours="off")
    html = client.get("/?q=grange").content.decode()
    cards = dict(
        (re.search(r'href="/lieux/([^/]+)/"', card).group(1), card)
        for card in re.findall(r'<li class="place-card".*?\n</li>', html, re.S)
    )
    card = cards["grange-verte"]
    badges = re.findall(r'<li class="badge"[^>]*>.*?</svg>([^<]+)</li>', card)
    assert badges == ["Tiers-lieu culturel", "Café associatif"]
    assert "Ouvert" in card and "Fermé" not in card
    assert "Fermé" in cards["grange-fermee"] and "Ouvert" not in cards["grange-fermee"]
    assert 'data-lat="48.750000" data-lon="-0.570000"' in card


@pytest.fixture
def directory():
    """45 places whose names, texts, types, services, hours and communes vary on cycles of
    different lengths, so that every filter keeps some places and drops others, and text
    searches mix places named after the word with places that only mention it."""
    communes = ["Flers", "Messei", "Briouze", "Domfront en Poiraie", "Athis-Val de Rouvre"]
    kinds = [["fablab"], ["coworking"], ["fablab", "cafe-associatif"], ["jardin-partage"]]
    for n in range(45):
        PlaceFactory(
            slug=f"lieu-{n:02d}",
            name=f"{'Fablab' if n % 3 == 0 else 'Grange'} numéro {n:02d}",
            summary="On y prête une imprimante 3D du fablab voisin." if n % 5 == 1 else "Un lieu.",
            lat=48.55 + n * 0.007,
            lon=-0.70 + n * 0.006,
            commune=communes[n % 5],
            types=kinds[n % 4],
            services=["wifi"] if n % 3 else ["impression"],
            opening_hours="24/7" if n % 2 else "off",
        )


def html_pages(client, query: str) -> list[str]:
    slugs, page = [], 1
    while True:
        response = client.get(f"/lieux/?{query}&page={page}")
        slugs += [place.slug for place in response.context["page"].object_list]
        if not response.context["page"].has_next():
            return slugs
        page += 1


def api_pages(client, query: str, *, size: int) -> list[str]:
    slugs, url = [], f"/api/places/?{query}&page_size={size}"
    while url:
        data = client.get(url).json()
        slugs += [item["slug"] for item in data["results"]]
        url = data["next"]
    return slugs


@pytest.mark.parametrize(
    "query",
    [
        "q=fablab",
        "q=grange",
        "type=fablab&type=jardin-partage",
        "service=wifi",
        "ouvert=1",
        "commune=briouze",
        "near=48.70,-0.55&rayon=15",
        "q=fablab&ouvert=1",
        "q=fablab&near=48.70,-0.55",
    ],
)
def test_every_page_of_every_face_gives_the_same_places_in_the_same_order(client, directory, query):
    everything = html_pages(client, "")
    assert len(everything) == 45
    html = html_pages(client, query)
    assert 0 < len(html) < 45  # the filter keeps some places and drops others
    assert len(set(html)) == len(html)
    assert api_pages(client, query, size=20) == html
    assert api_pages(client, query, size=7) == html  # pages that do not line up with 20
    if "q=" in query or "near=" in query:
        assert geojson_slugs(client, query) == html
    else:  # an order that means nothing: by id
        assert geojson_slugs(client, query) == sorted(html)
    assert marker_slugs(client, query) == set(html)
    if "q=fablab" in query and "near" not in query:
        # Places named after the word come first, on every page.
        named = [slug for slug in html if int(slug[-2:]) % 3 == 0]
        assert html[: len(named)] == named and len(named) < len(html)


def test_welcoming_founders_is_a_filter_with_its_chip_its_count_and_the_map_title(client, bocage):
    response = client.get("/lieux/?porteurs=1&type=fablab")
    active = dict(response.context["active_filters"])
    assert active["Accueille les porteurs de projet"] == "/lieux/?type=fablab"
    html = response.content.decode()
    assert re.search(r'id="id_porteurs"[^>]* checked', html)
    # Its count ignores its own tick and keeps the others: the fablabs that welcome founders.
    assert response.context["facets"]["flags"] == {"porteurs": 1}
    assert client.get("/lieux/").context["facets"]["flags"] == {"porteurs": 3}
    title = re.search(r"<title>(.*?)</title>", client.get("/?porteurs=1").content.decode())
    assert (
        title.group(1) == "3 lieux — La Fabrique du Bocage — tiers-lieux du Pays du Bocage ornais"
    )


def test_the_api_tells_whether_a_place_welcomes_founders(client, bocage):
    results = client.get("/api/places/?porteurs=1").json()["results"]
    assert {item["slug"]: item["welcomes_founders"] for item in results} == {
        "epicerie-ferte": True,
        "grange-flers": True,
        "jardin-domfront": True,
    }
    assert client.get("/api/places/cafe-messei/").json()["welcomes_founders"] is False


@pytest.mark.parametrize(
    ("query", "badge"),
    [
        ("q=grange", None),
        ("q=grange&type=fablab", "1 actif"),
        ("type=fablab&porteurs=1", "2 actifs"),
        ("q=grange&service=wifi&ouvert=1&porteurs=1", "3 actifs"),
    ],
)
def test_the_filters_badge_counts_filters_and_not_the_text_searched(client, bocage, query, badge):
    for url in ("/lieux/", "/", "/lieux/resultats/"):
        response = client.get(f"{url}?{query}")
        assert response.context["filters_label"] == (badge or ""), url
        html = response.content.decode()
        assert f'data-filters-label="{badge or ""}"' in html, url
        if url != "/lieux/resultats/":
            found = re.search(r'id="filters-badge"( hidden)?>([^<]*)<', html)
            assert found.groups() == ((" hidden", "") if badge is None else (None, badge)), url


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("", "Voir les 5 lieux"),
        ("type=jardin-partage", "Voir 1 lieu"),
        ("q=zzzzzz", "Aucun lieu : voir les suggestions"),
        ("near=abc", "Appliquer les filtres"),
    ],
)
def test_the_results_say_what_the_filters_button_shows(client, bocage, query, label):
    html = client.get(f"/lieux/resultats/?{query}").content.decode()
    assert f'data-apply-label="{label}"' in html
