"""Logging configuration, applied once by the app and the CLI."""

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    logging.basicConfig(level=logging.WARNING, format=FORMAT)
    for name in ("api", "resolvers", "db"):
        logging.getLogger(name).setLevel(level)
