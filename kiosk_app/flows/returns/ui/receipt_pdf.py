"""Return receipt as a printable PDF (80 mm till-roll width), drawn by Qt."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from kiosk_app.flows.returns.models import ReturnReceipt
from kiosk_app.flows.returns.ui.texts import (
    approval_reason_label,
    condition_label,
    disposition_label,
    reason_label,
    tender_label,
)
from kiosk_app.kernel.money import format_money
from kiosk_app.ui.dates import format_date_time

RECEIPT_WIDTH_MM = 80.0
MARGIN_MM = 4.0
DPI = 300


def receipt_html(receipt: ReturnReceipt, language: str, font: str = "9pt") -> str:
    """The receipt as simple HTML (also what the screen shows)."""

    def money(amount: Decimal) -> str:
        return escape(format_money(amount, receipt.currency, language))

    shipping_text = QCoreApplication.translate("ReturnReceipt", "Shipping refunded")
    title = QCoreApplication.translate("ReturnReceipt", "RETURN RECEIPT")
    return_text = QCoreApplication.translate("ReturnReceipt", "Return")
    order_text = QCoreApplication.translate("ReturnReceipt", "Order")
    total_text = QCoreApplication.translate("ReturnReceipt", "Total refunded")
    keep_text = QCoreApplication.translate("ReturnReceipt", "Keep this receipt.")

    rows = []
    for line in receipt.lines:
        rows.append(
            f"<tr><td>{line.quantity} × {escape(line.name)}<br/>"
            f"<small>{escape(line.sku)} · {escape(reason_label(line.reason))} · "
            f"{escape(condition_label(line.condition))} → "
            f"{escape(disposition_label(line.disposition))}</small></td>"
            f"<td align='right'>{money(line.refund)}</td></tr>"
        )
    if receipt.shipping_refund:
        rows.append(
            f"<tr><td>{escape(shipping_text)}</td>"
            f"<td align='right'>{money(receipt.shipping_refund)}</td></tr>"
        )
    tenders = "".join(
        f"<tr><td>{escape(tender_label(t.kind))} {escape(t.reference)}</td>"
        f"<td align='right'>{money(t.amount)}</td></tr>"
        for t in receipt.tenders
    )
    approval = ""
    if receipt.approved_by:
        reasons = ", ".join(approval_reason_label(r) for r in receipt.approval_reasons)
        approval = (
            "<p>"
            + escape(
                QCoreApplication.translate("ReturnReceipt", "Approved by manager %1 (%2)")
                .replace("%1", receipt.approved_by)
                .replace("%2", reasons)
            )
            + "</p>"
        )
    when = format_date_time(receipt.created_at, language)
    return (
        f"<html><body style='font-family: sans-serif; font-size: {font};'>"
        f"<h2 align='center'>{escape(title)}</h2>"
        f"<p align='center'>{escape(receipt.store_name)} ({escape(receipt.store_code)})<br/>"
        f"{escape(when)}</p>"
        f"<p>{escape(return_text)}: <b>{escape(receipt.return_number)}</b><br/>"
        f"{escape(order_text)}: {escape(receipt.order_number)}</p>"
        f"<table width='100%' cellspacing='0' cellpadding='2'>{''.join(rows)}</table>"
        "<hr/>"
        "<table width='100%' cellspacing='0' cellpadding='2'>"
        f"<tr><td><b>{escape(total_text)}</b></td>"
        f"<td align='right'><b>{money(receipt.total)}</b></td></tr>"
        f"{tenders}</table>"
        f"{approval}"
        f"<p align='center'><small>{escape(keep_text)}</small></p>"
        "</body></html>"
    )


def write_receipt_pdf(receipt: ReturnReceipt, path: Path, language: str = "fr") -> Path:
    """Write the receipt to ``path`` (parents created) as one till-roll page; returns the path.

    The page is as long as the receipt (a roll has no page breaks).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(receipt.return_number)
    writer.setCreator("Omnistore store app")
    writer.setResolution(DPI)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(0)
    document.setHtml(receipt_html(receipt, language))
    width_px = (RECEIPT_WIDTH_MM - 2 * MARGIN_MM) / 25.4 * DPI
    document.setTextWidth(width_px)
    height_mm = document.size().height() / DPI * 25.4 + 2 * MARGIN_MM
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(RECEIPT_WIDTH_MM, max(60.0, height_mm)), QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        document.drawContents(painter)
    finally:
        painter.end()
    return path
