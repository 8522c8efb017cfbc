"""Pagination of the API lists: `count`, `next`, `previous`, `results`; a bad page is a 400."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from places.selectors import PlacePaginator


class PlacePagination(PageNumberPagination):
    """The HTML list's paginator (counts kept per data version) behind DRF's page numbers."""

    django_paginator_class = PlacePaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param, "1")
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError({"page": [_("Un numéro de page est un entier à partir de 1.")]})
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and (not size.isdigit() or not 1 <= int(size) <= self.max_page_size):
            raise ValidationError(
                {"page_size": [_("Entre 1 et %(max)d.") % {"max": self.max_page_size}]}
            )
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise ValidationError({"page": [_("Cette page n’existe pas.")]}) from None

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["pages"] = self.page.paginator.num_pages
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["pages"] = {"type": "integer", "example": 7}
        paginated["required"] = [*paginated["required"], "pages"]
        return paginated
