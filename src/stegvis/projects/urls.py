from django.urls import path

from stegvis.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<uuid:project_id>/", views.project_detail, name="detail"),
    path("<uuid:project_id>/edit/", views.project_edit, name="edit"),
    path("<uuid:project_id>/team/", views.project_team, name="team"),
    path(
        "<uuid:project_id>/partners/<int:partner_id>/remove/",
        views.project_partner_remove,
        name="partner_remove",
    ),
    path(
        "<uuid:project_id>/staff/<int:staff_id>/remove/",
        views.project_staff_remove,
        name="staff_remove",
    ),
]
