"""The demo festivals, stories and accounts behind `python manage.py load_demo`.

What the demo says is data: `content` (accounts, venue, rooms, themes, speakers),
`programme` (the two festivals), `stories` (the Hub) and `writeups` (of past sessions).
`loader` writes what is missing and, with a reset, puts the demo's own rows back.
"""
