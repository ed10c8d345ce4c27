"""Settings from environment variables prefixed `TALENTS_`."""

from ipaddress import ip_network

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TALENTS_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite+aiosqlite:///talents.db",
        description="SQLAlchemy URL: sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER@HOST/DB",
    )
    database_read_url: str | None = Field(
        default=None, description="URL of a read replica for queries; the primary when unset"
    )
    pool_size: int = Field(default=10, ge=1, le=200, description="PostgreSQL connections kept per worker")
    pool_max_overflow: int = Field(default=10, ge=0, le=200, description="Extra connections under load")
    pool_timeout_seconds: float = Field(default=10.0, gt=0, description="Wait for a free connection")
    cors_origins: list[str] = Field(default=["*"], description="Origins allowed by CORS")
    graphiql: bool = Field(default=True, description="Serve GraphiQL on GET /graphql for browsers")
    log_level: str = Field(default="INFO", description="Logging level of the talents loggers")
    suppression_threshold: int = Field(
        default=5, ge=2, le=100, description="Monitoring cells about fewer people are hidden"
    )
    coverage_target: float = Field(
        default=0.8, gt=0, le=1, description="Coverage target as a fraction of children aged 5-18"
    )
    perturbation: bool = Field(
        default=True, description="Perturb monitoring counts for roles without personal-data access"
    )
    log_format: str = Field(default="text", description="Log lines as text, or as JSON objects with 'json'")
    max_body_bytes: int = Field(default=1_000_000, ge=1_000, description="Maximum request body size, bytes")
    max_upload_bytes: int = Field(
        default=50_000_000, ge=1_000, description="Maximum size of a multipart request that uploads an import file, bytes"
    )
    max_query_depth: int = Field(default=15, ge=2, le=100, description="Maximum depth of field nesting in a query")
    max_aliases: int = Field(default=30, ge=1, le=1000, description="Maximum number of aliases in one operation")
    max_tokens: int = Field(default=5000, ge=100, description="Maximum number of lexical tokens in one document")
    planner: bool = Field(
        default=True,
        description="Run queries whose every field maps to SQL as one statement per root field",
    )
    planner_verify: bool = Field(
        default=False,
        description="Also resolve planned queries field by field and fail the request when the results differ",
    )
    max_query_nodes: int = Field(
        default=50_000,
        ge=100,
        description="Maximum number of objects one operation may return, counted from the page sizes of its lists",
    )
    rate_limit_points_per_hour: int = Field(
        default=5_000, ge=1, description="Hourly budget of query cost points of each API key"
    )
    anonymous_points_per_hour: int = Field(
        default=1_000, ge=1, description="Hourly budget of query cost points of callers without a key, per IP address"
    )
    trusted_proxies: list[str] = Field(
        default=[],
        description="Addresses or networks of reverse proxies whose X-Forwarded-For header names the client",
    )
    statement_timeout_ms: int = Field(
        default=10_000, ge=0, description="PostgreSQL statement_timeout of the app's connections, ms; 0 turns it off"
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement")
    live_max_connections: int = Field(
        default=1000, ge=1, description="Maximum open WebSocket connections for subscriptions, per worker"
    )
    live_max_subscriptions: int = Field(
        default=20, ge=1, le=1000, description="Maximum subscriptions running on one WebSocket connection"
    )
    live_init_timeout_seconds: float = Field(
        default=10.0, gt=0, le=600, description="Seconds a new WebSocket connection has to send connection_init"
    )
    live_key_check_seconds: float = Field(
        default=60.0, gt=0, description="Seconds between checks that the API key of an open WebSocket is still valid"
    )
    feed_site_url: str | None = Field(
        default=None,
        description="Web page with the news, for the Atom feed's alternate link; the GraphiQL page when unset",
    )
    live_queue_size: int = Field(
        default=100, ge=1, le=100_000,
        description="Messages a subscription may have waiting; one that falls further behind is ended with an error",
    )

    @field_validator("database_url", "database_read_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            url = make_url(value)
        except ArgumentError as error:
            raise ValueError(f"not a database URL: {error}") from None
        if url.drivername not in {"sqlite+aiosqlite", "postgresql+asyncpg"}:
            raise ValueError(
                f"driver {url.drivername!r} is not supported; use sqlite+aiosqlite or postgresql+asyncpg"
            )
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"{entry!r} is not an IP address or network, e.g. 10.0.0.5 or 10.0.0.0/24") from None
        return value

    @field_validator("log_format")
    @classmethod
    def _check_format(cls, value: str) -> str:
        if value not in {"text", "json"}:
            raise ValueError("use text or json")
        return value

    @field_validator("log_level")
    @classmethod
    def _check_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("use DEBUG, INFO, WARNING or ERROR")
        return level
