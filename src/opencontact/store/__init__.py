"""Durable storage: the Store port and its SQLAlchemy adapter (an SQLite file by default,
PostgreSQL by URL), with the schema managed by Alembic migrations."""
