"""Offline first, on top of the outbox: read cache, per-flow offline policy, connection adapter.

Modules (import them directly; this package imports nothing so the API client can use
:mod:`kiosk_app.kernel.offline.freshness` without an import cycle):

* ``freshness`` - how a read says "this answer came from the cache, as of …" (contextvar)
* ``read_cache`` - the SQLite cache of GET answers, personal data encrypted or not kept
* ``policy`` - ``may_run_offline(flow, state) -> Decision``
* ``link`` - the sync engine's connection reports folded into the connection monitor
* ``queue_view`` - the outbox in plain words (sync page and ``kiosk-app outbox``)
"""
