from django.urls import path

from stegvis.reports import views_esf, views_jobs, views_methods

app_name = "reports"
urlpatterns = [
    path("projects/<uuid:project_id>/esf/", views_esf.project_esf, name="project_esf"),
    path(
        "projects/<uuid:project_id>/esf/download.<str:fmt>",
        views_esf.project_esf_download,
        name="project_esf_download",
    ),
    path(
        "projects/<uuid:project_id>/esf/report.pdf",
        views_esf.project_esf_pdf,
        name="project_esf_pdf",
    ),
    path(
        "projects/<uuid:project_id>/outcomes/",
        views_esf.project_outcomes,
        name="project_outcomes",
    ),
    path(
        "projects/<uuid:project_id>/outcomes/download.<str:fmt>",
        views_esf.project_outcomes_download,
        name="project_outcomes_download",
    ),
    path("methods/", views_methods.methods_page, name="methods"),
    path("methods/download.<str:fmt>", views_methods.methods_download, name="methods_download"),
    path("methods/jobs/", views_jobs.methods_job_start, name="methods_job_start"),
    path("esf/", views_jobs.esf_all, name="esf_all"),
    path("jobs/<uuid:job_id>/", views_jobs.report_job, name="job"),
    path(
        "jobs/<uuid:job_id>/download.<str:fmt>",
        views_jobs.report_job_download,
        name="job_download",
    ),
]
