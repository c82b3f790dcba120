"""Content: where it comes from (``packs``), reading it all or nothing (``read``), structuring
entries into records (``structure``, with ``convert`` to explain what does not fit), the checks
that need the whole knowledge base (``checks``) and the canonical file format (``canonical``).

Nothing here knows about queries, features or display.
"""
