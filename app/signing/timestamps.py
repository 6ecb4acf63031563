"""RFC 3161 timestamps and long-term validation data, only when the office has a TSA.

Offline is the default: with no TSA URL in the office settings a signature carries the signer's
own clock (PAdES-B-B) and `verify` says so. With one (BSrE runs a TSA) every signature gets a
timestamp token from it (PAdES-B-T) and its validation data (the certificates, and CRLs/OCSP
responses where the certificates name a place to fetch them) goes into the document security
store (/DSS) of the file (PAdES-B-LT), so the signature can be checked years later without the
network. A TSA that cannot be reached does not stop the signing: the signature is made without
a timestamp and the signer is told.

pyHanko's own HTTP clients need `requests` or `aiohttp`; the standard library's urllib does
the one POST a timestamp needs.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from dataclasses import dataclass

from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError, extract_ts_certs, set_tsp_headers

from app.i18n import _
from app.services.office import clean_tsa_url

#: A timestamp reply is a few kilobytes; a server sending more is not a TSA.
MAX_REPLY_BYTES = 256 * 1024
TIMEOUT_SECONDS = 10


class UrlTimeStamper(TimeStamper):
    """An RFC 3161 client over HTTP(S) with urllib."""

    def __init__(self, url: str, *, timeout: float = TIMEOUT_SECONDS) -> None:
        super().__init__()
        self.url = url
        self.timeout = timeout

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        def post() -> tsp.TimeStampResp:
            request = urllib.request.Request(self.url, data=req.dump(), headers=set_tsp_headers({}), method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as reply:  # noqa: S310 - checked scheme
                    if reply.headers.get("Content-Type") != "application/timestamp-reply":
                        raise TimestampRequestError("not a timestamp reply")
                    body = reply.read(MAX_REPLY_BYTES + 1)
            except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections are OSErrors
                raise TimestampRequestError(str(exc)) from exc
            if len(body) > MAX_REPLY_BYTES:
                raise TimestampRequestError("reply too large")
            return tsp.TimeStampResp.load(body)

        return await asyncio.to_thread(post)


@dataclass(frozen=True)
class TimestampSource:
    """The TSA as reached just before signing: its client and the certificates it signs with."""

    timestamper: UrlTimeStamper
    certificates: tuple[asn1_x509.Certificate, ...]


@dataclass(frozen=True)
class TimestampPlan:
    """What signing will do about time: a reachable TSA, or why there is no timestamp."""

    source: TimestampSource | None
    #: Why the signature will carry no timestamp, in the user's language ("" when it will).
    missing: str


def reach_tsa(url: str) -> TimestampPlan:
    """Ask the TSA once (pyHanko's own size estimate reuses this answer, so it costs no extra request).

    No URL, or a TSA that does not answer properly: no timestamp, and the reason.
    """
    url = (url or "").strip()
    if not url:
        return TimestampPlan(None, _("no timestamp server (TSA) is set in the office settings"))
    timestamper = UrlTimeStamper(clean_tsa_url(url))
    try:
        token = asyncio.run(timestamper.async_dummy_response("sha256"))
    except Exception:  # noqa: BLE001 - refused, timed out, not a TSA, a malformed reply: all "not reached"
        return TimestampPlan(None, _("the timestamp server {url} could not be reached").format(url=url))
    certificates = tuple(c for c in token["content"]["certificates"] if c.name == "certificate")
    chosen = tuple(c.chosen for c in certificates)
    # The TSA's own certificate first (as extract_ts_certs names it), then the rest of its chain.
    leaves = list(extract_ts_certs(token, timestamper.cert_registry))
    ordered = tuple(leaves) + tuple(c for c in chosen if c not in leaves)
    return TimestampPlan(TimestampSource(timestamper, ordered), "")
