"""The one composition root: :func:`build_app` builds every service of the app.

The GUI, every CLI command, the benchmarks, the screenshot script and the tests build the
app here, so they all run the same wiring (one client, one outbox, one device session
reading the one credential store). Qt-free: a part that needs Qt (the camera) is built by
the window from what is here. Parts are built when first used, so a CLI command that
only lists the outbox opens no credential store and no read cache, and one that only
reads the credential store (``doctor``) makes no client.
"""

from __future__ import annotations

import contextlib
from functools import cached_property
from typing import TYPE_CHECKING, TypedDict

from kiosk_app.app.flow_cores import FlowCores
from kiosk_app.app.services import Services
from kiosk_app.flows.product.session import ProductController
from kiosk_app.kernel.api.client import ApiClient, Timeouts
from kiosk_app.kernel.config import Settings
from kiosk_app.kernel.connection import ConnectionMonitor, ConnectionState
from kiosk_app.kernel.live import CursorFile, LiveEvents
from kiosk_app.kernel.live.cursor import CURSOR_FILE
from kiosk_app.kernel.offline.policy import OfflinePolicy
from kiosk_app.kernel.offline.wiring import OfflineKit, attach_offline, policy_from_settings
from kiosk_app.kernel.outbox import HttpxSender, Outbox, SyncEngine
from kiosk_app.kernel.scan_hub import ScanHub
from kiosk_app.kernel.security.credentials import CredentialStore, open_credential_store
from kiosk_app.kernel.security.enrollment import DeviceSession
from kiosk_app.kernel.security.staff_session import StaffSession

if TYPE_CHECKING:
    from kiosk_app.hardware.decoding import Decoder

OUTBOX_FILE_NAME = "outbox.db"


class AppOverrides(TypedDict, total=False):
    """Parts given instead of built (tests, benchmarks): the rest is built as usual."""

    client: ApiClient  # e.g. a client already holding a test device's token
    credentials: CredentialStore
    store_name: str  # before the device session tells it (default: the store code)


def build_client(settings: Settings) -> tuple[ApiClient, ConnectionMonitor]:
    client = ApiClient(
        settings.api_url,
        timeouts=Timeouts(connect=settings.connect_timeout_s, request=settings.request_timeout_s),
        read_retries=settings.read_retries,
        ca_bundle=settings.ca_bundle,
    )
    monitor = ConnectionMonitor()
    client.add_outcome_listener(monitor.record)
    return client, monitor


def build_outbox(settings: Settings, client: ApiClient) -> tuple[Outbox, SyncEngine]:
    """The durable outbox in the data folder and the engine that sends it."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    outbox = Outbox(settings.data_dir / OUTBOX_FILE_NAME)
    sender = HttpxSender(client.http, headers=client.auth_headers)
    return outbox, SyncEngine(outbox, sender)


def build_live(settings: Settings, client: ApiClient, monitor: ConnectionMonitor) -> LiveEvents:
    """The device's one live-event subscription (its cursor in the data folder); it tries
    again at once when the connection monitor sees the API come back."""
    live = LiveEvents(client, CursorFile(settings.data_dir / CURSOR_FILE, settings.api_url))

    def came_back(state: ConnectionState) -> None:
        if state is ConnectionState.ONLINE:
            live.reconnect_now()

    monitor.state.subscribe(came_back, now=False)
    return live


class App:
    """Every service of one running app, built from its settings."""

    def __init__(self, settings: Settings, overrides: AppOverrides) -> None:
        self.settings = settings
        self._overrides = overrides
        self.scans = ScanHub()
        self.offline_policy: OfflinePolicy = policy_from_settings(settings)

    @cached_property
    def _client_and_connection(self) -> tuple[ApiClient, ConnectionMonitor]:
        if "client" not in self._overrides:
            return build_client(self.settings)
        client, monitor = self._overrides["client"], ConnectionMonitor()
        client.add_outcome_listener(monitor.record)
        return client, monitor

    @property
    def client(self) -> ApiClient:
        """The one client of the central API."""
        return self._client_and_connection[0]

    @property
    def connection(self) -> ConnectionMonitor:
        """Online / offline, from the client's outcomes."""
        return self._client_and_connection[1]

    @cached_property
    def products(self) -> ProductController:
        return ProductController(self.client)

    @cached_property
    def _outbox_and_sync(self) -> tuple[Outbox, SyncEngine]:
        return build_outbox(self.settings, self.client)

    @property
    def outbox(self) -> Outbox:
        return self._outbox_and_sync[0]

    @property
    def sync(self) -> SyncEngine:
        return self._outbox_and_sync[1]

    @cached_property
    def _credentials_and_warning(self) -> tuple[CredentialStore, str | None]:
        if "credentials" in self._overrides:
            return self._overrides["credentials"], None
        return open_credential_store(self.settings.secret_store, self.settings.data_dir)

    @property
    def credentials(self) -> CredentialStore:
        """Where the device token is kept (OS keyring, else the private file)."""
        return self._credentials_and_warning[0]

    @property
    def credentials_warning(self) -> str | None:
        """Shown to the user when there is no secure OS keyring."""
        return self._credentials_and_warning[1]

    @cached_property
    def device_session(self) -> DeviceSession:
        return DeviceSession(self.client, self.settings, self.credentials)

    @cached_property
    def staff_session(self) -> StaffSession:
        return StaffSession(self.client)

    @cached_property
    def _decoder_and_warning(self) -> tuple[Decoder, str | None]:
        from kiosk_app.hardware.decoding import DecoderUnavailable, make_decoder

        try:
            return make_decoder(self.settings.decoder), None
        except DecoderUnavailable as exc:  # said on the scan screen; zxing-cpp always works
            return make_decoder("zxing"), str(exc)

    @property
    def decoder(self) -> Decoder:
        """The camera's barcode decoder (the window's camera runs it on its frames)."""
        return self._decoder_and_warning[0]

    @cached_property
    def live(self) -> LiveEvents:
        """The device's one live-event subscription (started by whoever runs the app)."""
        return build_live(self.settings, self.client, self.connection)

    @cached_property
    def offline(self) -> OfflineKit:
        """The read cache on the client and the connection link (the GUI's offline mode)."""
        return attach_offline(self.settings, self.client, self.connection, self.sync)

    def services(self, language: str, *, live: bool = True) -> Services:
        """What the UI reads, in ``language`` (the one installed: "system" resolved);
        ``live``: with the live-event subscription (else the screens poll)."""
        settings = self.settings
        events = self.live if live else None
        return Services(
            client=self.client,
            connection=self.connection,
            store_code=settings.store_code,
            store_name=self._overrides.get("store_name", settings.store_code),
            device_name=settings.device_name,
            mode=settings.mode,
            language=language,
            outbox=self.outbox,
            sync=self.sync,
            products=self.products,
            cores=FlowCores(
                self.client, settings.store_code, settings.mode, self.outbox, self.sync, events
            ),
            scans=self.scans,
            decoder=self.decoder,
            decoder_warning=self._decoder_and_warning[1],
            offline_policy=self.offline_policy,
            brand_name=settings.brand_name,
            brand_logo=settings.brand_logo,
            live=events,
        )

    def close(self) -> None:
        """Close what was opened (sync engine, outbox, read cache); the client: aclose."""
        built = self.__dict__
        if "live" in built:
            self.live.close()
        if "offline" in built:
            with contextlib.suppress(Exception):
                self.offline.close()
        if "_outbox_and_sync" in built:
            self.sync.stop()
            self.sync.close()
            self.outbox.close()

    async def aclose(self) -> None:
        self.close()
        if "_client_and_connection" in self.__dict__:
            await self.client.aclose()


def build_app(settings: Settings, *, overrides: AppOverrides | None = None) -> App:
    """The app's services for ``settings``; ``overrides`` replaces parts (tests)."""
    return App(settings, overrides or {})
