from django import template
from django.conf import settings

from stegvis.sso import config

register = template.Library()


@register.inclusion_tag("sso/_login_button.html", takes_context=True)
def sso_login_button(context: dict) -> dict:
    """The "Sign in with <organisation>" link on the login page, when single sign-on is set up."""
    request = context.get("request")
    return {
        "configured": config.is_configured(),
        "name": settings.STEGVIS_OIDC_DISPLAY_NAME,
        "next": request.GET.get("next", "") if request is not None else "",
    }
