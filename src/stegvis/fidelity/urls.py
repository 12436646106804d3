from django.urls import path

from stegvis.fidelity import views

app_name = "fidelity"
urlpatterns = [
    path("projects/<uuid:project_id>/", views.project_fidelity, name="project"),
    path("projects/<uuid:project_id>/reviews/new/", views.review_new, name="review_new"),
    path("projects/<uuid:project_id>/comparison/", views.comparison, name="comparison"),
    path(
        "projects/<uuid:project_id>/comparison/download.<str:fmt>",
        views.comparison_download,
        name="comparison_download",
    ),
    path("projects/<uuid:project_id>/indicators/", views.indicator_page, name="indicators"),
    path(
        "projects/<uuid:project_id>/indicators/download.<str:fmt>",
        views.indicator_download,
        name="indicators_download",
    ),
    path("reviews/<uuid:review_id>/", views.review_detail, name="review_detail"),
    path("reviews/<uuid:review_id>/correct/", views.review_correct, name="review_correct"),
    path("reviews/<uuid:review_id>/delete/", views.review_delete, name="review_delete"),
]
