"""Imports every module that declares tables, so ``create_all`` sees them all.

A new domain with its own table module adds one import here.
"""

import central_api.enrollment
import central_api.events.models
import central_api.models_reservations
import central_api.models_staff
import central_api.numbering  # the number sequences
import central_api.pin_lockouts  # wrong-PIN lockouts per ID and store
import central_api.revocations  # noqa: F401  (the revocation revision)
from central_api import (
    models,  # noqa: F401
    models_returns,  # noqa: F401
)
