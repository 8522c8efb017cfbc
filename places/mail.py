"""The one door of the site's mails: every mail is rendered from templates and sent here.

Mails that can wait (almost all) are queued instead: `places.outbox.services.mail_queue`
renders them with `render_message` and keeps them until `send_rendered` delivered them."""

import contextlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


@dataclass
class Rendered:
    """A mail ready to leave: what an outbox row keeps."""

    to: list[str]
    subject: str
    body: str
    html: str = ""
    reply_to: list[str] = field(default_factory=list)


def render_message(
    *,
    to: list[str] | str,
    subject: str,
    template: str,
    context: dict,
    reply_to: list[str] | None = None,
) -> Rendered:
    """`template`.txt (and `template`.html when it exists) rendered in the active language.
    `template` is a name without its extension, e.g. "mail/invitation"."""
    recipients = [to] if isinstance(to, str) else list(to)
    context = {"SITE_URL": settings.SITE_URL, **context}
    body = render_to_string(f"{template}.txt", context).strip() + "\n"
    html = ""
    with contextlib.suppress(TemplateDoesNotExist):  # the HTML version is optional
        html = render_to_string(f"{template}.html", context)
    return Rendered(
        to=recipients,
        subject=" ".join(str(subject).split()),
        body=body,
        html=html,
        reply_to=list(reply_to or []),
    )


def send_rendered(rendered: Rendered) -> None:
    """Hands a rendered mail to Django's mail framework (console in development, SMTP from
    EMAIL_URL); raises whatever the mail server's failure is."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=rendered.to,
        reply_to=rendered.reply_to or None,
    )
    if rendered.html:
        message.attach_alternative(rendered.html, "text/html")
    message.send()


def send_message(
    *,
    to: list[str] | str,
    subject: str,
    template: str,
    context: dict,
    reply_to: list[str] | None = None,
) -> None:
    """Renders and sends at once (the caller waits for the mail server)."""
    send_rendered(
        render_message(
            to=to, subject=subject, template=template, context=context, reply_to=reply_to
        )
    )
