"""Small typed readers for environment variables that fail loudly on bad values."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, default).strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


_RATE = re.compile(r"^[1-9][0-9]*/[1-9]?[0-9]*[smhd]$")


def env_rate(name: str, default: str) -> str:
    """A rate such as ``30/h``, ``10/m`` or ``100/15m`` (a count per period: s, m, h, d)."""
    value = os.environ.get(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(f"{name} must be a rate such as 30/h or 10/15m, not {value!r}.")
    return value


_PERIOD = re.compile(r"^([1-9][0-9]*)([smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def env_schedule(name: str, default: str) -> dict[str, int]:
    """Jobs and their periods, such as ``purge_case_rooms=1h,send_digests=1d``: {command: seconds}."""
    raw = os.environ.get(name, default)
    schedule: dict[str, int] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        command, _sep, period = item.partition("=")
        match = _PERIOD.match(period.strip())
        if not command.strip() or match is None:
            raise ImproperlyConfigured(f"{name} must read like purge_case_rooms=1h,send_digests=1d, not {raw!r}.")
        schedule[command.strip()] = int(match.group(1)) * _SECONDS[match.group(2)]
    return schedule


def ratelimit_rate(drf_rate: str) -> str:
    """A DRF rate (``30/hour``) as django-ratelimit writes it (``30/h``)."""
    count, _sep, period = drf_rate.partition("/")
    return f"{count.strip()}/{period.strip()[:1]}"
