"""Derived data kept by the database: the search vectors of spaces and equipment, and the
"sharing" data version (see places/migrations/0003 for the places' own)."""

from django.db import migrations

from places.db import drop_version_triggers, version_triggers

# The French labels of the kinds, frozen here as the search reads them (the text a visitor
# types is French: "atelier", "découpeuse laser").
KINDS = {
    "sharing_space": {
        "meeting_room": "Salle de réunion",
        "workshop": "Atelier",
        "office": "Bureau poste de travail coworking",
        "kitchen": "Cuisine",
        "hall": "Salle polyvalente",
        "outdoor": "Espace extérieur",
    },
    "sharing_equipment": {
        "laser_cutter": "Découpeuse laser",
        "printer_3d": "Imprimante 3D",
        "cnc": "Fraiseuse numérique CNC",
        "sewing": "Machines à coudre couture",
        "van": "Camion utilitaire",
        "sound": "Sonorisation sono",
        "projector": "Vidéoprojecteur",
        "tools": "Outillage outils",
        "cooking": "Matériel de cuisine",
        "other": "",
    },
}
DETAILS = {
    "sharing_space": "NEW.equipment, NEW.conditions, NEW.accessibility, NEW.price_text",
    "sharing_equipment": "NEW.conditions, NEW.price_text",
}
TABLES = list(KINDS)


def _case(kinds: dict[str, str]) -> str:
    branches = " ".join(
        f"WHEN '{value}' THEN '{label.replace(chr(39), chr(39) * 2)}'"
        for value, label in kinds.items()
    )
    return f"CASE NEW.kind {branches} ELSE '' END"


def _vector_function(table: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  where_text text;
BEGIN
  SELECT concat_ws(' ', p.name, p.commune) INTO where_text FROM places_place p
    WHERE p.id = NEW.place_id;
  NEW.search_vector :=
       setweight(to_tsvector('fr_unaccent', coalesce(NEW.name, '')), 'A')
    || setweight(to_tsvector('fr_unaccent', concat_ws(' ', {_case(KINDS[table])}, where_text)), 'B')
    || setweight(to_tsvector('fr_unaccent', concat_ws(' ', {DETAILS[table]})), 'C');
  RETURN NEW;
END $$;

CREATE TRIGGER {table}_search_vector
  BEFORE INSERT OR UPDATE ON {table}
  FOR EACH ROW EXECUTE FUNCTION {table}_search_vector();
"""


SEARCH = (
    "".join(_vector_function(table) for table in TABLES)
    + """
-- A place renamed or moved to another commune: what it shares is searched by its new words.
CREATE OR REPLACE FUNCTION sharing_place_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sharing_space SET search_vector = NULL WHERE place_id = NEW.id;
  UPDATE sharing_equipment SET search_vector = NULL WHERE place_id = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER sharing_place_renamed AFTER UPDATE OF name, commune ON places_place
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.commune IS DISTINCT FROM NEW.commune)
  EXECUTE FUNCTION sharing_place_renamed();
"""
)

SEARCH_REVERSE = (
    "DROP TRIGGER IF EXISTS sharing_place_renamed ON places_place;\n"
    "DROP FUNCTION IF EXISTS sharing_place_renamed();\n"
    + "".join(
        f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table};\n"
        f"DROP FUNCTION IF EXISTS {table}_search_vector();\n"
        for table in TABLES
    )
)

VERSION = """
INSERT INTO places_dataversion (concept, version, changed_at)
  VALUES ('sharing', 1, clock_timestamp()) ON CONFLICT (concept) DO NOTHING;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0001_initial"),
        ("places", "0007_accessibility"),
        ("accounts", "0004_invitations_and_api_tokens"),
    ]

    operations = [
        migrations.RunSQL(SEARCH, SEARCH_REVERSE),
        migrations.RunSQL(VERSION, "DELETE FROM places_dataversion WHERE concept = 'sharing';"),
        migrations.RunSQL(version_triggers("sharing", TABLES), drop_version_triggers(TABLES)),
    ]
