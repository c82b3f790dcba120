"""The query core: one kind's collection with its look-up and search indexes (``collection``),
turning what a caller passes into records (``resolve``), the kinetic chain (``chain``), the
answers of the exercise queries (``answers``) and the queries across kinds (``catalog``).

Features (screening, plans, exports, display) are written against the public methods here.
"""
