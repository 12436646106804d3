"""The participant's public pages (views_phone.py), under a short prefix for the link: /s/."""

from django.urls import path

from stegvis.assessments import views_phone

app_name = "selfassessment"
urlpatterns = [
    path("", views_phone.start, name="start"),
    path("question/<int:number>/", views_phone.question, name="question"),
    path("summary/", views_phone.summary, name="summary"),
    path("submit/", views_phone.submit, name="submit"),
    path("<str:token>/", views_phone.open_link, name="open"),
]
