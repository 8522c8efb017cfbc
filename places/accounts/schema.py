"""The API's OpenAPI description of the personal tokens (drf-spectacular's extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "places.accounts.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Jeton personnel créé dans l’espace hôte (/espace-hote/), envoyé ainsi : "
                "`Authorization: Token <clé>`. Il agit au nom de son titulaire (les lieux "
                "dont il est hôte) ; un jeton inconnu ou révoqué reçoit une erreur 401."
            ),
        }
