"""British English as the rest of the site writes it: the 24-hour clock ("18:10"), not
Django's "6:10 p.m.". What is not here comes from Django's own en_GB formats."""

TIME_FORMAT = "H:i"  # '14:30'
DATETIME_FORMAT = "j M Y, H:i"  # '25 Oct 2006, 14:30'
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # '25/10/2006 14:30'
