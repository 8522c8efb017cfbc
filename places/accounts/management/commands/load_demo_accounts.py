"""`manage.py load_demo_accounts`: demo hosts and a demo coordinator, for local trials only."""

from django.conf import settings
from django.core.management.base import BaseCommand

from places.accounts.demo import demo_accounts_load


class Command(BaseCommand):
    help = (
        "Crée (ou rafraîchit) les comptes de démonstration : des hôtes de lieux de démonstration "
        "et une coordinatrice. Seulement avec DEBUG=1, sauf --demo-accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="Les créer même avec DEBUG=0 (mots de passe publics : jamais en production).",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["demo_accounts"]):
            self.stderr.write(
                "Comptes de démonstration non créés : DEBUG est désactivé et leurs mots de passe "
                "sont publics. Pour un essai local malgré tout : --demo-accounts."
            )
            return
        accounts = demo_accounts_load()
        self.stdout.write("Comptes de démonstration (essai local seulement) :")
        for account in accounts:
            role = "coordination (/admin/)" if account.coordinator else "hôte (/espace-hote/)"
            self.stdout.write(f"  {role:24} {account.email}  mot de passe : {account.password}")
        self.stdout.write("Connexion : /compte/login/")
