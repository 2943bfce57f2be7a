"""A touch signature pad: finger or stylus strokes, exported as a compact SVG path."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk_app.ui.theme import LIGHT

MAX_POINTS = 4000  # keeps the exported path well under the API's limit


class SignaturePad(QWidget):
    """Draw with a finger (mouse events, which touch synthesises). ``changed`` on every stroke."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(360, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAccessibleName(self.tr("Signature area: the customer signs here"))
        self._strokes: list[list[QPointF]] = []
        self._points = 0

    def sizeHint(self) -> QSize:
        return QSize(520, 200)

    # -- data ----------------------------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._points = 0
        self.update()
        self.changed.emit()

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """Append a stroke programmatically (tests, replays)."""
        self._strokes.append([QPointF(x, y) for x, y in points])
        self._points += len(points)
        self.update()
        self.changed.emit()

    def svg_path(self) -> str | None:
        """``M x y L x y …`` per stroke in widget pixels, or None when nothing was signed."""
        if self.is_empty:
            return None
        parts: list[str] = []
        for stroke in self._strokes:
            if len(stroke) < 2:
                continue
            head, *rest = stroke
            parts.append(f"M{head.x():.0f} {head.y():.0f}")
            parts.extend(f"L{p.x():.0f} {p.y():.0f}" for p in rest)
        return " ".join(parts)

    # -- input ---------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._points < MAX_POINTS:
            self._strokes.append([event.position()])
            self._points += 1
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pressed = bool(event.buttons() & Qt.MouseButton.LeftButton)
        if self._strokes and pressed and self._points < MAX_POINTS:
            self._strokes[-1].append(event.position())
            self._points += 1
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.changed.emit()

    # -- drawing -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor(LIGHT.border), 2))
        painter.setBrush(QColor(LIGHT.surface))
        painter.drawRoundedRect(rect, LIGHT.radius, LIGHT.radius)
        baseline = rect.bottom() - 36
        painter.setPen(QPen(QColor(LIGHT.text_muted), 1, Qt.PenStyle.DashLine))
        painter.drawLine(rect.left() + 24, baseline, rect.right() - 24, baseline)
        if self.is_empty:
            painter.setPen(QColor(LIGHT.text_muted))
            painter.drawText(
                rect.adjusted(0, 0, 0, -48),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Sign here with your finger"),
            )
        painter.setPen(
            QPen(
                QColor(LIGHT.text),
                3,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for stroke in self._strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)
        painter.end()
