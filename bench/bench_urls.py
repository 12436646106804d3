"""Stegvis's URLs and the benchmarks' floor page: /bench/minimal/, the smallest page a logged-in
user can get (the site's layout, menu and language form, no data of its own). Only in the
benchmark settings, never in the application's URLs."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from stegvis.urls import urlpatterns as stegvis_urlpatterns

_PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Stegvis{% endblock %}'
    "{% block content %}<h1>Stegvis</h1>{% endblock %}"
)


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_PAGE.render({}, request))


urlpatterns = [path("bench/minimal/", minimal, name="bench_minimal"), *stegvis_urlpatterns]
