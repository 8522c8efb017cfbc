"""Derived data kept by the database: the search vector of places and the data versions.

Triggers rather than Python hooks, so that every write path (admin, import, API, raw SQL,
bulk loads) keeps them true.
"""

from django.db import migrations

from places.db import drop_version_triggers, version_triggers

SEARCH = """
CREATE OR REPLACE FUNCTION places_place_tags(place bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(label, ' '), '') FROM (
    SELECT t.label FROM places_place_types pt
      JOIN places_placetype t ON t.id = pt.placetype_id WHERE pt.place_id = place
    UNION ALL
    SELECT s.label FROM places_place_services ps
      JOIN places_service s ON s.id = ps.service_id WHERE ps.place_id = place
  ) AS labels
$$;

CREATE OR REPLACE FUNCTION places_place_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
       setweight(to_tsvector('fr_unaccent', coalesce(NEW.name, '')), 'A')
    || setweight(to_tsvector('fr_unaccent', concat_ws(' ', NEW.commune, NEW.summary,
                                                       places_place_tags(NEW.id))), 'B')
    || setweight(to_tsvector('fr_unaccent', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END $$;

CREATE TRIGGER places_place_search_vector
  BEFORE INSERT OR UPDATE ON places_place
  FOR EACH ROW EXECUTE FUNCTION places_place_search_vector();

-- A place's tags changed: touch it so that the row trigger above recomputes its vector.
CREATE OR REPLACE FUNCTION places_place_tags_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE places_place SET search_vector = NULL
      WHERE id IN (SELECT DISTINCT place_id FROM changed_old);
  ELSE
    UPDATE places_place SET search_vector = NULL
      WHERE id IN (SELECT DISTINCT place_id FROM changed_new);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER places_place_types_added AFTER INSERT ON places_place_types
  REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION places_place_tags_changed();
CREATE TRIGGER places_place_types_removed AFTER DELETE ON places_place_types
  REFERENCING OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION places_place_tags_changed();
CREATE TRIGGER places_place_services_added AFTER INSERT ON places_place_services
  REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION places_place_tags_changed();
CREATE TRIGGER places_place_services_removed AFTER DELETE ON places_place_services
  REFERENCING OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION places_place_tags_changed();

-- A type or service was renamed: the places that carry it are searched by its new label.
CREATE OR REPLACE FUNCTION places_taxon_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'places_placetype' THEN
    UPDATE places_place SET search_vector = NULL WHERE id IN (
      SELECT pt.place_id FROM places_place_types pt JOIN renamed r ON r.id = pt.placetype_id);
  ELSE
    UPDATE places_place SET search_vector = NULL WHERE id IN (
      SELECT ps.place_id FROM places_place_services ps JOIN renamed r ON r.id = ps.service_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER places_placetype_renamed AFTER UPDATE ON places_placetype
  REFERENCING NEW TABLE AS renamed
  FOR EACH STATEMENT EXECUTE FUNCTION places_taxon_renamed();
CREATE TRIGGER places_service_renamed AFTER UPDATE ON places_service
  REFERENCING NEW TABLE AS renamed
  FOR EACH STATEMENT EXECUTE FUNCTION places_taxon_renamed();
"""

SEARCH_REVERSE = """
DROP TRIGGER IF EXISTS places_service_renamed ON places_service;
DROP TRIGGER IF EXISTS places_placetype_renamed ON places_placetype;
DROP FUNCTION IF EXISTS places_taxon_renamed();
DROP TRIGGER IF EXISTS places_place_services_removed ON places_place_services;
DROP TRIGGER IF EXISTS places_place_services_added ON places_place_services;
DROP TRIGGER IF EXISTS places_place_types_removed ON places_place_types;
DROP TRIGGER IF EXISTS places_place_types_added ON places_place_types;
DROP FUNCTION IF EXISTS places_place_tags_changed();
DROP TRIGGER IF EXISTS places_place_search_vector ON places_place;
DROP FUNCTION IF EXISTS places_place_search_vector();
DROP FUNCTION IF EXISTS places_place_tags(bigint);
"""

# The data version of a concept is bumped when a transaction that wrote to its tables commits:
# deferred constraint triggers fire at COMMIT, and the first of them in a statement bumps the
# version (a transaction-local setting remembers it), so a long import holds the version row
# for an instant at its end, not for its whole length, and concurrent saves never wait for it.
# (With SET CONSTRAINTS ALL IMMEDIATE, as in tests, each statement bumps it once.)
VERSION = """
INSERT INTO places_dataversion (concept, version, changed_at)
  VALUES ('places', 1, clock_timestamp()) ON CONFLICT (concept) DO NOTHING;

CREATE OR REPLACE FUNCTION places_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'fabrique.version_bumped_' || TG_ARGV[0];
BEGIN
  IF coalesce(current_setting(flag, true), '') = statement_timestamp()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config(flag, statement_timestamp()::text, true);
  INSERT INTO places_dataversion (concept, version, changed_at)
    VALUES (TG_ARGV[0], 2, clock_timestamp())
    ON CONFLICT (concept) DO UPDATE
      SET version = places_dataversion.version + 1, changed_at = EXCLUDED.changed_at;
  RETURN NULL;
END $$;
"""

TABLES = {
    "places": [
        "places_place",
        "places_place_types",
        "places_place_services",
        "places_placetype",
        "places_service",
    ],
}


class Migration(migrations.Migration):
    dependencies = [("places", "0002_initial")]

    operations = [
        migrations.RunSQL(SEARCH, SEARCH_REVERSE),
        migrations.RunSQL(VERSION, "DROP FUNCTION IF EXISTS places_bump_data_version();"),
        migrations.RunSQL(
            version_triggers("places", TABLES["places"]),
            drop_version_triggers(TABLES["places"]),
        ),
    ]
