"""gunicorn configuration for KSR (`make serve`, the systemd unit). Every value can be overridden
by the environment: KSR_BIND, KSR_WORKERS, KSR_THREADS, KSR_TIMEOUT.

Threaded workers (gthread): a request mostly waits on PostgreSQL, so threads per process give the
throughput of many processes at a fraction of the memory. Size the database's max_connections for
workers × threads × nodes (+ Celery) — or put PgBouncer (transaction mode) in front of it.
"""

import multiprocessing
import os

bind = os.environ.get("KSR_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("KSR_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("KSR_THREADS", 4))
timeout = int(os.environ.get("KSR_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("KSR_FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "ksr.wsgi:application"
