from django.urls import path

from stegvis.exchange import views

app_name = "exchange"
urlpatterns = [
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/cancel/", views.import_cancel, name="import_cancel"),
    path("import/jobs/<uuid:job_id>/", views.import_job, name="import_job"),
]
