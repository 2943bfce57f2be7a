"""Pure business rules (no I/O, no Qt): pickup state machine, return eligibility …"""
