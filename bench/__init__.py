"""`make bench`: the figures in the README's performance table. Run with `python -m bench`."""
