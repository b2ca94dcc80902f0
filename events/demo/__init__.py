"""The demo festivals, stories and accounts behind `python manage.py load_demo`.

What the demo says is data: `content` (accounts, venue, rooms, themes, speakers),
`programme` (the two festivals) and `stories` (the Hub). `loader` writes it, changing only
what differs.
"""
