"""The participant's anonymous survey on their own phone, under a short prefix: /v/."""

from django.urls import path

from stegvis.surveys import views_phone

app_name = "surveyphone"
urlpatterns = [
    path("", views_phone.answer, name="answer"),
    path("thanks/", views_phone.thanks, name="thanks"),
    path("<str:token>/", views_phone.open_link, name="open"),
]
