"""Routes of the referral pages (views_referrals.py); included by participants/urls.py."""

urlpatterns: list = []
