from django.urls import path

from . import views

app_name = "calendars"

P = "o/<slug:org>/vergaderkalenders/"

urlpatterns = [
    path(P, views.calendar_list, name="list"),
    path(P + "toevoegen/", views.calendar_add, name="add"),
    path(P + "<int:pk>/ophalen/", views.feed_refresh, name="feed-refresh"),
    path(P + "<int:pk>/avond/", views.feed_evening, name="feed-evening"),
    path(P + "<int:pk>/verwijderen/", views.feed_remove, name="feed-remove"),
]
