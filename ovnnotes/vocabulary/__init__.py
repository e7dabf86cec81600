"""The words and characters the notes are written with, each defined once.

Month names and date formats (``dates``), the section titles, metadata labels and the series'
title (``labels``), the characters that editors leave in text or that fool readers
(``characters``), checkbox glyphs and task boxes (``checkboxes``). Every expression that needs
one of them is built from these tables; a fast path sits beside the exact check it shadows.
"""
