"""Who is asking: the visitor's address, the same for every limit (sign-ins, contact forms)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address. Behind TRUSTED_PROXY_COUNT proxies that each append the address
    they saw to X-Forwarded-For, it is the one the first of them saw: whatever a visitor
    writes in that header themselves comes before it, and is ignored. Without proxies, or
    when the header is shorter than the proxies would make it, the connection's address."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
