from django.urls import path

from stegvis.coordination import views, views_public

app_name = "coordination"
urlpatterns = [
    path("", views.index, name="index"),
    path("contacts/new/", views.intake_new, name="intake_new"),
    path("contacts/mine/", views.intake_mine, name="intake_mine"),
    path("contacts/mine/<uuid:intake_id>/", views.intake_outcome, name="intake_outcome"),
    path("contacts/", views.intake_queue, name="intake_queue"),
    path("contacts/<uuid:intake_id>/", views.intake_detail, name="intake_detail"),
    path(
        "contacts/<uuid:intake_id>/to-project/",
        views.intake_route,
        {"how": "project"},
        name="intake_to_project",
    ),
    path(
        "contacts/<uuid:intake_id>/to-support/",
        views.intake_route,
        {"how": "support"},
        name="intake_to_support",
    ),
    path(
        "contacts/<uuid:intake_id>/close/",
        views.intake_route,
        {"how": "close"},
        name="intake_close",
    ),
    path("desks/new/", views.desk_new, name="desk_new"),
    path("desks/<uuid:desk_id>/", views.desk_edit, name="desk_edit"),
    path("directory/", views.directory, name="directory"),
    path("directory/new/", views.directory_new, name="directory_new"),
    path("directory/<uuid:entry_id>/", views.directory_edit, name="directory_edit"),
    path("support/", views.support_list, name="support_list"),
    path("support/<uuid:enrollment_id>/", views.support_detail, name="support_detail"),
    # Public: the person's own contact and its receipt, without an account.
    path("contact/", views_public.contact, name="public_contact"),
    path("contact/follow/", views_public.follow, name="public_follow"),
]
