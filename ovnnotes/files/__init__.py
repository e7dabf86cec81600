"""Files: the I/O shell around the pure core. Reading a file safely (``reading``), writing files
atomically (``writing``, with ``interrupts``), where things are (``locations``: bundled data, the
project, shown paths), walking folders (``walk``) and turning INPUTS into texts (``inputs``)."""
