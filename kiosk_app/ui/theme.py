"""Theme tokens feeding one QSS template: colours, spacing, radii, type scale, touch size."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from string import Template


@dataclass(frozen=True)
class Theme:
    name: str = "light"
    primary: str = "#1f4fd1"
    primary_pressed: str = "#173b9c"
    on_primary: str = "#ffffff"
    background: str = "#f2f4f8"
    surface: str = "#ffffff"
    surface_alt: str = "#e8ecf4"
    border: str = "#d5dae4"
    text: str = "#1a2030"
    text_muted: str = "#5c6475"
    success: str = "#1d7a46"
    success_bg: str = "#e3f4ea"
    warning: str = "#8a5300"
    warning_bg: str = "#fff1d6"
    danger: str = "#b3261e"
    danger_bg: str = "#fde7e5"
    radius: int = 12
    space: int = 16
    touch: int = 56  # minimum touch target (px); never below 48
    font_size: int = 17
    font_small: int = 14
    font_section: int = 15  # section and card titles
    font_title: int = 28
    font_display: int = 40

    def qss(self) -> str:
        return QSS_TEMPLATE.substitute({k: str(v) for k, v in asdict(self).items()})


LIGHT = Theme()

DARK = Theme(
    name="dark",
    primary="#7aa2ff",
    primary_pressed="#5a86f0",
    on_primary="#0d1424",
    background="#12161f",
    surface="#1b2130",
    surface_alt="#262e40",
    border="#343d52",
    text="#e8ecf5",
    text_muted="#a3acbf",
    success="#6fd69b",
    success_bg="#173626",
    warning="#f0c46a",
    warning_bg="#3a2e12",
    danger="#ff8a80",
    danger_bg="#3d1a18",
)

HIGH_CONTRAST = Theme(
    name="high_contrast",
    primary="#0000c8",
    primary_pressed="#00008a",
    on_primary="#ffffff",
    background="#ffffff",
    surface="#ffffff",
    surface_alt="#f0f0f0",
    border="#000000",
    text="#000000",
    text_muted="#1a1a1a",
    success="#005a1e",
    success_bg="#ffffff",
    warning="#5c3300",
    warning_bg="#ffffff",
    danger="#a00000",
    danger_bg="#ffffff",
)

THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}


def make_theme(
    name: str = "light", *, large_text: bool = False, primary: str | None = None
) -> Theme:
    """The theme for the configured name, with large-text mode and the brand's colour."""
    from dataclasses import replace

    theme = THEMES.get(name, LIGHT)
    if primary:
        theme = replace(theme, primary=primary, primary_pressed=primary)
    if large_text:
        theme = replace(
            theme,
            font_size=round(theme.font_size * 1.3),
            font_small=round(theme.font_small * 1.3),
            font_section=round(theme.font_section * 1.3),
            font_title=round(theme.font_title * 1.25),
            font_display=round(theme.font_display * 1.2),
            touch=max(theme.touch, 64),
        )
    return theme


QSS_TEMPLATE = Template(
    """
* { font-size: ${font_size}px; color: ${text}; }
QMainWindow, QWidget#screen { background: ${background}; }
QWidget#navRail { background: ${surface}; border-right: 1px solid ${border}; }
QPushButton {
    min-height: ${touch}px; padding: 0 20px; border-radius: ${radius}px;
    background: ${surface_alt}; border: 1px solid ${border}; font-weight: 600;
}
QPushButton:pressed { background: ${border}; }
QPushButton:disabled { color: ${text_muted}; background: ${background}; }
QPushButton[role="primary"] { background: ${primary}; color: ${on_primary}; border: none; }
QPushButton[role="primary"]:pressed { background: ${primary_pressed}; }
QPushButton[role="primary"]:disabled {
    background: ${surface_alt}; color: ${text_muted}; border: 1px solid ${border};
}
QPushButton[role="nav"] {
    background: transparent; border: none; text-align: left; padding-left: 18px;
    border-radius: ${radius}px; min-height: 64px;
}
QPushButton[role="nav"]:checked { background: ${surface_alt}; color: ${primary}; }
QPushButton[role="key"] {
    font-size: 26px; min-height: 64px; min-width: 64px; background: ${surface};
}
QPushButton[role="chip"] {
    min-height: 48px; padding: 0 14px; border-radius: 24px; background: ${surface};
    font-weight: 500;
}
QPushButton[role="chip"]:checked { border: 2px solid ${primary}; color: ${primary}; }
QPushButton[role="chip"][lines="2"] { min-height: 62px; }
QLineEdit {
    min-height: ${touch}px; padding: 0 16px; border-radius: ${radius}px;
    border: 2px solid ${border}; background: ${surface}; font-size: 22px;
}
QLineEdit:focus { border-color: ${primary}; }
QFrame[card="true"] {
    background: ${surface}; border: 1px solid ${border}; border-radius: ${radius}px;
}
QLabel[role="title"] { font-size: ${font_title}px; font-weight: 700; }
QLabel[role="brand"] { font-size: 22px; font-weight: 800; color: ${primary}; }
QLabel[role="display"] { font-size: ${font_display}px; font-weight: 800; }
QLabel[role="section"] { font-size: ${font_section}px; font-weight: 700; color: ${text_muted}; }
QLabel[role="muted"] { color: ${text_muted}; font-size: ${font_small}px; }
QLabel[role="skeleton"] { background: ${surface_alt}; border-radius: 8px; color: transparent; }
QLabel[badge="ok"] {
    background: ${success_bg}; color: ${success}; border-radius: 14px; padding: 4px 12px;
    font-weight: 700;
}
QLabel[badge="low"] {
    background: ${warning_bg}; color: ${warning}; border-radius: 14px; padding: 4px 12px;
    font-weight: 700;
}
QLabel[badge="none"] {
    background: ${danger_bg}; color: ${danger}; border-radius: 14px; padding: 4px 12px;
    font-weight: 700;
}
QFrame#notice { border-radius: ${radius}px; }
QFrame#notice[level="error"] { background: ${danger_bg}; border: 1px solid ${danger}; }
QFrame#notice[level="info"] { background: ${surface_alt}; border: 1px solid ${border}; }
QFrame#notice[level="success"] { background: ${success_bg}; border: 1px solid ${success}; }
QStatusBar { background: ${surface}; border-top: 1px solid ${border}; min-height: 40px; }
QStatusBar QLabel { font-size: ${font_small}px; padding: 0 10px; }
QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; border: none; }
QListWidget { background: ${surface}; border: 1px solid ${border}; border-radius: ${radius}px; }
QListWidget::item {
    min-height: ${touch}px; padding: 6px 12px; border-bottom: 1px solid ${surface_alt};
}
QListWidget::item:selected { background: ${surface_alt}; color: ${text}; }
QScrollBar:vertical { background: transparent; width: 10px; margin: 2px; border: none; }
QScrollBar:horizontal { background: transparent; height: 10px; margin: 2px; border: none; }
QScrollBar::handle { background: ${text_muted}; border-radius: 3px; }
QScrollBar::handle:vertical { min-height: 40px; }
QScrollBar::handle:horizontal { min-width: 40px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
QPushButton[role="tile"] {
    min-height: ${touch}px; padding: 0; text-align: left; border-radius: ${radius}px;
    background: ${surface}; border: 1px solid ${border};
}
QPushButton[role="tile"]:pressed { background: ${surface_alt}; border-color: ${primary}; }
QPushButton[role="tile"]:focus { border: 2px solid ${primary}; }
QLabel[role="tileTitle"] { font-weight: 700; }
QLabel[role="tileText"] { color: ${text_muted}; font-size: ${font_small}px; }
QLabel[role="tileGo"] { color: ${primary}; font-size: ${font_title}px; font-weight: 700; }
QWidget#productImage {
    qproperty-fillColour: ${background}; qproperty-frameColour: ${border};
    qproperty-emptyColour: ${surface_alt};
}
/* status text and chips (any screen) */
QLabel[tone="success"] { color: ${success}; font-weight: 700; }
QLabel[tone="warning"] { color: ${warning}; font-weight: 700; }
QLabel[tone="danger"] { color: ${danger}; font-weight: 700; }
QLabel[chip="danger"] {
    background: ${danger_bg}; color: ${danger}; border-radius: 10px; padding: 4px 12px;
    font-weight: 700;
}
/* pickups (counter) */
QWidget[screen="pickup"] QPushButton[role="queueRow"] {
    background: ${surface}; border: 1px solid ${border}; border-radius: ${radius}px;
    text-align: left; padding: 0; min-height: 84px;
}
QWidget[screen="pickup"] QPushButton[role="queueRow"][waiting="true"] {
    border: 2px solid ${primary};
}
QWidget[screen="pickup"] QPushButton[role="queueRow"][overdue="true"] {
    border: 2px solid ${warning}; background: ${warning_bg};
}
QWidget[screen="pickup"] QPushButton[role="queueRow"][changed="true"] {
    border: 3px solid ${success}; background: ${success_bg};
}
QLabel[changed="true"] { border: 3px solid ${success}; border-radius: 10px; }
QWidget[screen="pickup"] QLabel[pill="waiting"] {
    background: ${primary}; color: ${on_primary}; border-radius: 14px; padding: 4px 12px;
    font-weight: 700;
}
QWidget[screen="pickup"] QLabel[pill="ready"] {
    background: ${success_bg}; color: ${success}; border-radius: 14px; padding: 4px 12px;
    font-weight: 700;
}
QWidget[screen="pickup"] QLabel[pill="other"] {
    background: ${surface_alt}; color: ${text}; border-radius: 14px; padding: 4px 12px;
    font-weight: 700;
}
QWidget[screen="pickup"] QLabel[role="warnline"] { color: ${warning}; font-weight: 600; }
QWidget[screen="pickup"] QLabel[role="mark"] {
    font-size: 88px; font-weight: 800; color: ${success};
}
QWidget[screen="pickup"] QLabel[role="mark"][tone="bad"] { color: ${danger}; }
QWidget[screen="pickup"] QLabel[role="late"] {
    color: ${warning}; font-weight: 700; font-size: ${font_small}px;
}
QWidget[screen="pickup"] QLabel[role="step"] {
    color: ${text_muted}; font-weight: 600; padding: 6px 14px; border-radius: 16px;
}
QWidget[screen="pickup"] QLabel[role="step"][current="true"] {
    background: ${primary}; color: ${on_primary};
}
QWidget[screen="pickup"] QLabel[role="step"][done="true"] { color: ${success}; }
QWidget[screen="pickup"] QLabel[role="count"] { font-size: 26px; font-weight: 800; }
QWidget[screen="pickup"] QPushButton[role="key"] { padding: 0; }
QWidget[screen="pickup"] QLabel[role="count"][complete="true"] { color: ${success}; }
QWidget[screen="pickup"] QLabel[role="big"] { font-size: 34px; font-weight: 800; }
QWidget[screen="pickup"] QLabel[role="bigok"] {
    font-size: 34px; font-weight: 800; color: ${success};
}
QWidget[screen="pickup"] QLabel[role="bigbad"] {
    font-size: 30px; font-weight: 800; color: ${danger};
}
QWidget[screen="pickup"] QFrame#notice[level="warning"] {
    background: ${warning_bg}; border: 1px solid ${warning};
}
QWidget[screen="pickup"] QFrame[lineRow="true"] { border-bottom: 1px solid ${surface_alt}; }
/* pickups (kiosk check-in) */
QWidget[screen="kioskPickup"] QLabel[role="kioskTitle"] { font-size: 44px; font-weight: 800; }
QWidget[screen="kioskPickup"] QLabel[role="kioskText"] { font-size: 26px; color: ${text}; }
QWidget[screen="kioskPickup"] QLabel[role="kioskIcon"] {
    font-size: 96px; font-weight: 800; color: ${primary};
}
QWidget[screen="kioskPickup"] QLabel[role="kioskIcon"][tone="ok"] { color: ${success}; }
QWidget[screen="kioskPickup"] QLabel[role="kioskIcon"][tone="bad"] { color: ${danger}; }
"""
)
