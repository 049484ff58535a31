"""The database in a backup: a consistent dump (SQLite's online backup API; `pg_dump` from an exported snapshot),
the inventory the manifest records (row counts of every table, applied migrations, the audit chain's tip), and
the scratch database a dump is restored into for verification, reachable through a connection alias of its own."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, connections
from django.db.utils import load_backend
from django.utils.translation import gettext as _

from zhengwu.audit.models import AuditEntry

from .archive import BackupInvalid

DUMP_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupFailed(Exception):
    """The backup could not be made; the message (Chinese) says why."""


@dataclass
class Inventory:
    row_counts: dict[str, int]
    migrations: list[dict[str, str]]
    audit_entries: int
    audit_last_hash: str | None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def take_inventory(cursor: Any, vendor: str) -> Inventory:
    """Count the rows of every table through a DB-API `cursor` (raw or Django's, of either vendor)."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) != 'sqlite_' ORDER BY name"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    row_counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        row_counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    migrations = [{"app": app, "name": name} for app, name in cursor.fetchall()]
    audit_table = _quote(AuditEntry._meta.db_table)
    cursor.execute(f"SELECT entry_hash FROM {audit_table} ORDER BY seq DESC LIMIT 1")
    last = cursor.fetchone()
    return Inventory(row_counts, migrations, row_counts.get(AuditEntry._meta.db_table, 0), last[0] if last else None)


def dump(target: Path) -> Inventory:
    """Write a consistent copy of the default database to `target`; return the inventory of exactly that copy."""
    if connection.vendor == "sqlite":
        return _dump_sqlite(target)
    if connection.vendor == "postgresql":
        return _dump_postgresql(target)
    raise BackupFailed(_("不支持备份 %(vendor)s 数据库") % {"vendor": connection.vendor})


def _dump_sqlite(target: Path) -> Inventory:
    # The online backup API copies every page in one step under a read lock: a consistent copy even while the
    # application writes (a file copy of a live database, WAL included, is not).
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        with closing(copy.cursor()) as cursor:
            return take_inventory(cursor, "sqlite")


def _dump_postgresql(target: Path) -> Inventory:
    # Count in a repeatable-read transaction and let pg_dump read the very snapshot it exported: the manifest then
    # describes exactly the dump, however busy the database.
    import psycopg

    with closing(psycopg.connect(**_libpq_params(connection.settings_dict))) as source:
        source.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        source.read_only = True
        with source.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]  # type: ignore[index]
            inventory = take_inventory(cursor, "postgresql")
        _run_pg_tool(
            "pg_dump",
            ["--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            connection.settings_dict,
            BackupFailed,
        )
        source.rollback()
    return inventory


def _libpq_params(settings_dict: dict[str, Any], dbname: str | None = None) -> dict[str, Any]:
    params = {"dbname": dbname or settings_dict["NAME"]}
    for key, setting in (("host", "HOST"), ("port", "PORT"), ("user", "USER"), ("password", "PASSWORD")):
        if settings_dict.get(setting):
            params[key] = str(settings_dict[setting])
    return params


def _run_pg_tool(
    tool: str, arguments: list[str], settings_dict: dict[str, Any], error: type[Exception], dbname: str | None = None
) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise error(_("找不到 %(tool)s，请安装与数据库服务器同版本的 PostgreSQL 客户端") % {"tool": tool})
    params = _libpq_params(settings_dict, dbname)
    command = [executable, *arguments, f"--dbname={params['dbname']}"]
    for key, option in (("host", "--host"), ("port", "--port"), ("user", "--username")):
        if key in params:
            command.append(f"{option}={params[key]}")
    environment = dict(os.environ)
    if "password" in params:  # never on the command line, where every local user could read it
        environment["PGPASSWORD"] = params["password"]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = result.stderr.strip() or result.stdout.strip() or str(result.returncode)
        raise error(_("%(tool)s 执行失败：%(message)s") % {"tool": tool, "message": message})


@contextmanager
def restored(dump_path: Path, vendor: str) -> Iterator[str]:
    """Restore `dump_path` into a scratch database; yield the connection alias that reaches it. The scratch
    database (a PostgreSQL database `<name>_verify_<random>`) is always dropped afterwards."""
    if vendor == "sqlite":
        # The dump is itself a database file (already a scratch copy in a temporary directory).
        scratch = {**connection.settings_dict, "ENGINE": "django.db.backends.sqlite3", "NAME": str(dump_path)}
        with _alias({**scratch, "OPTIONS": {}, "CONN_MAX_AGE": 0}) as alias:
            yield alias
        return
    if vendor != "postgresql" or connection.vendor != "postgresql":
        raise BackupInvalid(_("这是 %(vendor)s 数据库的备份，只能在连接 %(vendor)s 时恢复校验") % {"vendor": vendor})
    with _scratch_postgresql_database() as name:
        _run_pg_tool(
            "pg_restore",
            ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", str(dump_path)],
            connection.settings_dict,
            BackupInvalid,
            dbname=name,
        )
        with _alias({**connection.settings_dict, "NAME": name, "CONN_MAX_AGE": 0}) as alias:
            yield alias


@contextmanager
def _scratch_postgresql_database() -> Iterator[str]:
    import psycopg
    from psycopg import sql

    name = f"{connection.settings_dict['NAME'][:40]}_verify_{secrets.token_hex(4)}"
    with closing(psycopg.connect(**_libpq_params(connection.settings_dict), autocommit=True)) as admin:
        # template0: nothing a local template1 may hold can clash with what the dump restores.
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
        try:
            yield name
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def _alias(settings_dict: dict[str, Any]) -> Iterator[str]:
    """A connection to the scratch database under an alias of its own, created for the run and never added to
    settings.DATABASES (so nothing else — request handling, the test runner — ever picks it up). The ORM, and so
    the audit chain's own verification, reach it with `.using(alias)`."""
    alias = f"ops_verify_{secrets.token_hex(4)}"
    scratch = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    connections[alias] = scratch
    try:
        yield alias
    finally:
        scratch.close()
        del connections[alias]
