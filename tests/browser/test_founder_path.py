"""A founder opens the path, picks a stage, opens a resource, downloads its file, then finds
the nearest mentor place around them and asks it for a visit."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from places.resources.models import DownloadCount

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TINCHEBRAY = {"latitude": 48.7641, "longitude": -0.7318}


def test_a_founder_follows_the_path_to_a_file_and_a_mentor_place(demo, new_page):
    page = new_page(geolocation=TINCHEBRAY, permissions=["geolocation"])
    page.goto("/ressources/parcours/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ouvrir un tiers-lieu : le parcours")

    # Picks a stage.
    steps = page.get_by_role("navigation", name="Étapes du parcours")
    steps.get_by_role("link", name="2. Émergence").click()
    expect(page).to_have_url(re.compile(r"etape=emergence#etape-emergence$"))
    expect(steps.get_by_role("link", name="2. Émergence")).to_have_attribute("aria-current", "step")
    stage = page.locator("#etape-emergence")
    expect(stage.get_by_role("checkbox").first).to_be_visible()

    # Opens a resource of that stage and downloads its file.
    stage.get_by_role("link", name="Statuts d’association à adapter pour un tiers-lieu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Statuts d’association à adapter pour un tiers-lieu"
    )
    expect(page.get_by_text("(ODT, 3 Ko)")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Statuts d’association (modèle, ODT)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".odt")
    assert Path(download.path()).read_bytes()[:2] == b"PK"
    assert DownloadCount.objects.get(resource__slug="statuts-association-modele").count == 1

    # Back on the path, "autour de moi" orders the mentor places from where they are.
    page.goto("/ressources/parcours/")
    page.get_by_role("button", name="Autour de moi").click()
    expect(page).to_have_url(re.compile(r"near=48\.764"))
    expect(page.get_by_text("Les plus proches de vous d’abord.")).to_be_visible()
    first = page.locator(".mentor").first
    expect(first.locator(".mentor__name")).to_have_text("L’Enclume & Cie")
    expect(first.locator(".distance")).to_have_text(re.compile(r"à \d+ m|à \d+,\d km"))
    ask = first.get_by_role("link", name=re.compile("Demander une visite"))
    expect(ask).to_have_attribute(
        "href", re.compile(r"^/lieux/l-enclume-cie/contact/\?objet=Demande%20de%20visite")
    )
    # The contact relay opens with the subject written.
    ask.click()
    expect(page).to_have_url(re.compile(r"/lieux/l-enclume-cie/contact/"))
    expect(page.get_by_label("Objet")).to_have_value("Demande de visite (porteur de projet)")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize(
    "path",
    [
        "/ressources/",
        "/ressources/statuts-association-modele/",
        "/ressources/parcours/?near=48.7641,-0.7318",
        "/recherche/?q=atelier",
    ],
)
@pytest.mark.parametrize("phone", [False, True])
def test_the_resource_pages_have_no_serious_accessibility_violation(
    demo, new_page, axe, path, phone
):
    page = new_page(viewport={"width": 360, "height": 740}) if phone else new_page()
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    violations = [
        v for v in axe.run(page).response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
