"""Main window: navigation rail, screens, status bar; routes every scan.

``Services`` (what the app hands the UI) is made by :func:`kiosk_app.app.build_app`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontInfo, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk_app import __version__
from kiosk_app.app.services import Services
from kiosk_app.flows.customer.ui.screen import CustomerFlow
from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleFlow, EndlessAisleScreen
from kiosk_app.flows.product.ui.screen import ProductScreen
from kiosk_app.kernel.models.catalog import ProductPage
from kiosk_app.kernel.offline.policy import OfflineFlow, may_run_offline
from kiosk_app.kernel.remote_state import RemoteValue
from kiosk_app.kernel.routing import Destination, route
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.shell.flows import Flow, build_flows
from kiosk_app.shell.home import HomeScreen
from kiosk_app.ui.offline_text import not_confirmed_offline_text, offline_decision_text
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import label
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.status import AppStatusBar, store_label
from kiosk_app.ui.widgets.touch import make_kinetic
from kiosk_app.ui.widgets.touch_keyboard import TouchKeyboard

if TYPE_CHECKING:
    from kiosk_app.shell.kiosk_lockdown import SecurityUi

TABLET_SIZE = QSize(1280, 800)
#: smallest window: a portrait tablet (768 x 1024) fits, and so does 1024 x 768 landscape
MINIMUM_SIZE = QSize(720, 600)
RAIL_WIDTH = 232
#: under this window width the navigation rail turns compact (portrait tablets)
COMPACT_RAIL_BELOW = 1000
COMPACT_RAIL_MIN = 96
COMPACT_RAIL_MAX = 136
COMPACT_RAIL_MARGIN = 8
#: the compact rail's look (placed on the rail itself, so it wins over the theme's geometry;
#: colours, the current-screen highlight and the 64 px nav height still come from the theme)
COMPACT_RAIL_QSS = """
QPushButton {{ padding: 4px 6px; font-size: {small}px; }}
QPushButton[role="nav"] {{ text-align: center; padding: 6px 4px; font-size: {small}px; }}
QLabel {{ font-size: {small}px; }}
QLabel[role="brand"] {{ font-size: {brand}px; }}
QLabel[role="muted"] {{ font-size: {tiny}px; }}
"""


class MainWindow(QMainWindow):
    #: the kiosk customer picked another language ("fr" / "en"); the app rebuilds the UI
    language_requested = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        #: what security put on this window (staff gate or kiosk lockdown, idle timers)
        self.security: SecurityUi | None = None
        self.setWindowTitle(self.tr("Store app"))
        self.resize(TABLET_SIZE)
        self.setMinimumSize(MINIMUM_SIZE)
        self.products = services.products
        self.search: RemoteValue[ProductPage] = RemoteValue()
        self._lookup = TaskSlot(self)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.setCentralWidget(central)

        rail = QWidget()
        rail.setObjectName("navRail")
        rail.setFixedWidth(RAIL_WIDTH)
        self.rail = rail
        #: True while the rail shows its narrow form (window under COMPACT_RAIL_BELOW px)
        self.rail_compact = False
        self._rail_font_px = 0
        rail_layout = QVBoxLayout(rail)
        rail_layout.setContentsMargins(12, 20, 12, 16)
        rail_layout.setSpacing(6)
        self._rail_layout = rail_layout
        self._logo: QLabel | None = None
        self._logo_pixmap: QPixmap | None = None
        if services.brand_logo is not None and services.brand_logo.exists():
            logo = QLabel()
            pixmap = QPixmap(str(services.brand_logo))
            if not pixmap.isNull():
                self._logo, self._logo_pixmap = logo, pixmap
                self._scale_logo(200)
                logo.setAccessibleName(services.brand_name or self.tr("Store app"))
                rail_layout.addWidget(logo)
        brand = label(services.brand_name or self.tr("Store app"), "brand", wrap=True)
        brand.setAccessibleName(brand.text())
        rail_layout.addWidget(brand)
        self._brand = brand
        rail_layout.addSpacing(16)
        row.addWidget(rail)
        rail.installEventFilter(self)  # controls added later (staff sign-in) fit the rail

        main_column = QVBoxLayout()
        main_column.setContentsMargins(0, 0, 0, 0)
        main_column.setSpacing(0)
        self.stack = QStackedWidget()
        self._held_screen: QWidget | None = None  # hold_on: kept current until released
        self._held_navs: list[QPushButton] = []
        self.stack.currentChanged.connect(self._keep_held_screen)
        main_column.addWidget(self.stack, 1)
        # The message bridge: notices from any flow (e.g. "not available offline") show
        # here, over the top of the screens: they can come at any moment, and must not move
        # what a finger is about to tap.
        self.bridge = Notice()
        self.bridge.float_over(self.stack)
        self.keyboard: TouchKeyboard | None = None
        if services.mode == "kiosk":  # no physical keyboard at a kiosk
            self.keyboard = TouchKeyboard(services.language)
            # Ten keys a row fit the column from 1280 px down to a portrait tablet: no side
            # padding (the theme pads buttons 20 px a side) and 48 px keys at the least.
            self.keyboard.setStyleSheet(
                'QPushButton[role="key"], QPushButton[role="primary"] '
                "{ padding: 0 4px; min-width: 48px; }"
            )
            self.keyboard.hide()
            main_column.addWidget(self.keyboard)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self.keyboard.follow_focus)
            self.stack.currentChanged.connect(self.keyboard.hide)  # another screen: put it away
        row.addLayout(main_column, 1)

        self.home = HomeScreen(services.language)
        if services.mode == "kiosk":
            self.home.keypad_card.hide()  # the full on-screen keyboard has the digits
        self._build_camera()
        self.product = ProductScreen(lambda: self.services.language, kiosk=services.mode == "kiosk")
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.product)

        self._nav = QButtonGroup(self)
        self._nav_targets: list[tuple[QPushButton, QWidget]] = []
        self._nav_layout = nav_layout = self._nav_list(rail_layout)
        self.nav_home = self._nav_button(self.tr("Scan"), self.home, nav_layout)
        self.nav_product = self._nav_button(self.tr("Product"), self.product, nav_layout)
        self.nav_product.setEnabled(False)
        self.flows: dict[str, Flow] = {}
        for flow in build_flows(self):
            if services.mode not in flow.modes():
                continue
            screen = flow.screen()
            self.stack.addWidget(screen)
            label_text = flow.nav_label()
            if label_text:
                self._nav_button(label_text, screen, nav_layout)
            for name in flow.handles:
                self.flows[name] = flow
        self.home.set_actions(services.mode, self.flows)  # quick-action tiles, as the rail
        # looked up at click time: a kiosk reset rebuilds the flows
        self.home.flow_requested.connect(lambda key: self.show_screen(self.flows[key].screen()))
        nav_layout.addStretch(1)
        if services.mode == "kiosk":
            # Each language named in itself, so a customer who reads neither label can find it.
            other = "en" if services.language == "fr" else "fr"
            switch = QPushButton("English" if other == "en" else "Français")
            switch.setProperty("role", "chip")
            switch.setAccessibleName("Change language / Changer de langue")
            switch.clicked.connect(lambda: self.language_requested.emit(other))
            rail_layout.addWidget(switch)
            self.language_button = switch
        self._version = label(self.tr("Version %1").replace("%1", __version__), "muted")
        rail_layout.addWidget(self._version)

        self.status = AppStatusBar()
        self.setStatusBar(self.status)
        self.status.set_identity(
            store_label(services.store_name, services.store_code),
            services.device_name,
            services.mode,
        )
        self._unsubscribe = [
            services.connection.state.subscribe(self.status.set_connection),
            self.products.details.state.subscribe(self.product.show_state),
            self.products.goes_well_with.state.subscribe(self.product.show_recommendations),
            self.search.state.subscribe(self.home.render_search),
        ]
        if services.live is not None:  # live events: the status bar, the product's stock
            self._unsubscribe.append(services.live.live.subscribe(self.status.set_live))
            self._unsubscribe.append(self.products.follow_stock(services.live))

        services.scans.set_default(self._route_scan)
        self.home.code_submitted.connect(
            lambda text: self.services.scans.deliver(Scan(text, "typed"))
        )
        self.home.product_chosen.connect(self.open_sku)
        self.product.variant_requested.connect(self.open_sku)
        self.product.retry_requested.connect(
            lambda: self._lookup.start(self.products.details.retry())
        )
        self.product.back_requested.connect(self.show_home)
        self.product.set_can_order("endless_aisle" in self.flows)
        self.product.order_requested.connect(self.order_for_customer)
        self.show_home()

    def _build_camera(self) -> None:
        from kiosk_app.hardware.camera import CameraScanner, FrameDecoder
        from kiosk_app.ui.widgets.camera_panel import CameraPanel

        if self.services.decoder_warning:  # the configured decoder is missing
            self.home.show_message(self.services.decoder_warning, "error")
        self.frames = FrameDecoder(self.services.scans, self.services.decoder, parent=self)
        self.camera = CameraScanner(self.frames, parent=self)
        self.camera_panel = CameraPanel(self.camera)
        # A file dialog at a kiosk is a way out of the lockdown: support tool for staff only.
        self.camera_panel.from_file.setVisible(self.services.mode != "kiosk")
        self.home.camera_slot.insertWidget(1, self.camera_panel)

    def _nav_list(self, rail_layout: QVBoxLayout) -> QVBoxLayout:
        """The screens' buttons scroll when the rail is short (a status bar grown taller, a
        small window): what sits under them (who is signed in, Sign out) is never cut."""
        area = QScrollArea()
        area.setObjectName("navList")
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.viewport().setAutoFillBackground(False)
        host = QWidget()
        host.setAutoFillBackground(False)
        area.setWidget(host)
        make_kinetic(area)
        rail_layout.addWidget(area, 1)
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        return layout

    def _nav_button(self, text: str, screen: QWidget, layout: QVBoxLayout) -> QPushButton:
        nav = QPushButton(text)
        nav.setProperty("role", "nav")
        nav.setCheckable(True)
        nav.setAccessibleName(text.replace("&&", "&"))
        nav.clicked.connect(lambda: self._show(screen))
        self._nav.addButton(nav)
        self._nav_targets.append((nav, screen))
        layout.addWidget(nav)
        return nav

    def _show(self, screen: QWidget) -> None:
        if screen is not self.stack.currentWidget():
            self.bridge.hide()  # a flow's message ("returns need the network") stays with it
        self.stack.setCurrentWidget(screen)
        for nav, target in self._nav_targets:
            nav.setChecked(target is screen)

    # -- the navigation rail: full on a wide window, compact on a narrow one ----------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_rail_compact(event.size().width() < COMPACT_RAIL_BELOW)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.rail and event.type() == QEvent.Type.ChildAdded and self.rail_compact:
            QTimer.singleShot(0, self, self._fit_compact_rail)
        return super().eventFilter(watched, event)

    def _set_rail_compact(self, compact: bool) -> None:
        if compact == self.rail_compact:
            return
        self.rail_compact = compact
        self.rail.setProperty("compact", compact)
        if compact:
            if not self._rail_font_px:  # the theme's type size (large text: larger)
                self.nav_home.ensurePolished()
                self._rail_font_px = QFontInfo(self.nav_home.font()).pixelSize()
            base = self._rail_font_px or 17
            self.rail.setStyleSheet(
                COMPACT_RAIL_QSS.format(
                    small=max(12, round(base * 0.82)),
                    brand=base,
                    tiny=max(11, round(base * 0.72)),
                )
            )
            m = COMPACT_RAIL_MARGIN
            self._rail_layout.setContentsMargins(m, 16, m, 12)
            self._rail_layout.setSpacing(4)
            self._nav_layout.setSpacing(4)
            self._fit_compact_rail()
        else:
            self.rail.setStyleSheet("")
            self._rail_layout.setContentsMargins(12, 20, 12, 16)
            self._rail_layout.setSpacing(6)
            self._nav_layout.setSpacing(6)
            self.rail.setFixedWidth(RAIL_WIDTH)
            for button in self.rail.findChildren(QPushButton):
                full = button.property("fullText")
                if isinstance(full, str):
                    button.setText(full)
                    button.setProperty("fullText", None)
            self._scale_logo(RAIL_WIDTH - 32)
        self._align_rail_labels()
        self._version.setWordWrap(compact)

    def _align_rail_labels(self) -> None:
        """Centred under each other in the narrow rail, flush left in the wide one."""
        side = Qt.AlignmentFlag.AlignHCenter if self.rail_compact else Qt.AlignmentFlag.AlignLeft
        for text in self.rail.findChildren(QLabel):
            if text is not self._logo:
                text.setAlignment(side | Qt.AlignmentFlag.AlignVCenter)

    def _fit_compact_rail(self) -> None:
        """Narrow rail: as wide as its longest word, every label wrapped on word boundaries."""
        if not self.rail_compact:
            return
        buttons = self.rail.findChildren(QPushButton)
        for button in buttons:
            button.ensurePolished()
        self._brand.ensurePolished()
        padding = 2 * 8
        widest = max(_longest_word(self._brand.text(), self._brand), 0)
        for button in buttons:
            widest = max(widest, _longest_word(self._full_text(button), button) + padding)
        width = min(max(widest + 2 * COMPACT_RAIL_MARGIN, COMPACT_RAIL_MIN), COMPACT_RAIL_MAX)
        self.rail.setFixedWidth(width)
        room = width - 2 * COMPACT_RAIL_MARGIN - padding
        for button in buttons:
            full = self._full_text(button)
            if button.property("fullText") is None:
                button.setProperty("fullText", full)
                if not button.accessibleName():
                    button.setAccessibleName(full.replace("&&", "&"))
            button.setText(_wrap(full, button, room))
        self._scale_logo(width - 2 * COMPACT_RAIL_MARGIN)
        self._align_rail_labels()

    @staticmethod
    def _full_text(button: QPushButton) -> str:
        full = button.property("fullText")
        return full if isinstance(full, str) else button.text()

    def _scale_logo(self, width: int) -> None:
        if self._logo is None or self._logo_pixmap is None:
            return
        self._logo.setPixmap(
            self._logo_pixmap.scaled(
                min(200, width),
                64,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def show_screen(self, screen: QWidget) -> None:
        """Make ``screen`` current (flows call this to navigate)."""
        self._show(screen)

    def hold_on(self, screen: QWidget | None) -> None:
        """``screen`` stays current and the rail's screen buttons are off until None."""
        for nav in self._held_navs:
            if shiboken6.isValid(nav):  # (a window being closed destroys its rail first)
                nav.setEnabled(True)
        self._held_navs = []
        self._held_screen = screen
        if screen is None:
            return
        self._held_navs = [  # enabled on their own (the rail may be disabled under a cover)
            nav
            for nav in self.rail.findChildren(QPushButton)
            if nav.property("role") == "nav"
            and not nav.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
        ]
        for nav in self._held_navs:
            nav.setEnabled(False)
        self.stack.setCurrentWidget(screen)

    def _keep_held_screen(self, _index: int) -> None:
        held = self._held_screen
        if held is not None and not shiboken6.isValid(held):
            self.hold_on(None)  # the held screen is gone (its window is closing)
        elif held is not None and self.stack.currentWidget() is not held:
            self.stack.setCurrentWidget(held)

    def device_enrolled(self) -> None:
        for flow in {id(f): f for f in self.flows.values()}.values():
            enrolled = getattr(flow, "device_enrolled", None)
            if callable(enrolled):
                enrolled()

    def show_home(self) -> None:
        self._show(self.home)
        self.home.reset()

    # -- routing ----------------------------------------------------------------------------
    def _route_scan(self, scan: Scan) -> bool:
        self.open_code(scan.text)
        return True

    def open_code(self, text: str) -> Destination:
        """Entry point of every scan or typed code, whatever screen is showing."""
        destination = route(text)
        if destination.flow == "product":
            self.nav_product.setEnabled(True)
            self._show(self.product)
            self._lookup.start(self.products.show_gtin(destination.key))
        elif destination.flow == "search":
            self._show(self.home)
            self._lookup.start(
                self.search.load(
                    destination.key, lambda: self.services.client.search_products(destination.key)
                )
            )
        elif destination.flow in self.flows:
            self.open_destination(destination)
        else:
            self._show(self.home)
            self.home.show_message(self._not_handled_message(destination), "error")
        return destination

    def order_for_customer(self, sku: str) -> None:
        """Order this product elsewhere, for the customer on the customer screen if any."""
        destination = Destination("endless_aisle", sku, None)
        flow = self.flows["endless_aisle"]
        customers = self.flows.get("customer")
        key = customers.service.current.value if isinstance(customers, CustomerFlow) else None
        # a kiosk attaches the customer only by the signed code that opened their account
        ref = None if key is None else key.ref if self.services.mode == "associate" else key.code
        self._show(flow.screen())
        if ref and isinstance(flow, EndlessAisleFlow):
            flow.open(destination, customer_ref=ref)
        else:
            flow.open(destination)

    def offline_gate(self, flow: OfflineFlow) -> bool:
        """May ``flow`` go on now? Says why not (or that it will be sent later) on the bridge."""
        decision = may_run_offline(
            flow, self.services.connection.state.value, self.services.offline_policy
        )
        text = offline_decision_text(decision)
        if text:
            self.bridge.show_message(text, "info" if decision.allowed else "error")
        else:
            self.bridge.hide()
        return decision.allowed

    async def confirm_gate(self, flow: OfflineFlow) -> bool:
        """May ``flow``'s write be confirmed now? Checked at the moment of confirming.

        A flow that may run offline is queued in any case. A flow that needs the network
        asks the central API for real (a quick health request): the connection monitor may
        still say "online" for a few seconds after the network went away. Refused: nothing
        is queued, the screen keeps what was entered, and the bridge says so.
        """
        if not self.offline_gate(flow):
            return False
        if self.services.offline_policy.rule(flow.value) == "allow":
            return True
        if await self.services.client.reachable():
            return True
        self.bridge.show_message(not_confirmed_offline_text(flow), "error")
        return False

    # -- Navigator (kiosk_app.ui.navigator: what the flows ask of the window) ---------------
    def replace_flow(self, old: Flow, fresh: Flow) -> None:
        """``fresh`` takes ``old``'s place: its screen in the stack and the rail, its
        destinations (a kiosk's reset rebuilds a flow). The old screen is deleted."""
        before, after = old.screen(), fresh.screen()
        self.stack.insertWidget(max(0, self.stack.indexOf(before)), after)
        self.stack.removeWidget(before)
        for i, (nav, target) in enumerate(self._nav_targets):
            if target is before:
                nav.clicked.disconnect()
                nav.clicked.connect(lambda _checked=False, s=after: self.show_screen(s))
                self._nav_targets[i] = (nav, after)
        for name, registered in list(self.flows.items()):
            if registered is old:
                self.flows[name] = fresh
        before.hide()
        before.setParent(None)
        before.deleteLater()

    def has_flow(self, key: str) -> bool:
        return key in self.flows

    def open_destination(self, destination: Destination, *, flow: str | None = None) -> None:
        """Show the flow that handles ``destination`` (or ``flow``) and let it open it."""
        handler = self.flows[flow or destination.flow]
        self._show(handler.screen())
        handler.open(destination)

    def order_for(self, customer_ref: str, lines: list[tuple[str, int]]) -> None:
        """The endless-aisle screen, a basket of ``lines`` for this customer."""
        screen = self.flows["endless_aisle"].screen()
        self._show(screen)
        if isinstance(screen, EndlessAisleScreen):
            screen.order_lines_for(lines, customer_ref)

    def open_sku(self, sku: str) -> None:
        self.nav_product.setEnabled(True)
        self._show(self.product)
        self._lookup.start(self.products.show_sku(sku))

    def _not_handled_message(self, destination: Destination) -> str:
        from kiosk_app.shell.scan_text import describe_unhandled

        return describe_unhandled(destination)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._lookup.cancel()
        self.camera.stop()
        self.frames.shutdown()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        super().closeEvent(event)


def _longest_word(text: str, widget: QWidget) -> int:
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0)


def _wrap(text: str, widget: QWidget, room: int) -> str:
    """``text`` on as many lines as it takes to fit ``room`` px, breaking between words."""
    metrics = widget.fontMetrics()
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines) or text


__all__ = ["MainWindow", "Qt", "Services"]
