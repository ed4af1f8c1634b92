"""gunicorn's configuration: `gunicorn -c python:akkoord.config.gunicorn akkoord.config.wsgi`.

Every value can be set from the environment (docs/deployment.md). Behind the reverse proxy
gunicorn listens on loopback; the proxy adds X-Forwarded-For and X-Forwarded-Proto.
"""

import multiprocessing
import os

bind = os.environ.get("AKKOORD_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() + 1)))
worker_class = "gthread"
threads = int(os.environ.get("AKKOORD_WEB_THREADS", "4"))
timeout = int(os.environ.get("AKKOORD_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, so no leak grows without bound. The application is loaded
# once in the master and each worker is a fork of it: a replacement starts in milliseconds
# instead of importing Django again (about a second of CPU that the other worker's requests
# would wait for). Nothing opens a database connection or a thread at import time.
preload_app = True
max_requests = 10000
max_requests_jitter = 1000
forwarded_allow_ips = os.environ.get("AKKOORD_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None  # Akkoord logs each request itself, as JSON with its request id (common/logs.py)
errorlog = "-"
loglevel = os.environ.get("DJANGO_LOG_LEVEL", "info").lower()
limit_request_line = 8190
limit_request_fields = 100
wsgi_app = "akkoord.config.wsgi:application"
