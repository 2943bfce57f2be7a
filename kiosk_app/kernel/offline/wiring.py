"""Composition of the offline pieces for the app (``kiosk_app.app``) and the CLI."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.config import Settings
from kiosk_app.kernel.connection import ConnectionMonitor
from kiosk_app.kernel.offline.link import ConnectionLink
from kiosk_app.kernel.offline.policy import OfflinePolicy
from kiosk_app.kernel.offline.read_cache import ReadCache, open_read_cache
from kiosk_app.kernel.outbox import SyncEngine

log = logging.getLogger(__name__)


def policy_from_settings(settings: Settings) -> OfflinePolicy:
    return OfflinePolicy.from_config(settings.offline_policy)


@dataclass
class OfflineKit:
    policy: OfflinePolicy
    cache: ReadCache | None
    link: ConnectionLink

    def close(self) -> None:
        self.link.close()
        if self.cache is not None:
            self.cache.close()


def attach_offline(
    settings: Settings, client: ApiClient, monitor: ConnectionMonitor, sync: SyncEngine
) -> OfflineKit:
    """Read cache on the client (if enabled), sync reports into the monitor, the policy."""
    cache: ReadCache | None = None
    if settings.read_cache:
        try:
            cache = open_read_cache(
                settings.data_dir, max_age_s=settings.read_cache_max_age_h * 3600
            )
        except (sqlite3.Error, OSError) as exc:  # the app works without it, just not offline
            log.warning("read cache disabled: %s", exc)
        else:
            client.set_read_cache(cache)
            log.info("read cache %s: %s", cache.path, cache.protection.detail)
    return OfflineKit(policy_from_settings(settings), cache, ConnectionLink(monitor, sync))


def close_quietly(kit: OfflineKit) -> None:
    with contextlib.suppress(Exception):
        kit.close()
