"""The place types of the SPEC (France Tiers-Lieux families plus the Bocage's) and services."""

from django.db import migrations

# slug, label, family, icon, colour (white glyphs on these colours are >= 4.5:1)
PLACE_TYPES = [
    ("ateliers-partages", "Ateliers artisanaux partagés", "ftl", "hammer", "#8a4b2a"),
    ("coworking", "Bureaux partagés / coworking", "ftl", "laptop", "#2f5d8a"),
    ("cuisine-partagee", "Cuisine partagée / foodlab", "ftl", "chef-hat", "#a63d2a"),
    ("fablab", "Fablab / makerspace", "ftl", "drill", "#5b3f8c"),
    ("living-lab", "Living lab / innovation sociale", "ftl", "lightbulb", "#1f6a73"),
    ("tiers-lieu-nourricier", "Tiers-lieu nourricier", "ftl", "wheat", "#4a6b1f"),
    ("tiers-lieu-culturel", "Tiers-lieu culturel", "ftl", "drama", "#9c2f63"),
    ("cafe-associatif", "Café associatif", "bocage", "coffee", "#6e4a2c"),
    ("recyclerie", "Recyclerie / repair café", "bocage", "recycle", "#256b4e"),
    ("espace-de-vie-sociale", "Espace de vie sociale", "bocage", "users", "#a0520c"),
    ("jardin-partage", "Jardin partagé", "bocage", "sprout", "#3b7a35"),
    ("epicerie-circuit-court", "Épicerie / circuit court", "bocage", "shopping-basket", "#86323c"),
    ("autre", "Autre", "bocage", "map-pin", "#55606b"),
]

SERVICES = [
    ("wifi", "Wifi", "wifi"),
    ("impression", "Impression", "printer"),
    ("restauration", "Restauration", "utensils"),
    ("hebergement", "Hébergement", "bed-double"),
    ("acces-pmr", "Accès PMR", "accessibility"),
    ("salle-de-reunion", "Salle de réunion", "presentation"),
    ("parking", "Parking", "square-parking"),
    ("espace-enfants", "Espace enfants", "baby"),
    ("postes-informatiques", "Postes informatiques", "monitor"),
    ("bibliotheque", "Bibliothèque / grainothèque", "book-open"),
    ("pret-outils", "Prêt d’outils", "wrench"),
    ("borne-recharge", "Borne de recharge", "plug"),
    ("accompagnement-projets", "Accompagnement de projets", "handshake"),
]


def add(apps, schema_editor):
    PlaceType = apps.get_model("places", "PlaceType")
    Service = apps.get_model("places", "Service")
    for position, (slug, label, family, icon, colour) in enumerate(PLACE_TYPES):
        PlaceType.objects.update_or_create(
            slug=slug,
            defaults={
                "label": label,
                "family": family,
                "icon": icon,
                "colour": colour,
                "position": position,
            },
        )
    for position, (slug, label, icon) in enumerate(SERVICES):
        Service.objects.update_or_create(
            slug=slug, defaults={"label": label, "icon": icon, "position": position}
        )


def remove(apps, schema_editor):
    apps.get_model("places", "PlaceType").objects.filter(
        slug__in=[row[0] for row in PLACE_TYPES]
    ).delete()
    apps.get_model("places", "Service").objects.filter(
        slug__in=[row[0] for row in SERVICES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0003_triggers")]

    operations = [migrations.RunPython(add, remove)]
