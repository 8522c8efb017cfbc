"""People: the site's user accounts (hosts of places, coordinators)."""
