"""Django's `migrate`, without the site's statement timeout (an index on a big table takes
longer than any page may)."""

from django.core.management.commands.migrate import Command as MigrateCommand

from places.db import without_statement_timeout


class Command(MigrateCommand):
    def handle(self, *args, **options):
        with without_statement_timeout():
            return super().handle(*args, **options)
