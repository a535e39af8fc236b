from django.urls import path

from . import views

app_name = "actions"

P = "o/<slug:org>/acties/"

urlpatterns = [
    path(P, views.choose, name="choose"),
    path(P + "plannen/", views.plan_create, name="plan-create"),
    path(P + "plannen/<int:pk>/", views.plan, name="plan"),
    path(P + "beoordeling/<slug:code>/", views.rating, name="rating"),
    path(P + "beoordeling/<slug:code>/opslaan/", views.rating_save, name="rating-save"),
]
