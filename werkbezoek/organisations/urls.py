from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisaties/", views.choose, name="choose"),
    path("organisaties/nieuw/", views.create, name="create"),
    path("uitnodiging/<str:token>/", views.accept, name="invitation-accept"),
    # /o/<org>/
    path("o/<slug:org>/", views.dashboard, name="dashboard"),
    path("o/<slug:org>/start/<slug:name>/", views.home_part, name="home-part"),
    path("o/<slug:org>/profiel/", views.profile, name="profile"),
    path("o/<slug:org>/profiel/bewerken/", views.profile_edit, name="profile-edit"),
    path("o/<slug:org>/team/", views.members, name="members"),
    path("o/<slug:org>/team/uitnodigen/", views.invite, name="invite"),
    path("o/<slug:org>/team/<int:pk>/rol/", views.member_role, name="member-role"),
    path(
        "o/<slug:org>/team/<int:pk>/beoordelingen/",
        views.member_assessments,
        name="member-assessments",
    ),
    path("o/<slug:org>/team/<int:pk>/verwijderen/", views.member_remove, name="member-remove"),
    path("o/<slug:org>/koepel/", views.umbrella, name="umbrella"),
    path("o/<slug:org>/koepel/uitnodigen/", views.umbrella_invite, name="umbrella-invite"),
    path("o/<slug:org>/koepel/aansluiten/", views.umbrella_request, name="umbrella-request"),
    path("o/<slug:org>/koepel/<int:pk>/antwoord/", views.umbrella_decide, name="umbrella-decide"),
    path("o/<slug:org>/koepel/<int:pk>/beeindigen/", views.umbrella_end, name="umbrella-end"),
    path("o/<slug:org>/verzonden/", views.outbox, name="outbox"),
    path("o/<slug:org>/verzonden/<int:pk>/opnieuw/", views.outbox_resend, name="outbox-resend"),
    path(
        "o/<slug:org>/uitnodigingen/<int:pk>/intrekken/",
        views.invitation_withdraw,
        name="invitation-withdraw",
    ),
]
