"""Fast settings for the test suite: the production settings with test-only overrides.

DATABASE_URL still decides the database, so CI runs the suite on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "convene-test-key-not-secret")
os.environ.setdefault("CELERY_BROKER_URL", "memory://")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Tasks run inline when their on_commit fires; the reminder tests start a real worker instead.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# As production runs with Redis: one test process, so local memory is one shared cache here,
# and the query counts the tests pin are those of production.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
