"""Personal API keys: made at random, kept only as their SHA-256, shown once."""

import hashlib
import secrets

PREFIX_LENGTH = 8


def new_key() -> str:
    """A fresh key: 43 URL-safe characters (256 random bits)."""
    return secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_prefix(key: str) -> str:
    """The start of a key, shown in lists so people tell their keys apart."""
    return key[:PREFIX_LENGTH]
