"""``evidence pubmed fetch`` and ``evidence pubmed search``.

Imports stay light here; the client is imported inside the handlers. The email
and API key are read from options or the environment when a handler runs and
are never printed.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from ..context import DEFAULT_PUBMED_CACHE
from ..errors import InputError

logger = logging.getLogger(__name__)

ENV_EUTILS_URL = "EVIDENCE_EUTILS_URL"
ENV_EMAIL = "EVIDENCE_EMAIL"
ENV_API_KEY = "NCBI_API_KEY"
_ID_SEPARATORS = re.compile(r"[\s,;]+")


def register(groups: dict[str, Any]) -> None:
    """Add the ``pubmed`` command group to the ``evidence`` parser."""
    pubmed = groups["root"].add_parser("pubmed", help="search PubMed and fetch abstracts into the local cache")
    actions = pubmed.add_subparsers(dest="pubmed_command", metavar="ACTION")
    pubmed.set_defaults(handler=lambda _args: _print_help(pubmed))

    fetch = actions.add_parser("fetch", help="fetch PubMed XML for a query or a PMID list into the cache "
                                             "(only PMIDs not cached yet)")
    source = fetch.add_mutually_exclusive_group(required=True)
    source.add_argument("--query", metavar="Q", help="a PubMed search; its PMIDs are fetched")
    source.add_argument("--pmids", type=Path, metavar="FILE",
                        help="a file of PMIDs (one or more a line; '#' starts a comment)")
    source.add_argument("--config", "--project", type=Path, metavar="FILE", dest="config",
                        help="a project file (evidence.toml): its [pubmed] queries, joined with OR, are searched")
    _add_date_options(fetch)
    fetch.add_argument("--retmax", type=int, default=1000, metavar="N",
                       help="at most N PMIDs from --query (default: %(default)s)")
    fetch.add_argument("--refresh", action="store_true",
                       help="fetch again even if cached or not found before")
    fetch.add_argument("--cache-dir", type=Path, default=DEFAULT_PUBMED_CACHE, metavar="DIR",
                       help="the cache folder (default: %(default)s)")
    _add_connection_options(fetch)
    fetch.set_defaults(handler=_cmd_fetch)

    search = actions.add_parser("search", help="print how many PubMed records match a query")
    search.add_argument("query", metavar="Q")
    _add_date_options(search)
    _add_connection_options(search)
    search.set_defaults(handler=_cmd_search)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _add_date_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mindate", metavar="YYYY[/MM[/DD]]", help="earliest publication date")
    parser.add_argument("--maxdate", metavar="YYYY[/MM[/DD]]", help="latest publication date")


def _add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--eutils-url", metavar="URL",
                        help=f"E-utilities base URL (env {ENV_EUTILS_URL}; default NCBI's)")
    parser.add_argument("--email", metavar="E", help=f"contact email sent to NCBI (env {ENV_EMAIL}; required)")
    parser.add_argument("--api-key", metavar="K", help=f"NCBI API key, 10 requests/s instead of 3 (env {ENV_API_KEY})")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="S",
                        help="seconds for connecting and for each read (default: %(default)s)")
    parser.add_argument("--deadline", type=float, default=None, metavar="S",
                        help="seconds for a whole request, its redirects and body (default: 4 x --timeout)")
    parser.add_argument("--max-retries", type=int, default=4, metavar="N",
                        help="retries per request on 429/5xx/connection errors (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=200, metavar="N",
                        help="PMIDs per efetch request, 1..200 (default: %(default)s)")
    parser.add_argument("--max-response-bytes", type=int, default=50_000_000, metavar="N",
                        help="refuse a response body larger than this (default: %(default)s)")


def _client(args: argparse.Namespace):  # noqa: ANN202 - EutilsClient, imported lazily
    from .client import NCBI_EUTILS_URL, EutilsClient, RetryPolicy

    try:
        return EutilsClient(
            args.eutils_url or os.environ.get(ENV_EUTILS_URL) or NCBI_EUTILS_URL,
            email=args.email or os.environ.get(ENV_EMAIL, ""),
            api_key=args.api_key or os.environ.get(ENV_API_KEY) or None,
            timeout=args.timeout,
            deadline=args.deadline,
            retry=RetryPolicy(max_retries=max(0, args.max_retries)),
            batch_size=args.batch_size,
            max_response_bytes=args.max_response_bytes,
        )
    except ValueError as exc:  # an out-of-range option value
        raise InputError("options", str(exc)) from None


def read_pmid_file(path: Path) -> tuple[list[str], list[InputError]]:
    """PMIDs from ``path`` in file order; each bad token is an error naming the file and line.

    Raises
    ------
    InputError
        When the file cannot be read.
    """
    from .parser import validate_pmid

    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read PMID file ({exc})") from None
    pmids: list[str] = []
    errors: list[InputError] = []
    for number, line in enumerate(lines, start=1):
        for token in _ID_SEPARATORS.split(line.split("#", 1)[0].strip()):
            if not token:
                continue
            try:
                pmids.append(validate_pmid(token))
            except InputError:
                errors.append(InputError(str(path), f"not a PMID (digits only): {token!r}", line=number))
    return pmids, errors


def _cmd_fetch(args: argparse.Namespace) -> int:
    from .cache import fetch_to_cache

    errors: list[InputError] = []
    if args.config is not None:
        from ..project import load_project

        queries = load_project(args.config).pubmed_queries
        if not queries:
            raise InputError(str(args.config), "pubmed.queries: the project file names no PubMed query")
        args.query = queries[0] if len(queries) == 1 else " OR ".join(f"({q})" for q in queries)
    client = _client(args)
    if args.pmids is not None:
        pmids, errors = read_pmid_file(args.pmids)
        query = None
        for error in errors:
            print(f"evidence pubmed fetch: skipped {error}", file=sys.stderr)
    else:
        result = client.search_all(args.query, mindate=args.mindate, maxdate=args.maxdate, limit=args.retmax)
        pmids, query = list(result.ids), args.query
        print(f"query matches {result.count} records; {len(pmids)} PMIDs to have in the cache")
    report = fetch_to_cache(client, pmids, args.cache_dir, refresh=args.refresh, query=query,
                            progress=sys.stderr.isatty())
    print(f"fetched {len(report.fetched)}, already cached {len(report.cached)}, "
          f"not returned by PubMed {len(report.missing)}, failed {len(report.failed)}; cache: {args.cache_dir}")
    if report.known_missing:
        print(f"skipped {len(report.known_missing)} PMIDs PubMed did not return before (--refresh asks again)")
    if report.missing:
        print("not returned: " + " ".join(report.missing), file=sys.stderr)
    if report.error:
        print(f"evidence pubmed fetch: {report.error}; rerun to fetch the {len(report.failed)} remaining",
              file=sys.stderr)
    return 1 if report.error or errors else 0


def _cmd_search(args: argparse.Namespace) -> int:
    result = _client(args).esearch(args.query, mindate=args.mindate, maxdate=args.maxdate, retmax=0)
    print(result.count)
    return 0
