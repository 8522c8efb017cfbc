"""The API's OpenAPI generator: reads are open to all, so only writes say how to sign in."""

from drf_spectacular import openapi
from rest_framework.permissions import SAFE_METHODS


class AutoSchema(openapi.AutoSchema):
    def get_auth(self):
        if self.method in SAFE_METHODS:
            return []  # no padlock on what anyone may read
        return super().get_auth()
