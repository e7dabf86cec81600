"""Views: what the listing commands show of a document, as text or JSON.

Action items by owner (``actions``), milestones by date (``milestones``), schema proposals with
their problems (``schemas``), releases (``releases``) and full-text search (``search``).
"""
