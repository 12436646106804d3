from django.urls import path

from stegvis.youth import views

app_name = "youth"
urlpatterns = [
    path("participants/<uuid:enrollment_id>/", views.participant, name="participant"),
    path("participants/<uuid:enrollment_id>/add/<str:kind>/", views.add, name="add"),
    path(
        "participants/<uuid:enrollment_id>/studies/<int:studies_id>/",
        views.studies_edit,
        name="studies_edit",
    ),
    path(
        "participants/<uuid:enrollment_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "projects/<uuid:project_id>/attendance/", views.attendance_import, name="attendance_import"
    ),
    path("projects/<uuid:project_id>/report/", views.school_report, name="report"),
    path(
        "projects/<uuid:project_id>/report/download.<str:fmt>",
        views.school_report_download,
        name="report_download",
    ),
]
