"""An URLconf whose spec view has nothing to document: as_view() refuses it on import.

Only test_checks routes it (ROOT_URLCONF), with CONSUMERS unset and discovery off.
"""

from django.urls import path

from channels_spectacular.views import AsyncAPISpecView

urlpatterns = [path("spec.yaml", AsyncAPISpecView.as_view())]
