"""The performance benchmark of case handling (`manage.py bench`, `make bench`).

`database` prepares the dedicated PostgreSQL database, `seeding` fills it with five years of cases by COPY,
`latency` measures the case-list API under gunicorn, `throughput` runs full lifecycles through the services,
`report` prints the figures next to the targets.
"""
