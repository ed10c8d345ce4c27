"""The Atom 1.0 feed of published publications, `GET /feeds/publications.atom` (RFC 4287).

School sites and portals embed news with it without GraphQL. The feed lists what `Query.publications`
returns to an anonymous caller for `statuses: [PUBLISHED]`, newest first, so drafts and archived
publications never appear. Query parameters (list values separated by commas):

- `municipality`: municipality codes (MO15), OKTMO codes or global IDs;
- `includeRegionWide`: with `municipality`, also the publications for the whole region (default true);
- `audience`: `ParticipantCategory` values, e.g. `PARENT,STUDENT`;
- `kind`: `PublicationKind` values;
- `limit`: how many newest entries, 1 to `MAX_LIMIT` (default `DEFAULT_LIMIT`).

Responses carry an ETag (a digest of the body) and Last-Modified, and a conditional request
that matches gets 304 with no body.
"""

import hashlib
import logging
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.exports import Param, parse_query
from api.language import pick_language
from db.enums import ParticipantCategory, PublicationKind, PublicationStatus
from db.models import Municipality, Organization, Publication, publication_audiences
from db.reference.labels import LABELS
from resolvers.access import ANONYMOUS
from resolvers.errors import ApiError, bad_input
from resolvers.ids import encode_global_id, split_global_id
from resolvers.messages import render_message
from resolvers.publications import publication_conditions
from schema.publications import PublicationFilter

logger = logging.getLogger(__name__)

FEED_PATH = "/feeds/publications.atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
ATOM = "http://www.w3.org/2005/Atom"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
DEFAULT_LIMIT = 50
MAX_LIMIT = 100
# Readers may keep a copy this long before asking again; a new publication shows after at most this delay.
MAX_AGE_SECONDS = 60
# Entry and feed ids are name-based UUIDs (RFC 4122, version 5) under this namespace, so an entry
# keeps its id whatever host name or path the API is served under.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:talents-api:feeds")
# The author of a publication that no organisation wrote.
REGIONAL_AUTHOR = "Региональный орган управления образованием"
FEED_TITLE = "Публикации региональной программы развития способностей и талантов детей и молодёжи"
# `updated` of a feed without entries, which RFC 4287 still requires.
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedQuery:
    municipality_ids: list[str] | None = None
    municipality_codes: list[str] | None = None
    include_region_wide: bool = True
    audiences: list[ParticipantCategory] | None = None
    kinds: list[PublicationKind] | None = None
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class FeedEntry:
    publication: Publication
    author: str
    audiences: list[ParticipantCategory]


# --- Query parameters ------------------------------------------------------------------------


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _enums(enum: type[Enum]) -> Callable[[str, str], list[Any]]:
    def parse(name: str, value: str) -> list[Any]:
        members = []
        for item in _items(value):
            if item not in enum.__members__:
                allowed = ", ".join(enum.__members__)
                raise bad_input("export.unknown_enum_value", name=name, value=item[:64], allowed=allowed)
            members.append(enum.__members__[item])
        return members

    return parse


def _boolean(name: str, value: str) -> bool:
    if value not in ("true", "false"):
        raise bad_input("export.invalid_boolean", name=name, value=value[:64])
    return value == "true"


def _limit(name: str, value: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 6:
        raise bad_input("export.invalid_integer", name=name, value=value[:64])
    limit = int(value)
    if not 1 <= limit <= MAX_LIMIT:
        raise bad_input("filter.out_of_range", field=name, value=limit, minimum=1, maximum=MAX_LIMIT)
    return limit


MUNICIPALITY = Param(
    "municipality", "municipality", lambda _name, value: _items(value), ("Муниципальные образования", "Municipalities")
)
INCLUDE_REGION_WIDE = Param(
    "includeRegionWide",
    "include_region_wide",
    _boolean,
    ("И публикации для всей области", "With region-wide publications"),
)
AUDIENCE = Param("audience", "audiences", _enums(ParticipantCategory), ("Для кого", "Audiences"))
KIND = Param("kind", "kinds", _enums(PublicationKind), ("Вид публикации", "Publication kinds"))
LIMIT = Param("limit", "limit", _limit, ("Число записей", "Number of entries"))
FEED_PARAMS = [MUNICIPALITY, INCLUDE_REGION_WIDE, AUDIENCE, KIND, LIMIT]


def parse_feed_query(items: Iterable[tuple[str, str]]) -> FeedQuery:
    """Return the feed's filter from query parameters, or raise BAD_USER_INPUT naming the bad one."""
    values = parse_query(items, FEED_PARAMS)
    municipality_ids, municipality_codes = _split_municipalities(values.get(MUNICIPALITY))
    return FeedQuery(
        municipality_ids=municipality_ids,
        municipality_codes=municipality_codes,
        include_region_wide=values.get(INCLUDE_REGION_WIDE, True),
        audiences=values.get(AUDIENCE),
        kinds=values.get(KIND),
        limit=values.get(LIMIT, DEFAULT_LIMIT),
    )


def _split_municipalities(values: list[str] | None) -> tuple[list[str] | None, list[str] | None]:
    """Split municipality values into global IDs and codes: a value that decodes as a global ID is one."""
    if values is None:
        return None, None
    ids, codes = [], []
    for value in values:
        try:
            split_global_id(value)
        except ApiError:
            codes.append(value)
        else:
            ids.append(value)
    return ids or None, codes or None


async def check_municipalities(session: AsyncSession, query: FeedQuery) -> None:
    """Raise BAD_USER_INPUT for a municipality code, OKTMO code or ID that names no municipality.

    A typo would otherwise give an empty feed that looks like a quiet news day.
    """
    if query.municipality_codes is None and query.municipality_ids is None:
        return
    rows = (await session.execute(select(Municipality.id, Municipality.code, Municipality.oktmo))).all()
    known_codes = {code for row in rows for code in (row.code, row.oktmo) if code is not None}
    known_ids = {encode_global_id("Municipality", row.id) for row in rows}
    for value in query.municipality_codes or []:
        if value not in known_codes:
            raise bad_input("feed.unknown_municipality", value=value[:64])
    for value in query.municipality_ids or []:
        if value not in known_ids and split_global_id(value)[0] == "Municipality":
            raise bad_input("feed.unknown_municipality", value=value[:64])


# --- Reading ---------------------------------------------------------------------------------


def feed_conditions(query: FeedQuery) -> list[Any]:
    """Return the conditions of an anonymous `publications` list with the feed's filter."""
    publication_filter = PublicationFilter(
        statuses=[PublicationStatus.PUBLISHED],  # type: ignore[list-item]
        municipality_ids=query.municipality_ids,  # type: ignore[arg-type]
        municipality_codes=query.municipality_codes,
        include_region_wide=query.include_region_wide,
        audiences=query.audiences,  # type: ignore[arg-type]
        kinds=query.kinds,  # type: ignore[arg-type]
    )
    return [*publication_conditions(ANONYMOUS, publication_filter), Publication.status == PublicationStatus.PUBLISHED]


async def read_entries(sessions: async_sessionmaker[AsyncSession], query: FeedQuery) -> list[FeedEntry]:
    """Return the newest published publications that match `query`, with their authors and audiences."""
    statement = (
        select(Publication)
        .where(*feed_conditions(query))
        .order_by(Publication.published_at.desc(), Publication.id.desc())
        .limit(query.limit)
    )
    async with sessions() as session:
        await check_municipalities(session, query)
        publications = list((await session.execute(statement)).scalars())
        ids = [publication.id for publication in publications]
        audiences = await _audiences(session, ids)
        authors = await _authors(session, {p.organization_id for p in publications if p.organization_id is not None})
    return [
        FeedEntry(
            publication=publication,
            author=authors.get(publication.organization_id, REGIONAL_AUTHOR),
            audiences=audiences.get(publication.id, []),
        )
        for publication in publications
    ]


async def _audiences(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[ParticipantCategory]]:
    table = publication_audiences
    rows = await session.execute(
        select(table.c.publication_id, table.c.category)
        .where(table.c.publication_id.in_(ids))
        .order_by(table.c.category)
    )
    found: dict[int, list[ParticipantCategory]] = {}
    for publication_id, category in rows:
        found.setdefault(publication_id, []).append(category)
    return found


async def _authors(session: AsyncSession, ids: set[int]) -> dict[int, str]:
    rows = await session.execute(
        select(Organization.id, Organization.short_name, Organization.name).where(Organization.id.in_(sorted(ids)))
    )
    return {row.id: row.short_name or row.name for row in rows}


# --- Writing ---------------------------------------------------------------------------------


def entry_id(publication_id: int) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'publication:{publication_id}')}"


def feed_id(query_string: str) -> str:
    """Return the id of the feed with these parameters; parameters in another order give the same id."""
    canonical = "&".join(sorted(query_string.split("&"))) if query_string else ""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'publications?{canonical}')}"


def _atom_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        child.text = text
    return child


def _label(member: Enum) -> str:
    _description, labels = LABELS[type(member)]
    return labels[member.name][0]


def render_feed(
    entries: list[FeedEntry], *, self_url: str, alternate_url: str, scheme_base: str, query_string: str
) -> bytes:
    """Return the Atom document of `entries` as UTF-8 bytes."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML_NAMESPACE}}}lang": "ru"})
    _element(feed, "id", feed_id(query_string))
    _element(feed, "title", FEED_TITLE)
    _element(feed, "updated", _atom_time(last_modified(entries)))
    _element(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _element(feed, "link", rel="alternate", type="text/html", href=alternate_url)
    author = _element(feed, "author")
    _element(author, "name", REGIONAL_AUTHOR)
    _element(feed, "generator", "Talents API")
    for entry in entries:
        _render_entry(feed, entry, scheme_base)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _render_entry(feed: ET.Element, entry: FeedEntry, scheme_base: str) -> None:
    publication = entry.publication
    element = _element(feed, "entry")
    _element(element, "id", entry_id(publication.id))
    _element(element, "title", publication.title, type="text")
    _element(element, "updated", _atom_time(publication.updated_at))
    if publication.published_at is not None:
        _element(element, "published", _atom_time(publication.published_at))
    author = _element(element, "author")
    _element(author, "name", entry.author)
    kind = publication.kind
    _element(element, "category", term=kind.value, scheme=f"{scheme_base}#PublicationKind", label=_label(kind))
    for audience in entry.audiences:
        _element(
            element,
            "category",
            term=audience.value,
            scheme=f"{scheme_base}#ParticipantCategory",
            label=_label(audience),
        )
    for link in publication.attachments or []:
        url = link.get("url") if isinstance(link, dict) else None
        if isinstance(url, str) and url:
            _element(element, "link", rel="related", href=url, title=str(link.get("title") or url))
    if publication.summary:
        _element(element, "summary", publication.summary, type="text")
    # The body is Markdown; as plain text it keeps its markup and is shown as written.
    _element(element, "content", publication.body, type="text")


def last_modified(entries: list[FeedEntry]) -> datetime:
    """Return the latest change among `entries`, or the epoch for an empty feed."""
    moments = [entry.publication.updated_at for entry in entries]
    moments += [entry.publication.published_at for entry in entries if entry.publication.published_at is not None]
    return max(moments, default=EMPTY_FEED_UPDATED)


# --- HTTP ------------------------------------------------------------------------------------


def is_not_modified(request: Request, etag: str, modified: datetime) -> bool:
    """Return whether the request's validators match: If-None-Match first, else If-Modified-Since (RFC 9110)."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return "*" in tags or etag in tags
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        return False
    # HTTP dates have whole seconds.
    return modified.replace(microsecond=0) <= since


class PublicationsFeed:
    """The feed route; `site_url` is the HTML page the feed's alternate link points to."""

    def __init__(self, site_url: str | None) -> None:
        self.site_url = site_url

    async def endpoint(self, request: Request) -> Response:
        language = pick_language(request.headers.get("accept-language"))
        try:
            query = parse_feed_query(request.query_params.multi_items())
            entries = await read_entries(request.app.state.read_sessions, query)
        except ApiError as error:
            logger.info("rejected a feed request: %s", error.message_key)
            message = render_message(error.message_key, language, error.params)
            return JSONResponse(
                {"errors": [{"message": message, "extensions": {"code": error.code.value}}]}, status_code=400
            )

        base = str(request.base_url).rstrip("/")
        body = render_feed(
            entries,
            self_url=str(request.url),
            alternate_url=self.site_url or f"{base}/graphql",
            scheme_base=f"{base}/graphql",
            query_string=request.url.query,
        )
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        modified = last_modified(entries)
        headers = {
            "ETag": etag,
            "Last-Modified": format_datetime(modified.astimezone(UTC), usegmt=True),
            "Cache-Control": f"public, max-age={MAX_AGE_SECONDS}",
        }
        if is_not_modified(request, etag, modified):
            return Response(status_code=304, headers=headers)
        return Response(body, headers=headers, media_type=CONTENT_TYPE)


def feed_routes(site_url: str | None) -> list[Route]:
    return [Route(FEED_PATH, PublicationsFeed(site_url).endpoint, methods=["GET"], name="publications-feed")]
