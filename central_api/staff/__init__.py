"""Staff: members, PINs and badges, lockouts, sessions, approvals, offline action proofs."""
