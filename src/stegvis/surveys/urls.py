from django.urls import path

from stegvis.surveys import views

app_name = "surveys"
urlpatterns = [
    path("projects/<uuid:project_id>/", views.project_surveys, name="project"),
    path("projects/<uuid:project_id>/new/", views.survey_new, name="create"),
    path("<uuid:survey_id>/", views.survey_detail, name="detail"),
    path("<uuid:survey_id>/results/", views.survey_results, name="results"),
    path("<uuid:survey_id>/questions/", views.question_add, name="question_add"),
    path(
        "<uuid:survey_id>/questions/<int:question_id>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path("<uuid:survey_id>/open/", views.survey_status, {"change": "open"}, name="open"),
    path("<uuid:survey_id>/close/", views.survey_status, {"change": "close"}, name="close"),
    path("<uuid:survey_id>/links/", views.invitations_send, name="send"),
    path("<uuid:survey_id>/links/<uuid:enrollment_id>/", views.invitation_create, name="link"),
]
