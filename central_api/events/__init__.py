"""The live event stream: a transactional event log (``log``), its event shapes (``shapes``), the
wake-ups of readers (``hub``), the recent events one process reads for all its readers
(``tail``) and ``GET /v1/events`` (``stream``)."""
