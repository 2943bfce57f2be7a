"""Click-and-collect: pickup state rules, signed pickup QR codes, the pickup endpoints."""
