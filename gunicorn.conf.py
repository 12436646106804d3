"""gunicorn's settings for Stegvis, read when gunicorn starts in this folder (or with -c).

The access and error logs go through the same masking as Django's logs (stegvis.core.logs): no
personnummer, e-mail address, phone number or link token reaches them.
"""

logger_class = "stegvis.core.logs.GunicornLogger"
