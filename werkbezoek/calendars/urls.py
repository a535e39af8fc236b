from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("o/<slug:org>/vergaderkalenders/", views.calendar_list, name="list"),
    path("o/<slug:org>/vergaderkalenders/<int:pk>/", views.feed_action, name="feed"),
]
