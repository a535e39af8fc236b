from django.urls import path

from . import views

app_name = "documents"

V = "o/<slug:org>/bezoeken/<int:pk>/documenten/"

urlpatterns = [
    path(V, views.documents, name="list"),
    path(V + "maken/", views.document_make, name="make"),
    path(V + "factsheet/", views.factsheet_save, name="factsheet"),
    path(V + "<int:file_pk>/download/", views.download, name="download"),
]
