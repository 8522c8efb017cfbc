"""PostgreSQL extensions and the French, accent-insensitive text search configuration."""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension, UnaccentExtension
from django.db import migrations

F_UNACCENT = """
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""

FR_UNACCENT = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION fr_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END $$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        CreateExtension("postgis"),
        UnaccentExtension(),
        TrigramExtension(),
        # unaccent() is only STABLE; indexes need an IMMUTABLE wrapper with a fixed dictionary.
        migrations.RunSQL(F_UNACCENT, "DROP FUNCTION IF EXISTS f_unaccent(text);"),
        migrations.RunSQL(FR_UNACCENT, "DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent;"),
    ]
