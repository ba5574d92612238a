"""OpenContact: a self-hostable contact center that speaks Amazon Connect's API and Flow
language."""

__version__ = "0.1.0"
