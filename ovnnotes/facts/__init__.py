"""Fact extractors: what the notes decide, read from the parsed meetings. Pure.

``extract`` runs them all: release milestones (``milestones``, merged across meetings by
``milestone_events``), action items (``actions``), OVSDB schema proposals (``ovsdb``) and releases
(``releases`` with ``release_words`` and ``cadence``); ``candidates`` finds the few items each
extractor has to look at.
"""
