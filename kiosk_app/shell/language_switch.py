"""The kiosk customer picks another language: the screens are rebuilt in it, and the
customer's session carries over (basket, attached customer, "My account", check-in, what
was typed, the screen showing). Only the words change; nothing of the session is reset.

Each flow may implement ``adopt_session(previous_flow)`` (duck-typed) to take over the
state of its counterpart in the window being replaced; typed fields are copied for every
screen whose fields match one to one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from kiosk_app.shell.kiosk_lockdown import SecurityUi
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui.i18n import install_language
from kiosk_app.ui.widgets.status import store_label


def rebuild_in_language(
    app: QCoreApplication,
    old: MainWindow,
    language: str,
    secure: Callable[[MainWindow], SecurityUi],
) -> MainWindow:
    """A new window in ``language`` with ``old``'s customer session; ``secure`` installs the
    lockdown and idle reset on it. The caller shows the new window and closes ``old``."""
    services = old.services
    before = getattr(old, "security", None)  # disarmed: the idle reset asked (nobody is here)
    customer_here = not isinstance(before, SecurityUi) or before.idle.timer.armed
    if services.home_language is None:
        services.home_language = services.language  # the configured one: the idle reset's
    services.language = install_language(app, language)
    window = MainWindow(services)
    security = secure(window)
    carry_customer_session(old, window)
    if customer_here:
        security.idle.touch()  # the idle reset counts from this tap
    window.status.set_identity(
        store_label(services.store_name, services.store_code),
        services.device_name,
        services.mode,
    )
    return window


def carry_customer_session(old: MainWindow, new: MainWindow) -> None:
    """Hand what the customer did in ``old`` to ``new`` (same services, another language)."""
    seen: set[int] = set()
    for key, flow in new.flows.items():
        previous = old.flows.get(key)
        if previous is None or id(flow) in seen:
            continue
        seen.add(id(flow))
        hook: Any = getattr(flow, "adopt_session", None)
        if callable(hook):
            hook(previous)
        copy_typed_fields(previous.screen(), flow.screen())
    new.search.adopt(old.search)
    if new.products is not old.products:  # the app's one controller, normally
        new.products.details.adopt(old.products.details)
        new.products.goes_well_with.adopt(old.products.goes_well_with)
    new.nav_product.setEnabled(old.nav_product.isEnabled())
    copy_typed_fields(old.home, new.home)
    new.show_screen(_counterpart(old, new, old.stack.currentWidget()))


def copy_typed_fields(old: QWidget, new: QWidget) -> None:
    """What was typed, ticked or chosen in ``old``'s fields, into ``new``'s (same screen
    class, built the same way: its fields come in the same order)."""
    if type(old) is not type(new):
        return
    for kind in (QLineEdit, QCheckBox, QComboBox):
        before, after = old.findChildren(kind), new.findChildren(kind)
        if len(before) != len(after):
            continue
        for source, target in zip(before, after, strict=True):
            if isinstance(source, QLineEdit) and isinstance(target, QLineEdit):
                target.setText(source.text())
            elif isinstance(source, QCheckBox) and isinstance(target, QCheckBox):
                target.blockSignals(True)
                target.setChecked(source.isChecked())
                target.blockSignals(False)
            elif isinstance(source, QComboBox) and isinstance(target, QComboBox):
                target.blockSignals(True)
                target.setCurrentIndex(source.currentIndex())
                target.blockSignals(False)


def _counterpart(old: MainWindow, new: MainWindow, screen: QWidget | None) -> QWidget:
    if screen is old.product:
        return new.product
    for key, flow in old.flows.items():
        if flow.screen() is screen and key in new.flows:
            return new.flows[key].screen()
    return new.home
