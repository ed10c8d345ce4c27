"""`talents keys`: create, list and revoke API keys.

`keys create` prints a key once; the database keeps only its SHA-256 hash, and lists and logs name
a key by its id and prefix. The rules and the database work are in `api.keys_admin`, imported by
each command so that `talents --help` and the other commands start without loading them.
"""

import argparse
import logging
import sys
from typing import Any

from api.settings import Settings
from db.enums import ApiKeyRole
from db.timezone import utc_now

logger = logging.getLogger(__name__)


def add_keys_commands(commands: Any) -> None:
    """Add `keys create`, `keys list` and `keys revoke` to the `talents` subcommands."""
    keys = commands.add_parser("keys", help="create, list and revoke API keys")
    actions = keys.add_subparsers(required=True, metavar="ACTION")

    create = actions.add_parser(
        "create",
        help="create an API key and print it once",
        description="Create an API key and print it once: the database keeps only its hash.",
    )
    create.add_argument(
        "--role",
        required=True,
        type=str.upper,
        choices=[role.value for role in ApiKeyRole],
        help="the role the key grants",
    )
    create.add_argument(
        "--name", required=True, help="a unique name, e.g. the system or the person that uses the key"
    )
    create.add_argument(
        "--organization",
        action="append",
        default=[],
        help="for OPERATOR, repeatable: an organisation's externalId, ИНН or global ID",
    )
    create.add_argument(
        "--municipality",
        action="append",
        default=[],
        help="for MUNICIPAL_COORDINATOR, repeatable: a municipality's code such as MO15, its OKTMO code "
        "or its global ID",
    )
    create.add_argument("--health-data", action="store_true", help="allow the key to read health data")
    create.add_argument(
        "--expires",
        metavar="WHEN",
        help="when the key stops working: an ISO date (as that day starts), a date and time (in the "
        "region's time, UTC+05:00, unless it has an offset) or a duration such as 12h, 90d or 8w "
        "(default: never)",
    )
    create.set_defaults(handler=run_create)

    listing = actions.add_parser("list", help="list API keys without their secrets")
    listing.set_defaults(handler=run_list)

    revoke = actions.add_parser("revoke", help="revoke an API key; revoking it again changes nothing")
    revoke.add_argument(
        "key", metavar="ID_OR_PREFIX", help="the key's id or prefix as `talents keys list` shows them, or the key"
    )
    revoke.set_defaults(handler=run_revoke)


def run_create(arguments: argparse.Namespace, settings: Settings) -> int:
    from api import keys_admin

    try:
        name = keys_admin.check_name(arguments.name)
        role = ApiKeyRole(arguments.role)
        keys_admin.check_scope(role, arguments.organization, arguments.municipality)
        expires_at = None
        if arguments.expires is not None:
            expires_at = keys_admin.parse_expiry(arguments.expires, utc_now())
        created = keys_admin.run_in_session(
            settings.database_url,
            lambda session: keys_admin.create_key(
                session,
                name,
                role,
                arguments.organization,
                arguments.municipality,
                arguments.health_data,
                expires_at,
            ),
        )
    except keys_admin.KeyCommandError as error:
        print(f"talents keys create: {error}", file=sys.stderr)
        return error.exit_code

    logger.info("created API key %s (%s), role %s", created.id, created.prefix, role.value)
    print(f"Created API key {created.id} «{name}» ({created.prefix}…)")
    print(f"  role: {role.value}")
    if created.organizations:
        print(f"  organisations: {', '.join(created.organizations)}")
    if created.municipalities:
        print(f"  municipalities: {', '.join(created.municipalities)}")
    print(f"  health data: {'yes' if arguments.health_data else 'no'}")
    print(f"  expires: {keys_admin.format_moment(expires_at, 'never')}")
    print("The key is shown only this once, because the database keeps only its hash:")
    print(created.key)
    return 0


def run_list(arguments: argparse.Namespace, settings: Settings) -> int:
    from api import keys_admin

    try:
        rows = keys_admin.run_in_session(settings.database_url, keys_admin.list_keys)
    except keys_admin.KeyCommandError as error:
        print(f"talents keys list: {error}", file=sys.stderr)
        return error.exit_code

    if not rows:
        print("No API keys yet; create one with `talents keys create`.")
        return 0
    print_table(rows)
    return 0


def run_revoke(arguments: argparse.Namespace, settings: Settings) -> int:
    from api import keys_admin

    try:
        revoked = keys_admin.run_in_session(
            settings.database_url, lambda session: keys_admin.revoke_key(session, arguments.key)
        )
    except keys_admin.KeyCommandError as error:
        print(f"talents keys revoke: {error}", file=sys.stderr)
        return error.exit_code

    label = f"API key {revoked.id} «{revoked.name}» ({revoked.prefix}…)"
    moment = keys_admin.format_moment(revoked.revoked_at)
    if revoked.changed:
        logger.info("revoked API key %s (%s)", revoked.id, revoked.prefix)
        print(f"Revoked {label} at {moment}.")
    else:
        print(f"{label} was already revoked at {moment}; nothing changed.")
    return 0


def print_table(rows: list[dict[str, str]]) -> None:
    """Print `rows` as columns aligned under the keys of the first row."""
    headers = list(rows[0])
    widths = {header: max(len(header), *(len(row[header]) for row in rows)) for header in headers}
    print("  ".join(header.ljust(widths[header]) for header in headers).rstrip())
    for row in rows:
        print("  ".join(row[header].ljust(widths[header]) for header in headers).rstrip())
