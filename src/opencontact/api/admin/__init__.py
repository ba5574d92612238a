"""The admin website's API: the session, Amazon Connect operations on the session's instance
under its user's permissions, and a live feed of changes and real-time figures."""

from opencontact.api.admin.app import admin_api

__all__ = ["admin_api"]
