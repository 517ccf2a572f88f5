"""Fetching a URL with httpx: a timeout for the whole download, a size cap (streamed), a redirect
limit and an honest User-Agent. Every failure is one ``InputError`` line."""

from __future__ import annotations

import time

from .files import over_cap
from .model import InputError, Limits, Payload

_CHUNK = 1 << 16


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def user_agent() -> str:
    """``quotelens/<version> (+<project URL>)``: who is asking, and where to read about it."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        about = metadata("quotelens")
    except PackageNotFoundError:
        return "quotelens/0+unknown"
    urls = [value.split(",", 1)[-1].strip() for value in about.get_all("Project-URL") or ()]
    return f"quotelens/{about['Version']}" + (f" (+{urls[0]})" if urls else "")


def fetch(url: str, limits: Limits) -> Payload:
    """GET ``url``, following at most ``limits.max_redirects`` redirects."""
    import httpx

    deadline = time.monotonic() + limits.timeout
    try:
        with httpx.Client(
            timeout=limits.timeout, follow_redirects=True, max_redirects=limits.max_redirects,
            headers={"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                     "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"},
        ) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP error {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise over_cap(url, limits.max_bytes)
            chunks, size = [], 0
            for chunk in response.iter_bytes(_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > limits.max_bytes:
                    raise over_cap(url, limits.max_bytes)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("the whole download took too long")
            media_type = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower() or None
            return Payload(b"".join(chunks), response.charset_encoding, media_type, str(response.url))
    except httpx.TooManyRedirects:
        raise InputError(url, f"too many redirects (more than {limits.max_redirects}; a redirect loop?)") from None
    except httpx.TimeoutException:
        raise InputError(url, f"timed out (no answer within {limits.timeout:g} s)") from None
    except httpx.ConnectError as error:
        raise InputError(url, f"cannot connect ({_reason(error)})") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise InputError(url, f"not a valid URL ({_reason(error)})") from None
    except httpx.HTTPError as error:
        raise InputError(url, f"download failed ({type(error).__name__}: {_reason(error)})") from None


def _reason(error: Exception) -> str:
    return str(error) or type(error).__name__
