from django.urls import path

from . import views

app_name = "visits"

P = "o/<slug:org>/bezoeken/"
V = P + "<int:pk>/"

urlpatterns = [
    path(P, views.visit_list, name="list"),
    path(P + "nieuw/", views.visit_create, name="create"),
    path(V, views.visit_detail, name="detail"),
    path(V + "bewerken/", views.visit_edit, name="edit"),
    path(V + "status/", views.visit_status, name="status"),
    path(V + "gasten/", views.guests, name="guests"),
    path(V + "gasten/<int:guest_pk>/", views.guest_edit, name="guest"),
    path(V + "datums/", views.dates, name="dates"),
    path(V + "datums/<int:option_pk>/bevestigen/", views.date_confirm, name="confirm"),
    path(V + "programma/", views.programme_page, name="programme"),
    path(V + "programma/<int:block_pk>/", views.block, name="block"),
    path(V + "route/<int:stop_pk>/", views.stop, name="stop"),
    path(V + "checklist/", views.checklist_page, name="checklist"),
    path(V + "checklist/<int:task_pk>/", views.task, name="task"),
    path(V + "media/", views.media, name="media"),
    path(V + "media/<int:post_pk>/", views.post, name="post"),
    path(V + "uitnodiging/", views.invitation, name="invitation"),
]
