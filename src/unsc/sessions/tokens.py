"""The links' secrets: 256 random bits each, kept only as a SHA-256 hash.

A token is drawn with :func:`secrets.token_urlsafe` (the operating system's CSPRNG) and shown
once, when the session is created. The store keeps its SHA-256 digest: with 256 bits of
entropy a fast unsalted hash cannot be inverted by guessing (NIST SP 800-63B, 5.1.1.2 asks
for a slow salted hash only for secrets people choose).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)


def new_session_id() -> str:
    return secrets.token_hex(8)
