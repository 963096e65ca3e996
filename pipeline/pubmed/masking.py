"""Keeping the NCBI email and API key out of every log line and message.

The client masks its own messages with :func:`mask_secrets`; urllib3 logs each request
line (query string included) at DEBUG, so :func:`mask_in_url_logs` puts a filter on its
logger that does the same to those records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

MASK = "***"
_URL_LOGGERS = ("urllib3.connectionpool",)


def secret_forms(secret: str) -> set[str]:
    """``secret`` as written raw and URL-encoded (both ways), the forms it takes in a URL or body."""
    return {secret, quote_plus(secret), quote(secret, safe="")}


def mask_secrets(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every form of every secret replaced by ``***``."""
    forms = {form for secret in secrets if secret for form in secret_forms(secret)}
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, MASK)
    return text


class _SecretMask(logging.Filter):
    """Rewrites a record whose message holds a registered secret."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message, self.secrets)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


_SECRET_MASK = _SecretMask()


def mask_in_url_logs(*secrets: str | None) -> None:
    """Mask ``secrets`` in the records of the third-party loggers that print request URLs."""
    _SECRET_MASK.secrets.update(s for s in secrets if s)
    for name in _URL_LOGGERS:
        url_logger = logging.getLogger(name)
        if _SECRET_MASK not in url_logger.filters:
            url_logger.addFilter(_SECRET_MASK)
