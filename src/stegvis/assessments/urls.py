from django.urls import path

from stegvis.assessments import views, views_progression

app_name = "assessments"
urlpatterns = [
    path("participants/<uuid:enrollment_id>/", views.participant, name="participant"),
    path("participants/<uuid:enrollment_id>/rate/", views.rate, name="rate"),
    path("participants/<uuid:enrollment_id>/link/", views.link_create, name="link_create"),
    path(
        "participants/<uuid:enrollment_id>/links/<int:link_id>/revoke/",
        views.link_revoke,
        name="link_revoke",
    ),
    path("projects/<uuid:project_id>/settings/", views.project_settings, name="project_settings"),
    path(
        "projects/<uuid:project_id>/progression/",
        views_progression.project_progression_page,
        name="project_progression",
    ),
    path("instruments/", views.instrument_list, name="instrument_list"),
    path("instruments/new/", views.instrument_create, name="instrument_create"),
    path("instruments/<uuid:instrument_id>/", views.instrument_detail, name="instrument_detail"),
    path(
        "instruments/<uuid:instrument_id>/version/",
        views.instrument_version,
        name="instrument_version",
    ),
]
