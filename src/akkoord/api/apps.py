from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "akkoord.api"
    verbose_name = "API"
