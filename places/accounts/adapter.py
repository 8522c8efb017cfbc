"""django-allauth's adapter: its mails through places.mail, invitations accepted at sign-in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.shortcuts import redirect
from django.template.loader import render_to_string

from places import mail
from places.accounts.invitation_views import accept_pending


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails (confirmation, password reset…) through the site's one door."""
        context = {"email": email, **context}
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        mail.send_message(
            to=email,
            subject=self.format_email_subject(" ".join(subject.split())),
            template=f"{template_prefix}_message",
            context=context,
        )

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if accept_pending(request):
            return redirect("accounts:dashboard")
        return response
