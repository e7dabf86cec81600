"""Readers: notes text in, meetings and diagnostics out. Pure: no files, no clock, never raises.

Two front ends, the text export (``text``, with the nesting rules of ``tree``) and Markdown
(``markdown``), feed one meeting assembler (``assembler``); ``headings`` recognises meeting
headings, ``inline`` cleans an item's text, ``speakers`` attributes it, ``people`` is the people
registry the names resolve against.
"""
