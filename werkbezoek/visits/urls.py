from django.urls import path

from . import follow_up_views, views

app_name = "visits"

P = "o/<slug:org>/bezoeken/"
V = P + "<int:pk>/"

# One URL per action: each view declares the role it needs (see docs/tenancy.md).
urlpatterns = [
    path(P, views.visit_list, name="list"),
    path(P + "nieuw/", views.visit_create, name="create"),
    path(V, views.visit_detail, name="detail"),
    path(V + "bewerken/", views.visit_edit, name="edit"),
    path(V + "sjabloon/", views.template_adopt, name="template-adopt"),
    path(V + "delen/", views.share, name="share"),
    path(V + "status/", views.visit_status, name="status"),
    path(V + "gasten/", views.guests, name="guests"),
    path(V + "gasten/toevoegen/", views.guest_add, name="guest-add"),
    path(V + "gasten/nieuw/", views.guest_add_named, name="guest-add-named"),
    path(V + "gasten/<int:guest_pk>/", views.guest_edit, name="guest"),
    path(V + "gasten/<int:guest_pk>/verwijderen/", views.guest_remove, name="guest-remove"),
    path(V + "team/toevoegen/", views.team_add, name="team-add"),
    path(V + "team/<int:member_pk>/verwijderen/", views.team_remove, name="team-remove"),
    path(V + "datums/", views.dates, name="dates"),
    path(V + "datums/voorstellen/", views.dates_propose, name="dates-propose"),
    path(V + "datums/vastleggen/", views.date_set, name="date-set"),
    path(V + "datums/<int:option_pk>/bevestigen/", views.date_confirm, name="confirm"),
    path(V + "programma/", views.programme_page, name="programme"),
    path(V + "programma/sjabloon/", views.programme_template, name="programme-template"),
    path(V + "programma/volgorde/", views.programme_reorder, name="programme-reorder"),
    path(V + "programma/toevoegen/", views.block_add, name="block-add"),
    path(V + "programma/<int:block_pk>/", views.block_save, name="block"),
    path(V + "programma/<int:block_pk>/verplaatsen/", views.block_move, name="block-move"),
    path(V + "programma/<int:block_pk>/verwijderen/", views.block_remove, name="block-remove"),
    path(V + "route/toevoegen/", views.stop_add, name="stop-add"),
    path(V + "route/<int:stop_pk>/verwijderen/", views.stop_remove, name="stop-remove"),
    path(V + "checklist/", views.checklist_page, name="checklist"),
    path(V + "checklist/<int:task_pk>/", views.task, name="task"),
    path(V + "checklist/<int:task_pk>/afvinken/", views.task_tick, name="task-tick"),
    path(V + "media/", views.media, name="media"),
    path(V + "media/opslaan/", views.media_save, name="media-save"),
    path(V + "media/berichten/", views.post_add, name="post-add"),
    path(V + "media/<int:post_pk>/verwijderen/", views.post_remove, name="post-remove"),
    path(V + "uitnodiging/", views.invitation, name="invitation"),
    path(V + "uitnodiging/versturen/", views.invitations_send, name="invitations-send"),
    path(V + "uitnodiging/tekst/", views.invitation_letter_save, name="invitation-letter"),
    path(
        V + "uitnodiging/gasten/<int:guest_pk>/brief/",
        views.invitation_guest_letter,
        name="invitation-guest-letter",
    ),
    path(
        V + "uitnodiging/gasten/<int:guest_pk>/per-post/",
        views.invitation_posted,
        name="invitation-posted",
    ),
    path(V + "agenda.ics", views.calendar_file, name="calendar"),
    path(V + "bedanken/", views.thank_you_send, name="thank-you-send"),
    path(V + "antwoorden/", views.answers, name="answers"),
    path(V + "antwoorden/opslaan/", views.answers_save, name="answers-save"),
    path(P + "uitnodigingssjabloon/", views.letter_template, name="letter-template"),
    # After the visit
    path(V + "verslag/", follow_up_views.report, name="report"),
    path(V + "verslag/aanwezig/", follow_up_views.attendance_save, name="attendance"),
    path(V + "verslag/opslaan/", follow_up_views.report_save, name="report-save"),
    path(V + "verslag/standpunten/", follow_up_views.stances_save, name="stances"),
    path(
        V + "verslag/volgend-contact/<int:guest_pk>/",
        follow_up_views.next_contact,
        name="next-contact",
    ),
    path(V + "vandaag/", follow_up_views.day, name="day"),
    path(V + "vandaag/aangekomen/<int:guest_pk>/", follow_up_views.guest_arrived, name="arrived"),
    path(V + "fotos/", follow_up_views.photo_add, name="photo-add"),
    path(V + "fotos/<int:photo_pk>.jpg", follow_up_views.photo, name="photo"),
    path(V + "fotos/<int:photo_pk>/klein.jpg", follow_up_views.photo_thumbnail, name="thumbnail"),
    path(
        V + "fotos/<int:photo_pk>/verwijderen/", follow_up_views.photo_remove, name="photo-remove"
    ),
    path(V + "toezeggingen/nieuw/", follow_up_views.commitment_add, name="commitment-add"),
    path(P + "opbrengst/", follow_up_views.results, name="results"),
    path("o/<slug:org>/toezeggingen/", follow_up_views.commitments, name="commitments"),
    path(
        "o/<slug:org>/toezeggingen/<int:commitment_pk>/",
        follow_up_views.commitment_detail,
        name="commitment",
    ),
    path(
        "o/<slug:org>/toezeggingen/<int:commitment_pk>/status/",
        follow_up_views.commitment_status,
        name="commitment-status",
    ),
    # The guest's personal link: no account, no organisation in the path (the signed
    # token names it).
    path("antwoord/<str:token>/", views.answer, name="answer"),
]
