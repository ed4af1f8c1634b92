import os

from django.core.asgi import get_asgi_application

# A server runs the production settings unless told otherwise; they refuse to start without a secret.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akkoord.config.settings.production")
application = get_asgi_application()
