"""The web pages people use: the CCP (`/ccp-v2`), the agent application (`/agent-app-v2`), the
admin website (`/admin`), the console (`/console`), the customer phone (`/phone`) and `/login`.

Each page is one HTML shell (`pages.py`) that loads an ES module from `static/js/`; there is no
build step. The pages talk only to the HTTP APIs (`/api/v1`, `/sim`) and their WebSockets.
"""
