"""Settings of the Fabrique du Bocage directory, read from the environment (see README)."""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` (made by `make` from `.env.example`) is read when present; real environment
# variables always win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-only-used-with-debug"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the site, used in absolute links (JSON-LD, exports, mails).
# Without it, the development server's address (`make run` passes its PORT): links in mails,
# feeds and JSON-LD then lead back to the server that wrote them.
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip(
    "/"
)
# The host's name, address and phone number, shown in the legal notice (required in France).
LEGAL_HOSTING = env.str(
    "LEGAL_HOSTING",
    default="Hébergement : à renseigner par l’équipe qui met le site en ligne (LEGAL_HOSTING).",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "corsheaders",
    "rest_framework",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "leaflet",
    "axes",
    "rules",
    "simple_history",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "places",
    "places.accounts",
    "places.sharing",
    "places.outbox",
    "places.contact",
    "places.events",
    "places.resources",
]
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Django's gzip, honouring q-values (gzip;q=0 refuses it).
    "places.middleware.GZipMiddleware",
    # Inside the gzip, outside CommonMiddleware's redirects: every error under /api/ is JSON.
    "places.middleware.APIErrorsAsJSONMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made a change, for the history of places, photos and hosts (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "places.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it answers the sign-ins it has locked out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fabrique.urls"
WSGI_APPLICATION = "fabrique.wsgi.application"
ASGI_APPLICATION = "fabrique.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "places.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Without DATABASE_URL, the local PostgreSQL server through its Unix socket (the Makefile
# starts it and creates the `fabrique` database with its extensions).
DATABASES = {"default": env.db_url("DATABASE_URL", default="postgis:///fabrique")}
DATABASES["default"]["ENGINE"] = "django.contrib.gis.db.backends.postgis"
# Persistent connections, one per worker process (gunicorn). Django's development server runs
# each request in a new thread, whose connection would outlive it: there, one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {})
# Typo tolerance on names uses pg_trgm's `<%` operator, whose threshold is a session setting.
# No statement may hold the database longer than DB_STATEMENT_TIMEOUT seconds (0: no limit): a
# request whose query hits it answers 503 (places.middleware). Management commands that run
# long statements on purpose (migrate, imports) lift it for themselves (places.db).
# JIT compilation costs the map documents ~0.25 s of compiling for nothing: it is off.
DB_STATEMENT_TIMEOUT = env.float("DB_STATEMENT_TIMEOUT", default=15.0)
DATABASES["default"]["OPTIONS"]["options"] = (
    "-c pg_trgm.word_similarity_threshold=0.5 -c jit=off"
    f" -c statement_timeout={int(DB_STATEMENT_TIMEOUT * 1000)}"
)
# Tests make their own database (test_<name>); TEST_DATABASE_NAME lets two runs side by side.
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# A shared Redis cache when REDIS_URL is set (several app servers); else memory per process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fabrique",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# --- Task queue -----------------------------------------------------------------------------
# Work done off the request (imports uploaded in the admin; mail and feeds later) goes through
# django-tasks, queued in the database and run by `manage.py db_worker` (`make run` starts
# one beside the development server). TASKS_BACKEND=immediate runs each task at once, in the
# process that enqueues it (no worker: a request then waits for its task).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Django serves MEDIA_URL itself only when asked (development, tests): in production the web
# server, or an object store through STORAGES["default"], does.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "fabrique.storage.StaticStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Photos of places (places/photos.py): an upload larger than PHOTO_MAX_MB, or with more than
# PHOTO_MAX_MEGAPIXELS million pixels (a decompression bomb), is refused before decoding.
PHOTO_MAX_BYTES = int(env.float("PHOTO_MAX_MB", default=10) * 1024 * 1024)
PHOTO_MAX_PIXELS = int(env.float("PHOTO_MAX_MEGAPIXELS", default=40) * 1_000_000)
# Files of the resource centre (places/resources/uploads.py): larger ones are refused.
RESOURCE_FILE_MAX_MB = env.float("RESOURCE_FILE_MAX_MB", default=20)

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # Debian 12 ships GDAL 3.6, which cannot block file and network access from malicious
    # spatial references (fixed in GDAL 3.9). No untrusted file, URL or SRS text reaches GDAL
    # here: imports are parsed with Python's json/csv and points are built from validated
    # numbers (places/geo.py). Lift this silence once the platform has GDAL >= 3.9.
    "gis.W001",
    # HSTS subdomains/preload are a decision for whoever owns the domain: see README.
    "security.W005",
    "security.W021",
]

# --- Sign-in --------------------------------------------------------------------------------
# Failed sign-ins are counted per account and per address (django-axes, in the database so that
# every app server sees them): after SIGNIN_FAILURE_LIMIT failures, that account, or that
# address, waits SIGNIN_LOCKOUT_MINUTES. Behind a load balancer, TRUSTED_PROXY_COUNT says how
# many proxies add X-Forwarded-For, or every visitor would share the balancer's address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Object permissions (who may change this place): places/accounts/permissions.py
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("SIGNIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGNIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "places.accounts.signin.attempted_username"
AXES_LOCKOUT_CALLABLE = "places.accounts.signin.locked_out"
# Proxies in front of the app that append to X-Forwarded-For: the sign-in limits and the
# contact forms' limits read the visitor's address the same way (places/clients.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "places.clients.client_ip"
AXES_VERBOSE = False

# --- Accounts (django-allauth under /compte/) -----------------------------------------------
# People sign up and sign in with an e-mail address (no user name), which they confirm before
# their first sign-in; one address per account, which they may change (confirmed again).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "places:home"
ACCOUNT_ADAPTER = "places.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "places.accounts.forms.SignupForm"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[La Fabrique du Bocage] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed sign-ins are django-axes' business (above), as on the admin: allauth's own counter
# of them would answer first, with another message and another delay.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# An invitation to host a place is a signed link that expires after INVITATION_DAYS days.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)

# --- Mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="La Fabrique du Bocage <contact@localhost>"
)
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
# Seconds the mail server has to answer: a slow one delays a queued mail (retried later by
# places/outbox), never a page.
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=20.0)

# --- Contact, corrections, freshness (places/contact) ---------------------------------------
# Messages relayed to a place's hosts and corrections suggested by visitors: at most
# CONTACT_RATE_LIMIT per e-mail address and per IP address in CONTACT_RATE_WINDOW_MINUTES;
# a form sent less than CONTACT_MIN_SECONDS after it was shown is a robot's.
CONTACT_RATE_LIMIT = env.int("CONTACT_RATE_LIMIT", default=5)
CONTACT_RATE_WINDOW_MINUTES = env.int("CONTACT_RATE_WINDOW_MINUTES", default=60)
CONTACT_MIN_SECONDS = env.float("CONTACT_MIN_SECONDS", default=3.0)
# Hosts are asked every FRESHNESS_MONTHS months whether their listing is still right; the
# links of that mail work for FRESHNESS_LINK_DAYS days.
FRESHNESS_MONTHS = env.int("FRESHNESS_MONTHS", default=6)
FRESHNESS_LINK_DAYS = env.int("FRESHNESS_LINK_DAYS", default=30)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Map ------------------------------------------------------------------------------------
# Tiles come from a configurable server (OpenStreetMap France by default); the territory is
# the Pays du Bocage ornais. django-leaflet validates this dictionary.
LEAFLET_CONFIG = {
    "TILES": [
        (
            "",
            env.str(
                "MAP_TILES_URL", default="https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png"
            ),
            {
                "attribution": env.str(
                    "MAP_TILES_ATTRIBUTION",
                    default="© les contributeurs d’OpenStreetMap, fond OSM France",
                ),
                "maxZoom": 19,
            },
        )
    ],
    # [[south, west], [north, east]] of the Pays du Bocage ornais.
    "SPATIAL_EXTENT": (-0.97, 48.49, -0.23, 48.88),
    "DEFAULT_CENTER": (48.66, -0.55),
    "DEFAULT_ZOOM": 10,
    "MIN_ZOOM": 5,
    "MAX_ZOOM": 19,
    "RESET_VIEW": False,
}

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "places.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "places.api.pagination.PlacePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    # Writes: a browser's session (with its CSRF token), or a personal token made in
    # /espace-hote/ and sent as `Authorization: Token <key>` (places/accounts/authentication.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "places.accounts.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "EXCEPTION_HANDLER": "places.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API de La Fabrique du Bocage",
    "DESCRIPTION": (
        "Les tiers-lieux du Pays du Bocage ornais, en données ouvertes (ODbL).\n\n"
        "**Lire** est ouvert à tous, sans authentification.\n\n"
        "**Écrire** (hôtes d’un lieu et coordination) : depuis le site, la session du "
        "navigateur avec son jeton CSRF ; depuis un programme, un jeton personnel créé dans "
        "l’espace hôte (`/espace-hote/`), envoyé dans l’en-tête "
        "`Authorization: Token <clé>`. Un jeton inconnu ou révoqué reçoit une erreur 401."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Reading is open to all: no padlock on reads (places.api.schema.AutoSchema); writes say
    # how to authenticate (a session, or a personal token: tokenAuth).
    "SECURITY": [],
}
# Anyone may read the API from another site; writing stays same-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# --- Outside services -----------------------------------------------------------------------
# The national address API (Géoplateforme, successor of api-adresse.data.gouv.fr).
GEOCODER_URL = env.str("GEOCODER_URL", default="https://data.geopf.fr/geocodage")
GEOCODER_TIMEOUT = env.float("GEOCODER_TIMEOUT", default=3.0)
# The hosts' iCalendar feeds (Mobilizon, OpenAgenda, Nextcloud) read by import_event_feeds.
EVENT_FEED_TIMEOUT = env.float("EVENT_FEED_TIMEOUT", default=10.0)
EVENT_FEED_MAX_BYTES = env.int("EVENT_FEED_MAX_BYTES", default=2_000_000)
