from tests.events.access.setting import access_setting

__all__ = ["access_setting"]
