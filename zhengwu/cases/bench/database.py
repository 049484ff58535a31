"""The dedicated benchmark database: created when missing, never SQLite."""

from __future__ import annotations

import psycopg
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

META_TABLE = "bench_meta"  # a plain table of the bench database, not a model: what was seeded


def require_postgres() -> dict:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError(
            "The benchmark runs only on PostgreSQL: set DATABASE_URL (or BENCH_DATABASE_URL with `make bench`) "
            "to a dedicated database, e.g. postgres://postgres@127.0.0.1:5432/zhengwu_bench. SQLite is refused."
        )
    return db


def ensure_database(db: dict) -> bool:
    """Create the database named in the settings if it does not exist; True when created."""
    params = {
        "dbname": "postgres",
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
        if exists:
            return False
        conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(db["NAME"])))
        return True


def read_meta(key: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value text NOT NULL)")
        cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = %s", [key])
        row = cursor.fetchone()
    return row[0] if row else None


def write_meta(key: str, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value text NOT NULL)")
        cursor.execute(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [key, value],
        )


def truncate_all() -> None:
    """Empty every table the migrations do not own themselves (a reseed starts from nothing)."""
    keep = {"django_migrations", "django_content_type", "auth_permission"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [name for (name,) in cursor.fetchall() if name not in keep]
        if tables:
            cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
