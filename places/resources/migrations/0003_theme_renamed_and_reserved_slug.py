"""A renamed theme: the resources that carry it are searched by its new label; the path's
own address (/ressources/parcours/) is no resource's slug."""

from django.db import migrations, models

import places.resources.models

RENAMED = """
CREATE OR REPLACE FUNCTION resources_theme_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE resources_resource SET search_vector = NULL WHERE id IN (
    SELECT rt.resource_id FROM resources_resource_themes rt JOIN renamed r ON r.id = rt.theme_id);
  RETURN NULL;
END $$;

CREATE TRIGGER resources_theme_renamed AFTER UPDATE ON resources_theme
  REFERENCING NEW TABLE AS renamed
  FOR EACH STATEMENT EXECUTE FUNCTION resources_theme_renamed();
"""

RENAMED_REVERSE = """
DROP TRIGGER IF EXISTS resources_theme_renamed ON resources_theme;
DROP FUNCTION IF EXISTS resources_theme_renamed();
"""


class Migration(migrations.Migration):
    dependencies = [("resources", "0002_triggers_and_taxonomy")]

    operations = [
        migrations.RunSQL(RENAMED, RENAMED_REVERSE),
        migrations.AlterField(
            model_name="resource",
            name="slug",
            field=models.SlugField(
                max_length=160,
                unique=True,
                validators=[places.resources.models.validate_slug_not_reserved],
                verbose_name="identifiant dans l’adresse",
            ),
        ),
        migrations.RemoveConstraint(model_name="resource", name="resource_slug_not_empty"),
        migrations.AddConstraint(
            model_name="resource",
            constraint=models.CheckConstraint(
                condition=~models.Q(slug="") & ~models.Q(slug__in=["parcours"]),
                name="resource_slug_not_empty_nor_reserved",
            ),
        ),
    ]
