"""Checks: the rule table and everything ``ovnnotes validate`` does with it.

``rules`` (every diagnostic code, its severity and fix; used by every module that reports),
``lint`` (content rules over a document), ``documents`` (JSON documents against the schema),
``baseline`` (accepted findings), ``report`` (findings as text, JSON or GitHub annotations, the
exit code) and ``validate`` (one run over notes and documents).
"""
