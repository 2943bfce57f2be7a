"""The demo server's own keys, read from the key file it keeps (beside its SQLite database).

For tests that need a code the server's key signed but the API would not issue (an expired
one): never a key re-derived from a public value, the server's configured one.
"""

from __future__ import annotations

from central_api.customers.loyalty import LoyaltySigner
from central_api.platform.keys import KeyRing, load_key_file
from kiosk_app.kernel.demo_server import DemoServer
from tests.support.test_database import key_file_of


def server_keys(server: DemoServer) -> KeyRing:
    return load_key_file(key_file_of(server.db_url))


def loyalty_signer(server: DemoServer) -> LoyaltySigner:
    """The signer the server issues LOY1 codes with."""
    return LoyaltySigner.from_keys(server_keys(server))
