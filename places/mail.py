"""The one door of the site's mails: every mail is rendered from templates and sent here."""

import contextlib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def send_message(
    *,
    to: list[str] | str,
    subject: str,
    template: str,
    context: dict,
    reply_to: list[str] | None = None,
) -> None:
    """Sends `template`.txt (and `template`.html when it exists) to `to` through Django's
    mail framework (console in development, SMTP from EMAIL_URL). `template` is a name
    without its extension, e.g. "mail/invitation"."""
    recipients = [to] if isinstance(to, str) else list(to)
    context = {"SITE_URL": settings.SITE_URL, **context}
    body = render_to_string(f"{template}.txt", context).strip() + "\n"
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to,
    )
    with contextlib.suppress(TemplateDoesNotExist):  # the HTML version is optional
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
