"""Exit 0 when a PostgreSQL server answers at the URL given as argv[1], else 1 (used by `make test`)."""

import sys

try:
    import psycopg

    url = sys.argv[1].replace("postgres://", "postgresql://", 1)
    psycopg.connect(url, connect_timeout=3).close()
except Exception as exc:
    print(f"PostgreSQL not available: {exc}", file=sys.stderr)
    sys.exit(1)
sys.exit(0)
