"""Skeleton placeholders: grey bars where a panel's content will appear."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class Skeleton(QWidget):
    """``rows`` grey bars of varying width: tells "loading" without a spinner."""

    WIDTHS = (0.9, 0.65, 0.8, 0.5, 0.7)

    def __init__(self, rows: int = 3, bar_height: int = 22, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(12)
        self.bars: list[QLabel] = []
        for i in range(rows):
            row = QHBoxLayout()
            row.setSpacing(0)
            bar = QLabel()
            bar.setProperty("role", "skeleton")
            bar.setFixedHeight(bar_height)
            share = int(self.WIDTHS[i % len(self.WIDTHS)] * 100)
            row.addWidget(bar, share)
            row.addStretch(100 - share)
            layout.addLayout(row)
            self.bars.append(bar)
        self.setAccessibleName(self.tr("Loading"))
