# ruff: noqa: F821, B018
"""Names vulture cannot see being used, with the reason; `.ci/run` passes this file to vulture.

Framework hooks called by name (``Meta``, ``ready``, ``perform_create``, ``has_*_permission``,
``get_*``/``validate_*``/``clean_*``/``filter_*`` methods, management ``Command``s, middleware,
``@action``/``@register.filter``/``@admin.register`` functions…) are ignored by the patterns in
`.ci/run`; module and class variables and attributes (model fields, choices members, settings,
admin and serializer options) are not checked at all, since Django reads them by name.

Only names used from templates, serializers or not-yet-adopted shared code belong here. A
function nothing calls is not whitelisted: it is deleted.
"""

# Read by templates (vulture does not parse them).
_.has_next  # core.listing.UncountedPage: Django's Page API, core/_pagination.html
_.community_count  # analytics.metrics.GraphMetrics: analytics/_summary.html, analytics/region_metrics.html
_.level_label  # animation.scenarios.Scenario: animation/_scenario.html
_.minimum_end  # catalogue.models.Edition: catalogue/edition_detail.html
_.general_fields  # plans.forms.CardEntryForm: plans/card_entry_form.html
_.detailed_fields  # plans.forms.CardEntryForm: plans/card_entry_form.html
_.measure_rows  # plans.forms.OutcomeAssessmentForm: plans/outcome_assessment_form.html
_.filled_fields  # plans.models.ServiceCardEntry: plans/_card_entry.html
_.failed  # registry.tabular.ImportReport: registry/organisation_import.html
_.is_rsr  # networks.models.Network: networks/network_detail.html, networks/team.html
_.is_ksr  # networks.models.Network: networks/network_detail.html

# Read by a DRF serializer field of the same name.
_.type_c_share  # analytics.metrics.NetworkSummary: analytics.api's metrics serializer

# Named in settings or the URLconf by dotted path (issue 9 §5–6), or found by registration.
_.SecondFactorTokenScheme  # accounts.authentication: a drf-spectacular extension, registered by subclassing
_.login_failure_limit  # accounts.services: AXES_FAILURE_LIMIT
_.lockout_response  # accounts.services: AXES_LOCKOUT_CALLABLE
_.FilterBackend  # core.filtering: REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]
_.KsrAutoSchema  # core.schema: REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]
_.not_found  # core.views: handler404 in ksr/urls.py
_.bad_request  # core.views: handler400 in ksr/urls.py
_.server_error  # core.views: handler500 in ksr/urls.py

# Called by a library.
_.footer  # documents.pdf: fpdf2 calls FPDF.footer() at the end of every page

# Named in settings.TEMPLATES (a dotted path vulture cannot follow).
_.screen_help  # help.context_processors.screen_help: every page's help box
