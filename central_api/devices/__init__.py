"""Devices: enrollment, the principal behind a device token, GET /v1/devices/me."""
