"""Every module that declares tables, and the schema they make together.

The platform's ``Base`` knows only the tables whose modules were imported; this module
imports them all (it sits above the domains, so no domain module imports it and there is no
import cycle through it). A new domain with its own table module adds one import here.
"""

from central_api.catalog import models as catalog_models
from central_api.customers import models as customer_models
from central_api.devices import enrollment
from central_api.devices import models as device_models
from central_api.endless_aisle import models as reservation_models
from central_api.endless_aisle import numbering as order_numbering  # the order sequence
from central_api.events import models as event_models
from central_api.orders import models as order_models
from central_api.pickups import models as pickup_models
from central_api.platform import idempotency, revocations
from central_api.platform.db import Base, Database, add_missing_columns
from central_api.returns import models as return_models
from central_api.returns import numbering as return_numbering  # the return sequence
from central_api.staff import models as staff_models
from central_api.staff import pin_lockouts  # wrong-PIN lockouts per ID and store
from central_api.stores import models as store_models

MODULES = (
    catalog_models,
    customer_models,
    device_models,
    enrollment,
    event_models,
    idempotency,
    order_models,
    order_numbering,
    pickup_models,
    pin_lockouts,
    reservation_models,
    return_models,
    return_numbering,
    revocations,
    staff_models,
    store_models,
)


def create_schema(db: Database) -> None:
    """Create the missing tables (and sequences), and the nullable columns a model gained."""
    Base.metadata.create_all(db.engine)
    add_missing_columns(db.engine)


def drop_schema(db: Database) -> None:
    Base.metadata.drop_all(db.engine)
