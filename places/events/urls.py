"""URLs of the agenda (namespace `events`), and the feed of a place under /lieux/."""

from django.urls import path

from places.events import host_views, printing, views

app_name = "events"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda.ics", views.feed, name="feed"),
    path("agenda/imprimer/", printing.print_agenda, name="print"),
    path("agenda/<slug:slug>/", views.event_detail, name="detail"),
    path("agenda/<slug:slug>.ics", views.event_feed, name="event-feed"),
    path("lieux/<slug:slug>/agenda.ics", views.place_feed, name="place-feed"),
    path("lieux/<slug:slug>/agenda/passe/", views.place_archive, name="place-archive"),
    path("espace-hote/evenements/nouveau/", host_views.event_create, name="host-create"),
    path("espace-hote/evenements/calendriers/", host_views.feed_add, name="host-feed-add"),
    path(
        "espace-hote/evenements/calendriers/<int:pk>/supprimer/",
        host_views.feed_delete,
        name="host-feed-delete",
    ),
    path("espace-hote/evenements/<slug:slug>/", host_views.event_edit, name="host-edit"),
    path(
        "espace-hote/evenements/<slug:slug>/dupliquer/",
        host_views.event_duplicate,
        name="host-duplicate",
    ),
    path(
        "espace-hote/evenements/<slug:slug>/annuler/", host_views.event_cancel, name="host-cancel"
    ),
    path(
        "espace-hote/evenements/<slug:slug>/annuler-une-date/",
        host_views.occurrence_cancel,
        name="host-cancel-date",
    ),
]
