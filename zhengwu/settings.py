"""Django settings for Zhengwu.

Configuration comes from the environment (see README, "Configuration"); every setting has a default that
works for the embedded set-up (SQLite, no other server) so that `make run` needs nothing.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ZHENGWU_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

ZHENGWU_ENV = os.environ.get("ZHENGWU_ENV", "development")
PRODUCTION = ZHENGWU_ENV == "production"


def _secret_from_env_or_file(env_name: str, filename: str, make) -> str:
    """A secret from the environment; outside production, generated once into var/ and reused."""
    value = os.environ.get(env_name)
    if value:
        return value
    if PRODUCTION:
        raise RuntimeError(f"{env_name} must be set when ZHENGWU_ENV=production")
    path = VAR_DIR / filename
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_from_env_or_file("ZHENGWU_SECRET_KEY", "secret_key", lambda: secrets.token_urlsafe(50))
# SM4 key (128-bit, hex) for personal data at rest.
ZHENGWU_SM4_KEY = _secret_from_env_or_file("ZHENGWU_SM4_KEY", "sm4.key", lambda: secrets.token_hex(16))

DEBUG = os.environ.get("ZHENGWU_DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = os.environ.get("ZHENGWU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("ZHENGWU_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "zhengwu.org",
    "zhengwu.calendar",
    "zhengwu.audit",
    "zhengwu.parties",
    "zhengwu.catalog",
    "zhengwu.cases",
    "zhengwu.workbench",
    "zhengwu.evaluation",
    "zhengwu.complaints",
    "zhengwu.supervision",
    "zhengwu.indicators",
    "zhengwu.search",
    "zhengwu.portal",
    "zhengwu.accounts",
    "zhengwu.consultation",
    "zhengwu.disclosure",
    "zhengwu.ops",
    "zhengwu.fees",
    "zhengwu.hall",
    "zhengwu.projects",
]

MIDDLEWARE = [
    "zhengwu.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "zhengwu.api_input.ApiInputGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhengwu.portal.middleware.SecurityHeadersMiddleware",
    "zhengwu.accounts.middleware.ApplicantMiddleware",
]

ROOT_URLCONF = "zhengwu.urls"
WSGI_APPLICATION = "zhengwu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zhengwu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zhengwu.portal.context_processors.portal",
                "zhengwu.calendar.context_processors.calendar_horizon",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'zhengwu.sqlite3'}",
        conn_max_age=int(os.environ.get("ZHENGWU_DB_CONN_MAX_AGE", "60")),
    )
}
# Inside an act, psycopg binds parameters on the server and prepares a statement from its Nth run on a connection,
# so that PostgreSQL parses and plans the few statements every act repeats once (`zhengwu.acts.act`). "off" turns
# it off (for a pooler that cannot keep prepared statements: PgBouncer in transaction mode without
# max_prepared_statements). Lists and searches are never prepared: a generic plan would not fit every filter.
_prepare = os.environ.get("ZHENGWU_DB_PREPARE_THRESHOLD", "5")
ZHENGWU_DB_PREPARE_THRESHOLD = None if _prepare == "off" else int(_prepare)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout so that the embedded set-up tolerates concurrent requests.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering (INCLUDE) indexes serve PostgreSQL; on the embedded SQLite they are plain indexes, which is fine.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/workbench/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("ZHENGWU_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Without `collectstatic` (development, tests) WhiteNoise serves the apps' static folders directly.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
# Uploaded and generated documents live outside the web root and are served only through views.
MEDIA_ROOT = Path(os.environ.get("ZHENGWU_MEDIA_ROOT", VAR_DIR / "media"))

SESSION_COOKIE_AGE = int(os.environ.get("ZHENGWU_SESSION_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("ZHENGWU_HSTS_SECONDS", "31536000"))

# Background work: inline unless a broker is configured (scale-out: Celery workers with Redis).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        # Shared by every process on this machine (several gunicorn workers see each other's invalidations).
        else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "cache")}
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZHENGWU_LOG_LEVEL", "WARNING")},
}

# Render PDF notices after each act (in a Celery task; inline on the embedded default). The benchmark of the
# service layer turns it off and measures rendering separately.
ZHENGWU_RENDER_NOTICES = os.environ.get("ZHENGWU_RENDER_NOTICES", "1") == "1"

# 效能投诉: working days to answer a complaint (default 15).
ZHENGWU_COMPLAINT_LIMIT_DAYS = int(os.environ.get("ZHENGWU_COMPLAINT_LIMIT_DAYS", "15"))

# 咨询: working days to answer a question from the portal (default 5).
ZHENGWU_CONSULTATION_LIMIT_DAYS = int(os.environ.get("ZHENGWU_CONSULTATION_LIMIT_DAYS", "5"))
# 首问责任制: working days within which a first inquiry referred to a department is to be answered (default 3). A
# local rule of the hall, not a statutory limit.
ZHENGWU_FIRST_INQUIRY_DAYS = int(os.environ.get("ZHENGWU_FIRST_INQUIRY_DAYS", "3"))
# 工程建设项目审批: the whole approval of a construction project, all four stages, within this many working days
# (国办发〔2019〕11号: “全流程审批时间压缩至120个工作日以内”); each stage's own limit is a rule kept in the admin.
ZHENGWU_PROJECT_TOTAL_DAYS = int(os.environ.get("ZHENGWU_PROJECT_TOTAL_DAYS", "120"))
# 预约服务: how many days ahead (from tomorrow) a citizen may book a period at the hall (default 14).
ZHENGWU_APPOINTMENT_DAYS_AHEAD = int(os.environ.get("ZHENGWU_APPOINTMENT_DAYS_AHEAD", "14"))
# Staff are warned this many days before the working-day calendar ends (the next year's holidays not entered yet).
ZHENGWU_CALENDAR_WARNING_DAYS = int(os.environ.get("ZHENGWU_CALENDAR_WARNING_DAYS", "92"))
# Working days after which a disclosure request still awaiting confirmation of receipt (online, fax, ordinary
# letter: 条例第三十一条) is flagged in the workbench: no clock runs until then, so nothing else would show it.
ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS = int(os.environ.get("ZHENGWU_DISCLOSURE_CONFIRM_ALERT_DAYS", "2"))

# Online applications: largest accepted upload, in bytes (default 10 MB).
ZHENGWU_UPLOAD_MAX_BYTES = int(os.environ.get("ZHENGWU_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))

# Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses, e.g. "127.0.0.1"): rate limits
# then count the real client, not the proxy.
ZHENGWU_TRUSTED_PROXIES = [a.strip() for a in os.environ.get("ZHENGWU_TRUSTED_PROXIES", "").split(",") if a.strip()]

# Sites allowed to embed a guide or the progress lookup in a frame (comma-separated origins, e.g.
# "https://www.example.gov.cn"); every other page refuses to be framed.
ZHENGWU_EMBED_ORIGINS = [o.strip() for o in os.environ.get("ZHENGWU_EMBED_ORIGINS", "").split(",") if o.strip()]

# Supervision alerts: adapters (dotted paths, comma-separated; default: the log only), the SMS gateway, e-mail.
ZHENGWU_ALERT_CHANNELS = [
    c.strip()
    for c in os.environ.get("ZHENGWU_ALERT_CHANNELS", "zhengwu.supervision.channels.LoggingChannel").split(",")
    if c.strip()
]
ZHENGWU_SMS_GATEWAY_URL = os.environ.get("ZHENGWU_SMS_GATEWAY_URL", "")
ZHENGWU_SMS_GATEWAY_TOKEN = os.environ.get("ZHENGWU_SMS_GATEWAY_TOKEN", "")

# Backups (`manage.py backup`, daily through Celery beat): where they are written and how many verified ones are kept.
ZHENGWU_BACKUP_DIR = Path(os.environ.get("ZHENGWU_BACKUP_DIR", VAR_DIR / "backups"))
ZHENGWU_BACKUP_KEEP = int(os.environ.get("ZHENGWU_BACKUP_KEEP", "14"))

# Periodic work when Celery beat runs: supervision (alerts, deemed acceptances), the daily backup.
from zhengwu.ops.schedule import BEAT_SCHEDULE as _OPS_BEAT_SCHEDULE  # noqa: E402
from zhengwu.supervision.schedule import BEAT_SCHEDULE as _SUPERVISION_BEAT_SCHEDULE  # noqa: E402

CELERY_BEAT_SCHEDULE = {**_SUPERVISION_BEAT_SCHEDULE, **_OPS_BEAT_SCHEDULE}
