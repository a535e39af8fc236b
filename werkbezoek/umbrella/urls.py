from django.urls import path

from . import views

app_name = "umbrella"

ORG = "o/<slug:org>/"

urlpatterns = [
    path(ORG + "sjablonen/", views.templates, name="templates"),
    path(ORG + "sjablonen/nieuw/", views.template_new, name="template-new"),
    path(ORG + "sjablonen/<int:pk>/", views.template_detail, name="template"),
    path(
        ORG + "sjablonen/<int:pk>/nieuwe-versie/", views.template_version, name="template-version"
    ),
    path(ORG + "koepel/bezoeken/", views.overview, name="overview"),
    path(ORG + "koepel/sessies/", views.sessions, name="sessions"),
    path(ORG + "koepel/sessies/<int:pk>/", views.session_cohosts, name="session-cohosts"),
    path(ORG + "koepel/vragen/", views.question_list, name="questions"),
    path(ORG + "koepel/vragen/nieuw/", views.question_ask, name="question-ask"),
    path(ORG + "koepel/vragen/<int:pk>/", views.question_detail, name="question"),
    path(ORG + "koepel/vragen/<int:pk>/antwoord/", views.question_reply, name="question-reply"),
    path(
        ORG + "koepel/bezoeken/export.<str:fmt>",
        views.overview_export,
        name="overview-export",
    ),
]
