"""Opening a .p12 in a helper process, so checking its RSA key never freezes the window.

cryptography checks an RSA private key whenever it loads one (0.03 s for RSA-2048, 0.09 s for
RSA-3072, 0.2 s for RSA-4096) and holds the interpreter meanwhile, so the window's thread cannot
run; a PKCS#12 file offers no way to skip the check. Opened in a process of its own, the key
comes back checked, and is loaded here without checking it a second time. No Qt in this module:
the helper process imports it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.services.errors import UserError
from app.signing.certificates import SigningIdentity, load_identity

log = logging.getLogger("timpora.signing")


def open_identity(p12: Path, passphrase: str) -> SigningIdentity:
    """load_identity(p12, passphrase), done in a helper process; the same errors, in the same words."""
    try:
        return open_in_helper(p12, passphrase)
    except UserError:
        raise
    except Exception:  # noqa: BLE001 - no helper process here (a locked-down PC): open it in this one
        log.warning("the .p12 helper process could not run; opening the key in the app", exc_info=True)
        return load_identity(p12, passphrase)


def open_in_helper(p12: Path, passphrase: str) -> SigningIdentity:
    """The helper process's part alone; raises whatever keeps the helper from running (self-test)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from app.i18n import current_language

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as helper:
        parts = helper.submit(_open_parts, str(p12), passphrase, current_language()).result()
    return _identity(*parts)


def _open_parts(path: str, passphrase: str, language: str) -> tuple[bytes, bytes, tuple[bytes, ...]]:
    """In the helper: open and check the .p12 as signing always does; hand back DER bytes."""
    from cryptography.hazmat.primitives import serialization

    from app.i18n import set_language

    set_language(language)
    identity = load_identity(Path(path), passphrase)
    der = serialization.Encoding.DER
    key = identity.private_key.private_bytes(  # type: ignore[attr-defined]
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key, identity.certificate.public_bytes(der), tuple(c.public_bytes(der) for c in identity.chain)


def _identity(key_der: bytes, certificate_der: bytes, chain_der: tuple[bytes, ...]) -> SigningIdentity:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from app.signing.certificates import describe

    certificate = x509.load_der_x509_certificate(certificate_der)
    # Checked by load_identity in the helper a moment ago: the slow check is not repeated here.
    key = serialization.load_der_private_key(key_der, None, unsafe_skip_rsa_key_validation=True)
    return SigningIdentity(
        info=describe(certificate),
        certificate=certificate,
        private_key=key,
        chain=tuple(x509.load_der_x509_certificate(c) for c in chain_der),
    )
