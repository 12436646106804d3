from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from stegvis.api.api import api_url_names, api_urls
from stegvis.core import views as core_views

# Pages anyone may open without signing in. Every other route requires login (LoginRequiredMiddleware);
# core/tests/test_urls.py fails on a route that is neither.
PUBLIC_URL_NAMES = {
    "healthz",
    "set_language",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    # The participant's self-assessment on a personal link (assessments/views_phone.py).
    "selfassessment:open",
    "selfassessment:start",
    "selfassessment:question",
    "selfassessment:summary",
    "selfassessment:submit",
    # The one way in: the person's own contact and following it by receipt (coordination/views_public.py).
    "coordination:public_contact",
    "coordination:public_follow",
    # The participants' anonymous survey on a personal link (surveys/views_phone.py).
    "surveyphone:open",
    "surveyphone:answer",
    "surveyphone:thanks",
}
# The API signs in with a token on every operation, not a session (api/api.py).
PUBLIC_URL_NAMES |= api_url_names()
# Single sign-on: away to the organisation's identity provider and back (sso/).
PUBLIC_URL_NAMES |= {"sso:login", "sso:callback"}

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("stegvis.accounts.urls")),
    path("projects/", include("stegvis.projects.urls")),
    path("participants/", include("stegvis.participants.urls")),
    path("assessments/", include("stegvis.assessments.urls")),
    path("employers/", include("stegvis.employers.urls")),
    path("s/", include("stegvis.assessments.urls_phone")),
    path("exchange/", include("stegvis.exchange.urls")),
    path("reports/", include("stegvis.reports.urls")),
    path("fidelity/", include("stegvis.fidelity.urls")),
    path("privacy/", include("stegvis.privacy.urls")),
    path("api/v1/", api_urls()),
    path("api/tokens/", include("stegvis.api.urls")),
    path("sso/", include("stegvis.sso.urls")),
    path("youth/", include("stegvis.youth.urls")),
    path("coordination/", include("stegvis.coordination.urls")),
    path("surveys/", include("stegvis.surveys.urls")),
    path("v/", include("stegvis.surveys.urls_phone")),
    path("", include("stegvis.core.urls")),
]
