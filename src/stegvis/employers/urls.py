from django.urls import path

from stegvis.employers import views

app_name = "employers"
urlpatterns = [
    path("", views.employer_list, name="list"),
    path("new/", views.employer_create, name="create"),
    path("contacts/", views.contact_stats, name="contact_stats"),
    path("openings/", views.opening_list, name="opening_list"),
    path("openings/<uuid:opening_id>/", views.opening_detail, name="opening_detail"),
    path("openings/<uuid:opening_id>/edit/", views.opening_edit, name="opening_edit"),
    path("openings/<uuid:opening_id>/hire/<uuid:enrollment_id>/", views.hire, name="hire"),
    path("participants/<uuid:enrollment_id>/profile/", views.profile, name="profile"),
    path(
        "participants/<uuid:enrollment_id>/profile/edit/", views.profile_edit, name="profile_edit"
    ),
    path("participants/<uuid:enrollment_id>/matches/", views.participant_matches, name="matches"),
    path("participants/<uuid:enrollment_id>/jobs/<int:employment_id>/", views.job, name="job"),
    path(
        "participants/<uuid:enrollment_id>/jobs/<int:employment_id>/support/",
        views.job_support_add,
        name="job_support_add",
    ),
    path(
        "participants/<uuid:enrollment_id>/jobs/<int:employment_id>/end/",
        views.job_end,
        name="job_end",
    ),
    path("<uuid:employer_id>/", views.employer_detail, name="detail"),
    path("<uuid:employer_id>/edit/", views.employer_edit, name="edit"),
    path("<uuid:employer_id>/openings/new/", views.opening_create, name="opening_create"),
    path("<uuid:employer_id>/add/<str:kind>/", views.employer_add, name="add"),
]
