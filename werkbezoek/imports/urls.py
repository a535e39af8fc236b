from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    # /o/<org>/importeren/
    path("o/<slug:org>/importeren/personen/", views.people_upload, name="people"),
    path(
        "o/<slug:org>/importeren/personen/sjabloon.csv",
        views.people_template,
        name="people-template",
    ),
]
