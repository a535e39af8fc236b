from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    # /o/<org>/relaties/
    path("o/<slug:org>/relaties/", views.register, name="register"),
    path("o/<slug:org>/relaties/aantal/", views.register_count, name="register-count"),
    path("o/<slug:org>/relaties/filters/", views.register_more_filters, name="register-filters"),
    path("o/<slug:org>/relaties/nieuw/", views.person_create, name="create"),
    path("o/<slug:org>/relaties/inzage/", views.access_log, name="access-log"),
    path("o/<slug:org>/relaties/kaart/", views.stakeholder_map, name="map"),
    path("o/<slug:org>/relaties/bewaartermijn/", views.review, name="review"),
    path("o/<slug:org>/relaties/export/", views.export, name="export"),
    path("o/<slug:org>/relaties/fracties/", views.party_coverage, name="coverage"),
    path("o/<slug:org>/relaties/wijzigingen/", views.changes, name="changes"),
    path("o/<slug:org>/relaties/kiezen/", views.person_choices, name="choose"),
    path("o/<slug:org>/relaties/fractiekeuze/", views.party_group_options, name="group-options"),
    path("o/<slug:org>/relaties/<int:pk>/", views.person_detail, name="detail"),
    path("o/<slug:org>/relaties/<int:pk>/bewerken/", views.person_edit, name="edit"),
    path("o/<slug:org>/relaties/<int:pk>/beoordeling/", views.assessment_edit, name="assessment"),
    path("o/<slug:org>/relaties/<int:pk>/functie/", views.position_edit, name="position-add"),
    path(
        "o/<slug:org>/relaties/<int:pk>/functie/<int:position_pk>/",
        views.position_edit,
        name="position-edit",
    ),
    path(
        "o/<slug:org>/relaties/<int:pk>/fractie/<int:body_pk>/",
        views.party_group_complete,
        name="party-group",
    ),
    path("o/<slug:org>/relaties/<int:pk>/standpunt/", views.stance_add, name="stance"),
    path("o/<slug:org>/relaties/<int:pk>/contact/", views.contact_add, name="contact"),
    path("o/<slug:org>/relaties/<int:pk>/privacy/", views.privacy_export, name="privacy-export"),
    path("o/<slug:org>/relaties/<int:pk>/wissen/", views.privacy_erase, name="erase"),
    path("o/<slug:org>/relaties/<int:pk>/samenvoegen/", views.merge, name="merge"),
]
