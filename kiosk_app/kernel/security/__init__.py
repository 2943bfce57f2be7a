"""Device credential storage, staff sessions, permissions, idle timers, TLS and log redaction.

No Qt here: the UI feeds activity events and renders the states these objects publish.
"""
