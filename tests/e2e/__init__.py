"""Browser tests: the web pages driven in Debian's headless Chromium through Playwright."""
