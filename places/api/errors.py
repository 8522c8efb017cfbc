"""JSON errors of the API: a message people can read, and each bad parameter named."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"": response.data}
        names = ", ".join(sorted(name for name in errors if name))
        response.data = {
            "detail": _("Paramètres invalides : %(names)s.") % {"names": names}
            if names
            else _("Requête invalide."),
            "errors": errors,
        }
    return response
