"""The live event stream: a transactional event log (``log``), its event shapes
(``shapes``), the wake-ups of readers (``hub``) and ``GET /v1/events`` (``stream``)."""
