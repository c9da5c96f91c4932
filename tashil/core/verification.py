"""Verification codes of issued documents: `/verify/<code>/` on the public site shows a document's number, date,
issuer and the SHA-256 of the PDF as it was issued, so a recipient can check a printed letter, minutes or
certificate is genuine.

Core knows no domain. An app issuing documents registers its kind here from its ``AppConfig.ready()``:

- a document sealed through ``seal(...)`` (a ``DocumentSeal`` row: minutes, certificates) registers with
  ``register(kind, label, stored_file=...)``, saying where the issued PDF is kept (the seal's own ``pdf`` by
  default);
- an app that keeps its codes on its own rows (letters) registers a ``finder(code) -> Document | None``.

The page asks every finder in turn; an unknown or altered code answers 404 «سند یافت نشد», the same for every
wrong code; a stored file whose hash no longer matches the one recorded at issue is refused (409).
"""

import hashlib
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import router, transaction
from django.urls import reverse

# Typed from paper by a recipient: no 0/O or 1/I to confuse; 16 of 32 symbols is 80 random bits.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 16
MAX_CODE_LENGTH = 32

KINDS = {}  # kind -> Kind
FINDERS = []  # callables code -> Document | None, asked in order


@dataclass
class Kind:
    label: str
    stored_file: object = None  # seal -> FieldFile (or None): where the issued PDF is kept


@dataclass
class Document:
    """What the verification page shows of one issued document."""

    kind_label: str
    number: str
    date: object
    issuer: str
    recorded_sha256: str
    stored_file: object  # a FieldFile (or None when the file is gone)
    rows: list = field(default_factory=list)  # more (label, value) pairs: recipient, subject, title…


def new_code():
    """An unguessable, non-sequential code (secrets, not random)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def verification_url(code):
    """The public page a printed document's QR code and printed address lead to."""
    return settings.TASHIL_SITE_URL.rstrip("/") + reverse("verify:document", kwargs={"code": code})


def qr_data_uri(url):
    """The QR code of ``url`` as an SVG data URI for a PDF template (segno)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=3, border=1)


def register(kind, label, stored_file=None):
    """Declare a kind of sealed document (``seal``); ``stored_file(seal)`` says where its PDF is kept."""
    KINDS[kind] = Kind(label=label, stored_file=stored_file)


def register_finder(finder):
    """Add a finder for documents whose codes an app keeps itself (letters)."""
    if finder not in FINDERS:
        FINDERS.append(finder)


@transaction.atomic
def seal(kind, object_id, *, render, number="", date=None, issuer="", title="", keep_file=True):
    """Issue (or re-issue) the seal of one document: its code (kept across re-issues, so the printed code stays
    good), ``render(code, url, qr)`` → the PDF bytes carrying them, and their SHA-256. With ``keep_file`` the
    PDF is stored on the seal; otherwise the app stores the returned bytes where ``stored_file`` points.
    Returns ``(seal, pdf_bytes)``."""
    from .models import DocumentSeal

    if kind not in KINDS:
        raise LookupError(f"document kind {kind!r} is not registered")
    row = seal_of(kind, object_id, lock=True)
    if row is None:
        row = DocumentSeal(kind=kind, object_id=object_id, code=new_code())
    url = verification_url(row.code)
    content = render(row.code, url, qr_data_uri(url))
    row.number, row.date, row.issuer, row.title = number, date, issuer[:300], title[:300]
    row.sha256 = hashlib.sha256(content).hexdigest()
    old = row.pdf.name if row.pdf else ""
    if keep_file:
        row.pdf.save(f"{kind}-{object_id}.pdf", ContentFile(content), save=False)
    row.save()
    if old and keep_file:
        storage = row.pdf.storage
        transaction.on_commit(lambda: storage.delete(old))
    return row, content


def seal_of(kind, object_id, lock=False):
    """The seal of a document, or None when it has not been issued. ``lock``: read on the primary database and
    lock the row (a certificate sealed on its first download, a GET that would otherwise read a replica)."""
    from .models import DocumentSeal

    rows = DocumentSeal.objects
    if lock:
        rows = rows.db_manager(router.db_for_write(DocumentSeal)).select_for_update()
    return rows.filter(kind=kind, object_id=object_id).first()


def sealed_document(code):
    """The finder of sealed documents (``DocumentSeal``), asked first."""
    from .models import DocumentSeal

    row = DocumentSeal.objects.filter(code=code).first()
    if row is None or row.kind not in KINDS:
        return None
    kind = KINDS[row.kind]
    stored = kind.stored_file(row) if kind.stored_file else row.pdf
    rows = [("عنوان", row.title)] if row.title else []
    return Document(
        kind_label=str(kind.label),
        number=row.number,
        date=row.date,
        issuer=row.issuer,
        recorded_sha256=row.sha256,
        stored_file=stored or None,
        rows=rows,
    )


def find(code):
    """The issued document with this code, from whichever app issued it, or None."""
    code = (code or "").strip().upper()
    if not code or len(code) > MAX_CODE_LENGTH or not (code.isascii() and code.isalnum()):
        return None
    for finder in (sealed_document, *FINDERS):
        document = finder(code)
        if document is not None:
            return document
    return None


def file_hash(stored_file):
    """The SHA-256 of a stored file as it is now ("" when the file is missing)."""
    if not stored_file:
        return ""
    try:
        with stored_file.open("rb") as handle:
            digest = hashlib.sha256()
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
            return digest.hexdigest()
    except (FileNotFoundError, OSError):
        return ""
