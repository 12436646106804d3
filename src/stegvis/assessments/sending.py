"""Sending a self-assessment link to the participant: by e-mail or SMS, through a sender class
named in the settings (STEGVIS_EMAIL_LINK_SENDER, STEGVIS_SMS_SENDER), so that an installation can
plug in its own SMS gateway.

A sender gets the recipient and the message and nothing else. Senders never log the address,
the number or the message (which holds the link).
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

EMAIL = "email"
SMS = "sms"


class LinkSender(Protocol):
    def send(self, *, to: str, message: str) -> None: ...


class EmailSender:
    """Sends through Django's mail (the installation's MAILERS)."""

    def send(self, *, to: str, message: str) -> None:
        send_mail(
            subject=_("Your self-assessment in Stegvis"),
            message=message,
            from_email=None,
            recipient_list=[to],
        )


class SmsSender:
    """The interface of an SMS gateway: subclass it and name the class in STEGVIS_SMS_SENDER."""

    def send(self, *, to: str, message: str) -> None:
        raise NotImplementedError


class FileSmsSender(SmsSender):
    """For the demo and development: each message becomes a file in VAR_DIR/sms-outbox/, readable
    only by the server's user, instead of an SMS."""

    def send(self, *, to: str, message: str) -> None:
        outbox = Path(settings.VAR_DIR) / "sms-outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        path = outbox / f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
        path.touch(mode=0o600)
        path.write_text(f"To: {to}\n\n{message}\n", encoding="utf-8")


def sender_for(channel: str) -> LinkSender:
    path = {EMAIL: settings.STEGVIS_EMAIL_LINK_SENDER, SMS: settings.STEGVIS_SMS_SENDER}.get(
        channel
    )
    if not path:
        raise ImproperlyConfigured(f"No sender is configured for {channel!r} links.")
    return import_string(path)()


def available_channels() -> list[str]:
    """The channels this installation can send links on."""
    return [
        channel
        for channel, path in (
            (EMAIL, settings.STEGVIS_EMAIL_LINK_SENDER),
            (SMS, settings.STEGVIS_SMS_SENDER),
        )
        if path
    ]


def link_message(*, first_name: str, url: str, expires_at: datetime.datetime) -> str:
    day = formats.date_format(timezone.localtime(expires_at).date(), "Y-m-d")
    greeting = _("Hi %(name)s!") % {"name": first_name} if first_name else _("Hi!")
    return "\n\n".join(
        [
            greeting,
            _("Here is your link to rate how close you are to work. It takes a few minutes."),
            url,
            _("The link works until %(day)s. Do not share it with anyone.") % {"day": day},
        ]
    )
