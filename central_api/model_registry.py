"""Imports every module that declares tables, so ``create_all`` sees them all.

A new domain with its own table module adds one import here.
"""

from central_api import models  # noqa: F401
