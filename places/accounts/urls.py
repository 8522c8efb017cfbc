"""URLs of the host's side, under /espace-hote/."""

from django.urls import path

from places.accounts import invitation_views, views
from places.accounts.proposals import views as proposal_views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("jetons/", views.token_create, name="token_create"),
    path("jetons/<int:pk>/revoquer/", views.token_revoke, name="token_revoke"),
    path("lieux/<slug:slug>/hotes/", views.place_hosts, name="place_hosts"),
    path("lieux/<slug:slug>/inviter/", views.invite, name="invite"),
    path("lieux/<slug:slug>/quitter/", views.leave, name="leave"),
    path("lieux/<slug:slug>/renvoyer/", proposal_views.proposal_resubmit, name="resubmit"),
    path("moderation/", proposal_views.moderation_queue, name="moderation"),
    path("moderation/<slug:slug>/", proposal_views.moderation_decide, name="moderate"),
    path("invitation/<str:token>/", invitation_views.invitation, name="invitation"),
]
