from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from akkoord.accounts import api as accounts_api
from akkoord.accounts import schema as _token_scheme  # noqa: F401 - registers it with drf-spectacular
from akkoord.deals import api as deals_api
from akkoord.events import api as events_api
from akkoord.impact import api as impact_api
from akkoord.organisations import api as organisations_api

router = DefaultRouter()
router.register("deals", deals_api.DealViewSet, basename="deal")
router.register("organisations", organisations_api.OrganisationViewSet, basename="organisation")
router.register("partnerships", deals_api.PartnershipViewSet, basename="partnership")
router.register("commitments", deals_api.CommitmentViewSet, basename="commitment")
router.register("signatures", deals_api.SignatureViewSet, basename="signature")
router.register("working-groups", deals_api.WorkingGroupViewSet, basename="workinggroup")
router.register("milestones", deals_api.MilestoneViewSet, basename="milestone")
router.register("decisions", deals_api.DecisionViewSet, basename="decision")
router.register("events", events_api.EventViewSet, basename="event")
router.register("measurements", impact_api.MeasurementViewSet, basename="measurement")
router.register("tokens", accounts_api.ApiTokenViewSet, basename="apitoken")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # POST username and password, get a token for the Authorization: Token … header (it expires).
    path("token/", accounts_api.TokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
]
