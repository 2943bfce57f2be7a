"""The reference API's log keeps no customer data when the database refuses a write.

PostgreSQL puts the values it refused in its error messages (``DETAIL: Key (email)=(...)``,
``RAISE EXCEPTION`` text), which SQLAlchemy's ``hide_parameters`` does not cover: an
unexpected error logged with its message would write a customer's e-mail into the server's
log. A trigger in the test's own database refuses an endless-aisle guest order with an error
naming the guest's e-mail and phone; the answer is a plain 500 problem, and the server's log
(all it wrote to stderr) names the error's kind but holds neither value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.engines import engine_server
from tests.central_api.postgres_cluster import unavailable_reason
from tests.central_api.test_endless_aisle_support import HOME, Api, sku_with
from tests.support.test_database import sql

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason())),
]
EMAIL = "zoe.leak-check@example.com"
PHONE = "+33612345678"
TRIGGER = """
CREATE FUNCTION refuse_guest() RETURNS trigger AS $$
BEGIN
  IF NEW.guest_email IS NOT NULL THEN
    RAISE EXCEPTION 'refused guest %% %%', NEW.guest_email, NEW.guest_phone
      USING DETAIL = 'Key (guest_email)=(' || NEW.guest_email || ') refused.';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER refuse_guest BEFORE INSERT ON orders
  FOR EACH ROW EXECUTE FUNCTION refuse_guest();
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with engine_server("postgres", tmp_path_factory.mktemp("log-on-errors")) as srv:
        yield srv


def test_a_refused_write_logs_no_customer_data(
    server: DemoServer, tmp_path: Path, expect_log_errors: None
) -> None:
    with sql(server.db_url) as conn:
        conn.exec_driver_sql(TRIGGER)
    api = Api.enroll(server)
    sku = sku_with(server, "wh.on_hand >= 5")
    lines = [{"sku": sku, "quantity": 1}]
    destination = {"type": "home", "address": HOME["address"]}
    option = api.options(lines, destination).json()["options"][0]
    guest = {"guest": {"email": EMAIL, "phone": PHONE, "consent": True}}
    refused = api.order(lines, destination, option["id"], guest)
    assert refused.status_code == 500, refused.text
    assert refused.json()["type"].endswith("/internal")
    assert EMAIL not in refused.text and PHONE not in refused.text
    log = "".join(server._stderr_lines)
    assert "unhandled error on POST /v1/endless-aisle/orders" in log, log[-2000:]
    assert "RaiseException" in log  # the kind of error, so that IT can act on it
    assert EMAIL not in log and PHONE not in log and "zoe.leak-check" not in log
