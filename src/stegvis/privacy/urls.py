from django.urls import path

from stegvis.privacy import views

app_name = "privacy"
urlpatterns = [
    path("people/<uuid:person_id>/", views.person, name="person"),
    path("people/<uuid:person_id>/access-history/", views.access_history, name="access_history"),
    path(
        "people/<uuid:person_id>/access-history.pdf",
        views.access_history_pdf,
        name="access_history_pdf",
    ),
    path("people/<uuid:person_id>/extract.json", views.extract_json, name="extract_json"),
    path("people/<uuid:person_id>/extract.pdf", views.extract_pdf, name="extract_pdf"),
    path("people/<uuid:person_id>/withdraw/", views.withdraw, name="withdraw"),
    path("people/<uuid:person_id>/erase/", views.erase, name="erase"),
]
