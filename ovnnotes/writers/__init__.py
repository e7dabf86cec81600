"""Writers: a document out as canonical Markdown (``markdown``, for ``ovnnotes fmt``) or as exports
(``exporters``: JSON, JSON Lines, CSV, iCal, SQLite). Each returns bytes or text; writing files is
``ovnnotes.files.writing``'s job."""
