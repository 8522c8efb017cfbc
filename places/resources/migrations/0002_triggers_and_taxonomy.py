"""Derived data kept by the database (the search vector of resources, their data version),
and the themes and stages of a project, drawn from the open method books of the field."""

from django.db import migrations

from places.db import drop_version_triggers, version_triggers

SOURCES = (
    "- POP Up (Pop Lab), *Cahier d’activités pour créer vos tiers-lieux*, CC BY-SA : "
    "[présentation et téléchargement](https://pop.eu.com/dun-booksprint-a-un-cahier-pour-creer-son-tiers-lieu)\n"
    "- France Tiers-Lieux, guides et ressources : [francetierslieux.fr](https://francetierslieux.fr/)"
)

THEMES = [
    ("gouvernance", "Gouvernance"),
    ("financement", "Financement"),
    ("juridique", "Juridique"),
    ("lieu-amenagement", "Lieu et aménagement"),
    ("animation", "Animation et programmation"),
    ("modele-economique", "Modèle économique"),
    ("communication", "Communication"),
    ("cooperation", "Coopération territoriale"),
    ("communaute", "Communauté et bénévolat"),
]

STAGES = [
    (
        "idee",
        "Idée",
        "Une envie, quelques personnes, un territoire : formuler ce que le lieu pourrait être.",
        "Avant de chercher un bâtiment, prenez le temps de dire **pourquoi** ce lieu et **pour "
        "qui**. Le cahier d’activités de POP Up commence par là : le territoire (ce qui existe "
        "déjà, ce qui manque) et les envies des personnes qui portent le projet. Visiter des "
        "tiers-lieux existants aide à voir ce qui est possible et ce qui demande de l’énergie.",
        "Écrire en une page le lieu imaginé : pour qui, pour quoi, où\n"
        "Lister ce qui existe déjà sur le territoire (associations, commerces, services)\n"
        "Parler du projet autour de soi et repérer les personnes intéressées\n"
        "Visiter deux ou trois tiers-lieux qui accueillent les porteurs de projet",
    ),
    (
        "emergence",
        "Émergence",
        "Un premier collectif se forme et vérifie que le projet répond à des besoins.",
        "Le projet devient collectif : on se met d’accord sur une raison d’être, sur le type de "
        "lieu et sur les premières activités. C’est le moment d’aller à la rencontre des "
        "habitants, des élus et des futurs usagers pour recueillir leurs besoins, et de réfléchir "
        "à la façon de décider ensemble (la gouvernance) avant de choisir une forme juridique, "
        "idéalement avec une structure d’accompagnement.",
        "Réunir le collectif et écrire ensemble une raison d’être\n"
        "Recueillir les besoins (questionnaire, réunions publiques, rencontres)\n"
        "Présenter le projet à la commune et à l’intercommunalité\n"
        "Choisir comment le collectif décide, puis une forme juridique adaptée",
    ),
    (
        "prefiguration",
        "Préfiguration",
        "Tester les activités, trouver le lieu, construire le modèle économique.",
        "On teste avant d’investir : des activités hors les murs, dans un local prêté ou lors "
        "d’événements éphémères, pour vérifier que le public vient et ajuster l’offre. En "
        "parallèle, le collectif cherche un bâtiment, pense l’aménagement des espaces et "
        "l’accueil, et construit un budget prévisionnel et un plan de financement qui croisent "
        "plusieurs ressources (activités, adhésions, soutiens publics et privés).",
        "Organiser des activités tests et en tirer les leçons\n"
        "Chercher un bâtiment avec la commune et les propriétaires\n"
        "Dessiner les espaces et la façon d’accueillir\n"
        "Établir un budget prévisionnel et un plan de financement",
    ),
    (
        "ouverture",
        "Ouverture",
        "Le lieu ouvre ses portes : accueil, règles de vie, premières programmations.",
        "Avant d’ouvrir, vérifiez avec les services compétents ce qu’impose l’accueil du public "
        "dans votre local (sécurité, accessibilité) et souscrivez les assurances adaptées. "
        "Fixez des règles de vie simples, des horaires, et une façon d’accueillir chaque "
        "nouvelle personne. Faites connaître le lieu : une ouverture festive, une fiche dans "
        "l’annuaire du réseau, des partenaires qui relaient.",
        "Vérifier sécurité, accessibilité et assurances avec les services compétents\n"
        "Écrire les règles de vie et les horaires du lieu\n"
        "Préparer l’accueil des nouvelles personnes\n"
        "Inscrire le lieu dans l’annuaire de La Fabrique du Bocage",
    ),
    (
        "consolidation",
        "Consolidation",
        "Le lieu vit : faire le bilan, partager les responsabilités, durer.",
        "Après les premiers mois, prenez du recul : qu’est-ce qui marche, qui vient, qui manque ? "
        "Le bilan partagé (en assemblée générale par exemple) permet d’ajuster les activités et "
        "le modèle économique, de renouveler les personnes qui s’impliquent et de diversifier "
        "les ressources. Un lieu consolidé peut à son tour accueillir des porteurs de projet.",
        "Faire le bilan de l’année avec les usagers et les bénévoles\n"
        "Répartir les responsabilités pour ne pas épuiser quelques personnes\n"
        "Diversifier les ressources du lieu\n"
        "Accueillir à son tour des porteurs de projet du territoire",
    ),
]


def add(apps, schema_editor):
    Theme = apps.get_model("resources", "Theme")
    Stage = apps.get_model("resources", "Stage")
    for position, (slug, label) in enumerate(THEMES):
        Theme.objects.update_or_create(slug=slug, defaults={"label": label, "position": position})
    for position, (slug, label, summary, guidance, checklist) in enumerate(STAGES):
        Stage.objects.update_or_create(
            slug=slug,
            defaults={
                "label": label,
                "position": position,
                "summary": summary,
                "guidance": guidance,
                "checklist": checklist,
                "sources": SOURCES,
            },
        )


SEARCH = """
CREATE OR REPLACE FUNCTION resources_resource_themes_text(resource bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(t.label, ' '), '') FROM resources_resource_themes rt
    JOIN resources_theme t ON t.id = rt.theme_id WHERE rt.resource_id = resource
$$;

CREATE OR REPLACE FUNCTION resources_resource_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
       setweight(to_tsvector('fr_unaccent', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('fr_unaccent', concat_ws(' ', NEW.summary, NEW.author,
                                                       resources_resource_themes_text(NEW.id))), 'B')
    || setweight(to_tsvector('fr_unaccent', coalesce(NEW.body, '')), 'C');
  RETURN NEW;
END $$;

CREATE TRIGGER resources_resource_search_vector
  BEFORE INSERT OR UPDATE ON resources_resource
  FOR EACH ROW EXECUTE FUNCTION resources_resource_search_vector();

-- A resource's themes changed: touch it so that the row trigger recomputes its vector.
CREATE OR REPLACE FUNCTION resources_themes_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE resources_resource SET search_vector = NULL
      WHERE id IN (SELECT DISTINCT resource_id FROM changed_old);
  ELSE
    UPDATE resources_resource SET search_vector = NULL
      WHERE id IN (SELECT DISTINCT resource_id FROM changed_new);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER resources_themes_added AFTER INSERT ON resources_resource_themes
  REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION resources_themes_changed();
CREATE TRIGGER resources_themes_removed AFTER DELETE ON resources_resource_themes
  REFERENCING OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION resources_themes_changed();
"""

SEARCH_REVERSE = """
DROP TRIGGER IF EXISTS resources_themes_removed ON resources_resource_themes;
DROP TRIGGER IF EXISTS resources_themes_added ON resources_resource_themes;
DROP FUNCTION IF EXISTS resources_themes_changed();
DROP TRIGGER IF EXISTS resources_resource_search_vector ON resources_resource;
DROP FUNCTION IF EXISTS resources_resource_search_vector();
DROP FUNCTION IF EXISTS resources_resource_themes_text(bigint);
"""

TABLES = [
    "resources_resource",
    "resources_resource_themes",
    "resources_resource_stages",
    "resources_resourcefile",
    "resources_theme",
    "resources_stage",
]


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        migrations.RunSQL(SEARCH, SEARCH_REVERSE),
        migrations.RunSQL(
            "INSERT INTO places_dataversion (concept, version, changed_at) "
            "VALUES ('resources', 1, clock_timestamp()) ON CONFLICT (concept) DO NOTHING;",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(version_triggers("resources", TABLES), drop_version_triggers(TABLES)),
        migrations.RunPython(add, migrations.RunPython.noop),
    ]
