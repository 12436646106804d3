"""Routes of the referral pages (views_referrals.py); included by participants/urls.py."""

from django.urls import path

from stegvis.participants import views_referrals as views

urlpatterns = [
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/new/", views.referral_create, name="referral_create"),
    path("referrals/<uuid:referral_id>/", views.referral_detail, name="referral_detail"),
    path("referrals/<uuid:referral_id>/decide/", views.referral_decide, name="referral_decide"),
    path("referral-groups/", views.referral_group_list, name="referral_group_list"),
    path("referral-groups/new/", views.referral_group_create, name="referral_group_create"),
    path(
        "referral-groups/<uuid:group_id>/",
        views.referral_group_detail,
        name="referral_group_detail",
    ),
    path(
        "referral-groups/<uuid:group_id>/members/add/",
        views.referral_group_member_add,
        name="referral_group_member_add",
    ),
    path(
        "referral-groups/<uuid:group_id>/members/remove/",
        views.referral_group_member_remove,
        name="referral_group_member_remove",
    ),
]
