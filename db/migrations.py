"""Running the Alembic migrations from code (the CLI and the tests)."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncConnection

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def alembic_config(database_url: str, *, configure_logging: bool = False) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logging"] = configure_logging
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Migrate the database at `database_url` up to `revision`. Runs its own event loop."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


def head_revision() -> str | None:
    """Return the newest revision that the code's migrations define."""
    script = ScriptDirectory(str(PROJECT_ROOT / "alembic"))
    return script.get_current_head()


async def current_revision(connection: AsyncConnection) -> str | None:
    """Return the revision the database is migrated to, or None for an unmigrated database."""
    return await connection.run_sync(
        lambda sync_connection: MigrationContext.configure(sync_connection).get_current_revision()
    )
