"""E-mailed notes saved as .eml files (RFC 5322 messages, MIME parts included).

The message is parsed with the standard library (``email`` with ``policy.default``, which
decodes transfer encodings and charsets). Its Subject becomes the first block, a level-1
heading; every other header, and every attachment, is listed in ``Document.removed``; a
message attached to it (a report forwarded as an attachment) is read after it. The
text/plain body is read like a plain-text report, else the text/html body like an HTML
page; in both, forwarded-message separators, quoting and the signature are taken off as in
:mod:`.email_text`. Nothing is fetched: an HTML body's images and links stay unresolved.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from ..model import Block, Document
from . import ReaderError
from ._common import clean_text, normalise, read_limited
from .email_text import strip_email
from .html import html_blocks
from .text import text_blocks

MAX_HEADER_CHARS = 160
MAX_ATTACHED_MESSAGES = 8  # forwarded-as-attachment messages read, nested or not


class EmlReader:
    name = "eml"
    suffixes = (".eml",)

    def read(self, path: Path) -> Document:
        data = read_limited(path)
        try:
            message = BytesParser(policy=policy.default).parsebytes(data)
        except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted input
            raise ReaderError(f"not a readable e-mail message: {exc}") from None
        if not isinstance(message, EmailMessage) or not message.keys():
            raise ReaderError("not an e-mail message (no headers)")
        removed: list[tuple[str, str]] = []
        warnings: list[str] = []
        try:
            blocks = _message(message, 1, removed, warnings, [MAX_ATTACHED_MESSAGES])
        except ReaderError:
            raise
        except RecursionError:
            raise ReaderError("e-mail message nested too deeply") from None
        except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted input
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ReaderError(f"not a readable e-mail message: {reason}") from None
        if not blocks:
            raise ReaderError("e-mail has no text body (only attachments?)")
        return Document.build(str(path), self.name, blocks, removed=removed, warnings=warnings)


def _message(message: EmailMessage, level: int, removed: list[tuple[str, str]],
             warnings: list[str], budget: list[int]) -> list[Block]:
    """Blocks of one message: its Subject as a heading of ``level``, its body, then the
    messages attached to it (a report forwarded as an attachment), one level down."""
    subject = ""
    for name, value in message.items():
        text = normalise(str(value))
        if name.lower() == "subject" and not subject:
            subject = text
        else:
            removed.append(("e-mail header", f"{name}: {text}"[:MAX_HEADER_CHARS]))
    blocks = [Block("heading", subject, level=min(level, 6))] if subject else []
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        body_blocks, body_warnings = _body(body, removed)
        blocks += body_blocks
        warnings += body_warnings
    for part in message.iter_attachments():
        inner = part.get_content() if part.get_content_type() == "message/rfc822" else None
        if isinstance(inner, EmailMessage) and budget[0] > 0:
            budget[0] -= 1
            blocks += _message(inner, level + 1, removed, warnings, budget)
        else:
            removed.append(("attachment", part.get_filename() or part.get_content_type()))
    return blocks


def _body(body: EmailMessage, removed: list[tuple[str, str]]) -> tuple[list[Block], list[str]]:
    try:
        content = body.get_content()
    except (LookupError, ValueError, AssertionError) as exc:
        raise ReaderError(f"e-mail body cannot be decoded: {exc}") from None
    if not isinstance(content, str):
        raise ReaderError("e-mail body is not text")
    if not normalise(content):
        return [], []  # an empty cover message around an attached report
    decoded = clean_text(content)
    if body.get_content_subtype() == "html":
        return html_blocks(decoded.text, removed=removed), list(decoded.warnings)
    stripped = strip_email(decoded.text.splitlines(), headers_known=True)
    removed.extend(stripped.removed)
    return text_blocks("\n".join(stripped.lines)), list(decoded.warnings)
