"""Store app of an omnichannel retailer: associate tablets and self-service kiosks."""

__version__ = "0.1.0"
