"""The API under /api/v1: paths without a trailing slash (NL API Design Rules, /core/no-trailing-slash).

A request with a trailing slash gets a 308 redirect to the same path without it, so that
clients written against the first paths keep working (308 keeps the method and the body).
"""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from akkoord.accounts import api as accounts_api
from akkoord.accounts import schema as _token_scheme  # noqa: F401 - registers it with drf-spectacular
from akkoord.deals import api as deals_api
from akkoord.events import api as events_api
from akkoord.finance import api as finance_api
from akkoord.impact import api as impact_api
from akkoord.kennis import api as kennis_api
from akkoord.norms import api as norms_api
from akkoord.organisations import api as organisations_api
from akkoord.quality import api as quality_api

from . import docs


class Router(DefaultRouter):
    include_root_view = False  # the documentation page (docs.py) is the root of the API
    include_format_suffixes = False


# The deal API with what the apps above deals add to it (its results); described as the deals' own.
class DealViewSet(impact_api.DealResultsMixin, deals_api.DealViewSet):
    __doc__ = deals_api.DealViewSet.__doc__


router = Router(trailing_slash=False)
router.register("deals", DealViewSet, basename="deal")
router.register("organisations", organisations_api.OrganisationViewSet, basename="organisation")
router.register("partnerships", deals_api.PartnershipViewSet, basename="partnership")
router.register("commitments", deals_api.CommitmentViewSet, basename="commitment")
router.register("signatures", deals_api.SignatureViewSet, basename="signature")
router.register("working-groups", deals_api.WorkingGroupViewSet, basename="workinggroup")
router.register("milestones", deals_api.MilestoneViewSet, basename="milestone")
router.register("decisions", deals_api.DecisionViewSet, basename="decision")
router.register("events", events_api.EventViewSet, basename="event")
router.register("areas", finance_api.AreaViewSet, basename="area")
router.register("finance-models", finance_api.FinanceModelViewSet, basename="financemodel")
router.register("norm-sets", norms_api.NormSetViewSet, basename="normset")
router.register("measurements", impact_api.MeasurementViewSet, basename="measurement")
router.register("tokens", accounts_api.ApiTokenViewSet, basename="apitoken")
router.register("cases", kennis_api.CaseViewSet, basename="case")
router.register("lessons", kennis_api.LessonViewSet, basename="lesson")
router.register("barriers", kennis_api.BarrierViewSet, basename="barrier")
router.register("cross-links", kennis_api.CrossLinkViewSet, basename="crosslink")

urlpatterns = [
    path("", docs.ApiDocsView.as_view(), name="api-docs"),
    path("openapi.json", docs.SchemaView.as_view(), name="api-schema"),
    # POST username and password, get a token for the Authorization: Token … header (it expires).
    path("token", accounts_api.TokenView.as_view(), name="api-token"),
    path("search", kennis_api.SearchView.as_view(), name="api-search"),
    path("area-norms/<slug:slug>", norms_api.AreaNormsView.as_view(), name="api-area-norms"),
    path("area-quality/<slug:slug>", quality_api.AreaQualityView.as_view(), name="api-area-quality"),
    path("", include(router.urls)),
    re_path(r"^(?P<rest>.+)/$", docs.without_trailing_slash, name="api-trailing-slash"),
    re_path(r"", docs.not_found, name="api-not-found"),
]
