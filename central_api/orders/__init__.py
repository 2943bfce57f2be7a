"""Orders, their lines and tenders: the record the pickups, returns, endless-aisle and customer
domains share."""
