"""No personal data in the logs: one masking function, applied by a filter on every handler of
Django's logging (settings.LOGGING) and on gunicorn's error and access logs (GunicornLogger, named
by gunicorn.conf.py at the project's root).

It masks what identifies a person or opens their data: personnummer and samordningsnummer (and
organisationsnummer, which for a sole trader is the owner's personnummer), e-mail addresses,
Swedish phone numbers, the tokens of self-assessment links (/s/<token>/) and of password links.
"""

from __future__ import annotations

import logging
import re

_RULES: list[tuple[re.Pattern[str], str]] = [
    # Self-assessment links and password-reset links carry a secret token in the path.
    (re.compile(r"(/s/)(?!question/|summary/|submit/)[A-Za-z0-9_-]{8,}"), r"\1[token]"),
    (re.compile(r"(/password/reset/)[A-Za-z0-9_-]+/[A-Za-z0-9:_-]+"), r"\1[token]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-post]"),
    # YYYYMMDD-NNNN, YYMMDD-NNNN, YYMMDD+NNNN and the same without a separator.
    (re.compile(r"(?<![\w.])(?:19|20)?\d{6}[-+]?\d{4}(?![\w.])"), "[personnummer]"),
    # +46 70 123 45 67, 0046701234567, 070-123 45 67, 08-123 456 78.
    (
        re.compile(r"(?<![\w.:/])(?:\+46|0046|0)[\s-]?\d{1,3}(?:[\s-]?\d){5,8}(?![\w.])"),
        "[telefon]",
    ),
]


def mask(text: str) -> str:
    """`text` with personal data replaced by what kind of data was there."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Masks the message, its arguments and any traceback of every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: keep what there is, masked
            message = f"{record.msg} {record.args}"
        record.msg = mask(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def _gunicorn_logger_class() -> type:
    from gunicorn.glogging import Logger

    class GunicornLogger(Logger):
        """gunicorn's logger with PersonalDataFilter on the error and access logs' handlers."""

        def setup(self, cfg) -> None:  # noqa: ANN001
            super().setup(cfg)
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
                        handler.addFilter(PersonalDataFilter())

    return GunicornLogger


GunicornLogger = _gunicorn_logger_class()
