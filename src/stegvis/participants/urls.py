from django.urls import path

from stegvis.participants import views
from stegvis.participants.urls_referrals import urlpatterns as referral_urlpatterns

app_name = "participants"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.enroll, name="enroll"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/merge/", views.merge, name="merge"),
    path("projects/<uuid:project_id>/", views.project_overview, name="project_overview"),
    path("<uuid:enrollment_id>/", views.detail, name="detail"),
    path("<uuid:enrollment_id>/edit/", views.edit, name="edit"),
    path("<uuid:enrollment_id>/person/", views.person_edit, name="person_edit"),
    path("<uuid:enrollment_id>/identity-number/", views.reveal_identity_number, name="reveal"),
    path("<uuid:enrollment_id>/coach/", views.change_coach, name="change_coach"),
    path("<uuid:enrollment_id>/exit/", views.exit_enrollment, name="exit"),
    path("<uuid:enrollment_id>/add/<str:kind>/", views.timeline_add, name="timeline_add"),
    path(
        "<uuid:enrollment_id>/<str:kind>/<int:item_id>/<str:action>/",
        views.timeline_action,
        name="timeline_action",
    ),
    *referral_urlpatterns,
]
