"""URLs of the agenda (namespace `events`), and the feed of a place under /lieux/."""

from django.urls import path

from places.events import printing, views

app_name = "events"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", views.feed, name="feed"),
    path("agenda/imprimer/", printing.print_agenda, name="print"),
    path("agenda/<slug:slug>/", views.event_detail, name="detail"),
    path("agenda/<slug:slug>.ics", views.event_feed, name="event-feed"),
    path("lieux/<slug:slug>/agenda.ics", views.place_feed, name="place-feed"),
    path("lieux/<slug:slug>/agenda/passe/", views.place_archive, name="place-archive"),
]
