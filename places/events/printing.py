"""The printable agenda: a week or a month, for a commune or the whole Bocage, as a page with
a print stylesheet and as an A4 PDF (WeasyPrint), for mairies and notice boards."""

import calendar
from datetime import date, timedelta

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from places import dates
from places.events import selectors
from places.events.filters import EventFilters
from places.events.forms import within_range
from places.events.views import _days, bad_parameters

MAX_ROWS = 500


class PrintForm(forms.Form):
    periode = forms.ChoiceField(
        label=gettext_lazy("Période"),
        choices=[("semaine", gettext_lazy("Une semaine")), ("mois", gettext_lazy("Un mois"))],
        required=False,
    )
    debut = forms.DateField(
        label=gettext_lazy("À partir du"), input_formats=["%Y-%m-%d"], required=False
    )
    commune = forms.CharField(label=gettext_lazy("Commune"), max_length=100, required=False)
    format = forms.ChoiceField(choices=[("html", "HTML"), ("pdf", "PDF")], required=False)

    def clean_debut(self):
        return within_range(self.cleaned_data.get("debut"))

    def window(self) -> tuple[date, date]:
        """The first and last days: the week from Monday, or the calendar month."""
        start = self.cleaned_data.get("debut") or timezone.localdate()
        if self.cleaned_data.get("periode") == "mois":
            first = start.replace(day=1)
            return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        monday = start - timedelta(days=start.weekday())
        return monday, monday + timedelta(days=6)


def _pdf(html: str, *, base_url: str) -> bytes:
    """The A4 PDF of `html`. WeasyPrint is imported on the first PDF (Pango is loaded then,
    not at start-up); importing it sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process,
    which would let truncated photos through places/photos.py: the flag is put back."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        from weasyprint import HTML
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before
    return HTML(string=html, base_url=base_url).write_pdf()


@require_safe
def print_agenda(request: HttpRequest) -> HttpResponse:
    form = PrintForm(request.GET)
    if not form.is_valid():
        return bad_parameters(form)
    first, last = form.window()
    commune = form.cleaned_data.get("commune", "").strip()
    filters = EventFilters(date_from=first, date_to=last, commune=commune)
    occurrences = list(selectors.event_search(filters=filters, ordered_by_day=True)[:MAX_ROWS])
    context = {
        "form": form,
        "first": first,
        "last": last,
        "commune": commune,
        "title": _("Agenda du %(first)s au %(last)s")
        % {"first": dates.long_date(first, year=False), "last": dates.long_date(last)},
        "days": _days(occurrences),
        "pdf": form.cleaned_data.get("format") == "pdf",
    }
    html = render_to_string("events/print.html", context, request=request)
    if not context["pdf"]:
        return HttpResponse(html)
    response = HttpResponse(
        _pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="agenda-{first.isoformat()}.pdf"'
    return response
