"""Pages of the catalogue: thin — parse (form) → fetch (scoped) → one service → render.

Participant data (bookings, attendance, coverage, support instruments) is read only through
``Case.objects.visible_to`` and each page showing it records an audit read. A partner
representative sees offers and booking counts, never names.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q, QuerySet, Sum
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.reads import audit_read, record_view_read
from ksr.cases.choices import CaseStatus
from ksr.cases.models import Case
from ksr.catalogue import rules, services
from ksr.catalogue.certificates import certificate_content
from ksr.catalogue.choices import NEW_PROFILE_AREAS, AttendanceStatus, BookingStatus, InstrumentKind, ServiceArea
from ksr.catalogue.filters import ActivityFilter, EditionFilter, OfferFilter, ServiceFilter
from ksr.catalogue.forms import (
    ActivityForm,
    BookingForm,
    EditionForm,
    HolderChoiceForm,
    InstrumentForm,
    OfferForm,
    ServiceForm,
    managed_holders,
)
from ksr.catalogue.models import Activity, Attendance, Booking, Certificate, Edition, Offer, Service, SupportInstrument
from ksr.catalogue.queries import coverage_counts, coverage_for_case
from ksr.catalogue.querysets import (
    CASE_WORKERS,
    CATALOGUE_MANAGERS,
    CLASS_STAFF,
    HOLDER_ROLES,
    PARTNER_ROLES,
    may_act,
    partner_ids,
)
from ksr.core.access import LoginRequiredMixin, RolesRequiredMixin, login_required, roles_required
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.registry.models import Organisation

ROSTER_STATUSES = (CaseStatus.QUALIFIED, CaseStatus.ACTIVE)
# The buttons of a booking, in this order, each shown when the booking may move to its status.
BOOKING_ACTIONS = [
    (BookingStatus.CONFIRMED, gettext_lazy("Confirm"), "button-small"),
    (BookingStatus.COMPLETED, gettext_lazy("Mark completed"), "button-small"),
    (BookingStatus.CANCELLED, gettext_lazy("Cancel booking"), "button-small button-secondary"),
]


def _visible_case(request: HttpRequest, case_pk: int, roles: tuple[str, ...] = ()) -> Case:
    """The case in the user's scope (404 otherwise); with ``roles``, 403 unless the user acts in its KIS/CIS."""
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("participant", "organisation"), pk=case_pk
    )
    if roles and not may_act(request.user, case.organisation_id, roles):
        raise PermissionDenied
    return case


def _holder_or_choice(request: HttpRequest, title: str) -> Organisation | HttpResponse:
    """The KIS/CIS the user manages (the only one, or the one chosen), or the page to choose it."""
    holders = managed_holders(request.user)
    if holders.count() == 1:
        return holders.get()
    chooser = HolderChoiceForm(request.GET or None, user=request.user)
    if chooser.is_valid():
        organisation: Organisation = chooser.cleaned_data["organisation"]
        return organisation
    return render(request, "catalogue/holder_choice.html", {"form": chooser, "title": title})


def _post_action(
    request: HttpRequest, act: Callable[[], Any], success: Callable[[Any], str], back: str
) -> HttpResponse:
    """A one-button action: run the service, say what happened (or why not) and go back."""
    try:
        result = act()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success(result))
    return redirect(back)


def _detail_url(name: str) -> Callable[[Any], str]:
    return lambda obj: reverse(name, args=[obj.pk])


# --- service catalogue -------------------------------------------------------------------------


class ServiceListView(LoginRequiredMixin, FilteredListView):
    """The catalogues the user may see (own KIS/CIS, services their organisation provides)."""

    template_name = "catalogue/service_list.html"
    partial_template_name = "catalogue/_service_results.html"
    filterset_class = ServiceFilter
    export_filename = "katalog-uslug"
    export_columns = [
        (gettext_lazy("Name"), lambda s: s.name),
        (gettext_lazy("KIS/CIS"), lambda s: s.organisation.name),
        (gettext_lazy("Type"), lambda s: s.get_service_type_display()),
        (gettext_lazy("Dimension"), lambda s: s.get_dimension_display()),
        (gettext_lazy("Area"), lambda s: s.get_area_display()),
        (gettext_lazy("Form"), lambda s: s.get_form_display()),
        (gettext_lazy("Individual or group"), lambda s: s.get_mode_display()),
        (gettext_lazy("Provider"), lambda s: s.provider.name),
        (gettext_lazy("Active"), lambda s: s.is_active),
    ]

    def get_base_queryset(self) -> QuerySet[Service]:
        return Service.objects.visible_to(self.request.user).select_related("organisation", "provider")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_add"] = managed_holders(self.request.user).exists()
        return context


service_list = ServiceListView.as_view()


@login_required
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.visible_to(request.user).select_related("organisation", "provider"), pk=pk
    )
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": service,
            "can_edit": may_act(request.user, service.organisation_id, CATALOGUE_MANAGERS),
            "bookings_count": service.bookings.count(),
        },
    )


@roles_required(Role.ENTITY_MANAGER, Role.SYSTEM_ADMIN)
@require_http_methods(["GET", "POST"])
def service_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a service to the catalogue of the KIS/CIS the user manages, or edit one (``pk``)."""
    service = None
    if pk is None:
        organisation = _holder_or_choice(request, _("Add a service"))
        if isinstance(organisation, HttpResponse):
            return organisation
    else:
        service = get_object_or_404(Service.objects.visible_to(request.user).select_related("organisation"), pk=pk)
        if not may_act(request.user, service.organisation_id, CATALOGUE_MANAGERS):
            raise PermissionDenied
        organisation = service.organisation

    def save(data: dict[str, Any]) -> Service:
        if service is None:
            return services.do_create_service(organisation, data, actor=request.user)
        return services.do_update_service(service, data, actor=request.user)

    return form_page(
        request,
        ServiceForm(request.POST or None, instance=service, organisation=organisation),
        save,
        title=_("Edit service") if service else _("Add a service"),
        lead=organisation.name,
        back_url=_detail_url("catalogue:service_detail")(service) if service else reverse("catalogue:service_list"),
        success=_("The changes were saved.") if service else _("The service was added to the catalogue."),
        success_url=_detail_url("catalogue:service_detail"),
    )


# --- partner offers ------------------------------------------------------------------------------


class OfferListView(LoginRequiredMixin, FilteredListView):
    """Offers made to the user's KIS/CIS, or published by their partner organisation."""

    template_name = "catalogue/offer_list.html"
    partial_template_name = "catalogue/_offer_results.html"
    filterset_class = OfferFilter
    mine = False
    export_filename = "oferty-partnerow"
    export_columns = [
        (gettext_lazy("Title"), lambda o: o.title),
        (gettext_lazy("Partner organisation"), lambda o: o.organisation.name),
        (gettext_lazy("Offered to"), lambda o: o.holder.name),
        (gettext_lazy("What is offered"), lambda o: o.get_kind_display()),
        (gettext_lazy("Area"), lambda o: o.get_area_display()),
        (gettext_lazy("Capacity"), lambda o: o.capacity),
        (gettext_lazy("Booked places"), lambda o: o.booked_places),
        (gettext_lazy("Available from"), lambda o: o.available_from),
        (gettext_lazy("Available to"), lambda o: o.available_to),
    ]

    def get_base_queryset(self) -> QuerySet[Offer]:
        qs = Offer.objects.visible_to(self.request.user)
        if self.mine:
            qs = qs.filter(organisation_id__in=partner_ids(self.request.user))
        return (
            qs.select_related("organisation", "holder").with_booking_counts().order_by("-available_from", "title", "id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["mine"] = self.mine
        context["may_publish"] = bool(partner_ids(self.request.user))
        return context


class MyOffersView(RolesRequiredMixin, OfferListView):
    required_roles = (Role.PARTNER_REPRESENTATIVE,)
    mine = True
    export_filename = "moje-oferty"


offer_list = OfferListView.as_view()
my_offers = MyOffersView.as_view()


@login_required
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(
        Offer.objects.visible_to(request.user).select_related("organisation", "holder").with_booking_counts(), pk=pk
    )
    by_status = dict(offer.bookings.values_list("status").annotate(n=Count("id")).order_by())
    return render(
        request,
        "catalogue/offer_detail.html",
        {
            "offer": offer,
            "status_counts": [(label, by_status.get(value, 0)) for value, label in BookingStatus.choices],
            "free_places": max(offer.capacity - offer.booked_places, 0),  # type: ignore[attr-defined]  # annotated by with_booking_counts()
            "can_edit": may_act(request.user, offer.organisation_id, PARTNER_ROLES),
        },
    )


@roles_required(Role.PARTNER_REPRESENTATIVE, Role.SYSTEM_ADMIN)
@require_http_methods(["GET", "POST"])
def offer_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Publish an offer of the user's partner organisation, or edit one (``pk``)."""
    offer = None
    if pk is None:
        organisation = Organisation.objects.filter(pk__in=partner_ids(request.user)).order_by("name").first()
        if organisation is None:
            raise PermissionDenied
    else:
        offer = get_object_or_404(Offer.objects.visible_to(request.user).select_related("organisation"), pk=pk)
        if not may_act(request.user, offer.organisation_id, PARTNER_ROLES):
            raise PermissionDenied
        organisation = offer.organisation

    def save(data: dict[str, Any]) -> Offer:
        if offer is None:
            return services.do_create_offer(organisation, data, actor=request.user)
        return services.do_update_offer(offer, data, actor=request.user)

    return form_page(
        request,
        OfferForm(request.POST or None, instance=offer, user=request.user),
        save,
        title=_("Edit offer") if offer else _("Publish an offer"),
        lead=organisation.name,
        back_url=reverse("catalogue:my_offers"),
        success=_("The changes were saved.") if offer else _("The offer was published."),
        success_url=_detail_url("catalogue:offer_detail"),
    )


# --- the participant's services tab ----------------------------------------------------------------


@login_required
@audit_read("services")
def case_services(request: HttpRequest, case_pk: int) -> HttpResponse:
    """Tab of the participant page: bookings, attendance, new-profile coverage, support instruments.

    Roles required: the holder's staff (``HOLDER_ROLES``). The case is looked up in the user's scope
    first, so a case the user cannot see answers 404 whatever their role; 403 only after that.
    """
    case = _visible_case(request, case_pk)
    if not scope_for(request.user).has_any_role(HOLDER_ROLES):
        raise PermissionDenied
    attendance = list(
        Attendance.objects.filter(case=case).select_related("activity__edition").order_by("-activity__date")
    )
    months = services.certificate_months(case)
    certificate = Certificate.objects.filter(case=case).select_related("case__organisation__seat").first()
    instruments = list(SupportInstrument.objects.filter(case=case))
    return TemplateResponse(
        request,
        "catalogue/case_services.html",
        {
            "object": case,
            "case": case,
            "bookings": Booking.objects.filter(case=case).select_related("service", "offer__organisation"),
            "attendance": attendance,
            "attendance_summary": {
                s.label: sum(1 for a in attendance if a.status == s.value) for s in AttendanceStatus
            },
            "coverage": coverage_for_case(case),
            "instruments": instruments,
            "instruments_cost": sum((i.cost for i in instruments), Decimal(0)),
            "months_attended": months,
            "months_required": rules.CERTIFICATE_MONTHS,
            "certificate": certificate,
            "certificate_content": certificate_content(certificate) if certificate else None,
            "certificate_problem": services.six_months_missing(case, timezone.localdate()) if not case.is_cis else None,
            "may_book": may_act(request.user, case.organisation_id, CASE_WORKERS),
            "may_certify": may_act(request.user, case.organisation_id, CATALOGUE_MANAGERS),
            "booking_actions": BOOKING_ACTIONS,
        },
    )


def _case_page(
    request: HttpRequest, case_pk: int, form: Callable[[Case], BaseForm], create: Callable[..., Any], **page: Any
) -> HttpResponse:
    """A form adding something to the participant's plan (the case manager's), back to the services tab."""
    case = _visible_case(request, case_pk, CASE_WORKERS)
    return form_page(
        request,
        form(case),
        lambda data: create(case, data, actor=request.user),
        lead=str(case.participant),
        back_url=reverse("catalogue:case_services", args=[case.pk]),
        **page,
    )


@roles_required(Role.ENTITY_MANAGER, Role.CASE_MANAGER)
@require_http_methods(["GET", "POST"])
def booking_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    return _case_page(
        request,
        case_pk,
        lambda case: BookingForm(request.POST or None, case=case),
        services.do_create_booking,
        title=_("Book a service or offer"),
        submit_label=_("Book"),
        success=_("The booking was added to the participant's plan."),
    )


@roles_required(Role.ENTITY_MANAGER, Role.CASE_MANAGER)
@require_POST
def booking_status(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.visible_to(request.user), pk=pk)
    return _post_action(
        request,
        lambda: services.do_change_booking_status(booking, request.POST.get("status", ""), actor=request.user),
        lambda _booking: _("The booking status was changed."),
        reverse("catalogue:case_services", args=[booking.case_id]),
    )


@roles_required(Role.ENTITY_MANAGER, Role.CASE_MANAGER)
@require_http_methods(["GET", "POST"])
def instrument_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    return _case_page(
        request,
        case_pk,
        lambda case: InstrumentForm(request.POST or None),
        services.do_create_support_instrument,
        title=_("Record a support instrument"),
        success=_("The support instrument was recorded."),
    )


@roles_required(Role.ENTITY_MANAGER)
@require_POST
def certificate_issue(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _visible_case(request, case_pk)
    return _post_action(
        request,
        lambda: services.do_issue_certificate(case, actor=request.user),
        lambda certificate: _("Certificate %(number)s was issued.") % {"number": certificate.number},
        reverse("catalogue:case_services", args=[case.pk]),
    )


# --- editions, activities and attendance ---------------------------------------------------------


class EditionListView(RolesRequiredMixin, FilteredListView):
    required_roles = HOLDER_ROLES
    template_name = "catalogue/edition_list.html"
    partial_template_name = "catalogue/_edition_results.html"
    filterset_class = EditionFilter

    def get_base_queryset(self) -> QuerySet[Edition]:
        return (
            Edition.objects.visible_to(self.request.user)
            .select_related("organisation")
            .annotate(activities_count=Count("activities"), hours=Sum("activities__hours", default=Decimal(0)))
            .order_by("-starts_on", "id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_add"] = managed_holders(self.request.user).exists()
        return context


edition_list = EditionListView.as_view()


@roles_required(*HOLDER_ROLES)
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The edition with the 40 h/month table (shortfalls flagged) and the 3-month check."""
    edition = get_object_or_404(Edition.objects.visible_to(request.user).select_related("organisation"), pk=pk)
    checks = edition.monthly_checks()
    today = timezone.localdate()
    upcoming = {c.month for c in checks if c.first_day > today}
    return render(
        request,
        "catalogue/edition_detail.html",
        {
            "edition": edition,
            "checks": checks,
            "shortfalls": [c for c in checks if not c.meets and c.month not in upcoming],
            "upcoming": upcoming,
            "monthly_hours": rules.MONTHLY_HOURS,
            "activities": edition.activities.order_by("-date", "id")[:20],
            "activities_count": edition.activities.count(),
            "may_add_activity": may_act(request.user, edition.organisation_id, CLASS_STAFF),
        },
    )


@roles_required(Role.ENTITY_MANAGER, Role.SYSTEM_ADMIN)
@require_http_methods(["GET", "POST"])
def edition_create(request: HttpRequest) -> HttpResponse:
    organisation = _holder_or_choice(request, _("New programme edition"))
    if isinstance(organisation, HttpResponse):
        return organisation
    return form_page(
        request,
        EditionForm(request.POST or None),
        lambda data: services.do_create_edition(organisation, data, actor=request.user),
        title=_("New programme edition"),
        lead=organisation.name,
        back_url=reverse("catalogue:edition_list"),
        success=_("The programme edition was created."),
        success_url=_detail_url("catalogue:edition_detail"),
    )


class ActivityListView(RolesRequiredMixin, FilteredListView):
    required_roles = HOLDER_ROLES
    template_name = "catalogue/activity_list.html"
    partial_template_name = "catalogue/_activity_results.html"
    filterset_class = ActivityFilter
    export_filename = "dziennik-zajec"
    export_columns = [
        (gettext_lazy("Date"), lambda a: a.date),
        (gettext_lazy("Topic"), lambda a: a.topic),
        (gettext_lazy("Teaching hours"), lambda a: float(a.hours)),
        (gettext_lazy("Individual or group"), lambda a: a.get_mode_display()),
        (gettext_lazy("Leader"), lambda a: a.leader),
        (gettext_lazy("Programme edition"), lambda a: a.edition.name),
        (gettext_lazy("Present"), lambda a: a.present_count),
    ]

    def get_base_queryset(self) -> QuerySet[Activity]:
        return (
            Activity.objects.visible_to(self.request.user)
            .select_related("edition")
            .annotate(present_count=Count("attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT)))
            .order_by("-date", "id")
        )


activity_list = ActivityListView.as_view()


@roles_required(*CLASS_STAFF)
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, edition_pk: int) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.visible_to(request.user), pk=edition_pk)
    if not may_act(request.user, edition.organisation_id, CLASS_STAFF):
        raise PermissionDenied
    return form_page(
        request,
        ActivityForm(request.POST or None, edition=edition),
        lambda data: services.do_create_activity(edition, dict(data), actor=request.user),
        title=_("Record a class"),
        lead=edition.name,
        submit_label=_("Save and take attendance"),
        back_url=reverse("catalogue:edition_detail", args=[edition.pk]),
        success=_("The class was recorded; now take the attendance."),
        success_url=lambda activity: reverse("catalogue:quick_attendance", args=[activity.pk]),
    )


def _roster(request: HttpRequest, activity: Activity) -> list[Case]:
    """Cases on the attendance list: the holder's qualified/active cases and anyone already marked."""
    marked = Attendance.objects.filter(activity=activity).values("case_id")
    return list(
        Case.objects.visible_to(request.user)
        .filter(organisation_id=activity.edition.organisation_id)
        .filter(Q(status__in=ROSTER_STATUSES) | Q(pk__in=marked))
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "id")
    )


@roles_required(*HOLDER_ROLES)
@audit_read("attendance")
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("edition__organisation", "service"), pk=pk
    )
    attendance = (
        Attendance.objects.visible_to(request.user)
        .filter(activity=activity)
        .select_related("case__participant")
        .order_by("case__participant__last_name", "case__participant__first_name")
    )
    return TemplateResponse(
        request,
        "catalogue/activity_detail.html",
        {
            "object": activity,
            "activity": activity,
            "attendance": attendance,
            "may_take": may_act(request.user, activity.edition.organisation_id, CLASS_STAFF),
        },
    )


@roles_required(*CLASS_STAFF)
@require_http_methods(["GET", "POST"])
def quick_attendance(request: HttpRequest, activity_pk: int) -> HttpResponse:
    """Tick the participants present and save in one go (htmx: the list is swapped in place)."""
    activity = get_object_or_404(Activity.objects.visible_to(request.user).select_related("edition"), pk=activity_pk)
    if not may_act(request.user, activity.edition.organisation_id, CLASS_STAFF):
        raise PermissionDenied
    roster = _roster(request, activity)
    current = dict(Attendance.objects.filter(activity=activity).values_list("case_id", "status"))
    saved = False
    error = ""
    if request.method == "POST":
        present = set(request.POST.getlist("present"))
        excused = set(request.POST.getlist("excused"))
        statuses = {}
        for case in roster:
            key = str(case.pk)
            if key in present:
                statuses[case] = AttendanceStatus.PRESENT
            elif key in excused:
                statuses[case] = AttendanceStatus.EXCUSED
            else:
                statuses[case] = AttendanceStatus.ABSENT
        try:
            services.do_record_attendance(activity, statuses, actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            current = {case.pk: status for case, status in statuses.items()}
            saved = True
            if not getattr(request, "htmx", False):
                messages.success(request, _("The attendance list was saved."))
                return redirect("catalogue:activity_detail", pk=activity.pk)
    record_view_read(request, activity, "attendance")
    context = {
        "activity": activity,
        "roster": [(case, current.get(case.pk, "")) for case in roster],
        "statuses": AttendanceStatus,
        "saved": saved,
        "error": error,
        "held": activity.date <= timezone.localdate(),
    }
    template = (
        "catalogue/_quick_attendance_form.html"
        if getattr(request, "htmx", False)
        else "catalogue/quick_attendance.html"
    )
    return render(request, template, context, status=400 if error else 200)


# --- coverage of the new service profile and support instrument totals --------------------------


@roles_required(*HOLDER_ROLES)
def coverage(request: HttpRequest) -> HttpResponse:
    """Participant × the four new-profile sectors, counts per sector, for the user's KIS/CIS."""
    cases = list(
        Case.objects.visible_to(request.user)
        .filter(status__in=ROSTER_STATUSES)
        .select_related("participant", "organisation")
        .order_by("organisation__name", "participant__last_name", "participant__first_name", "id")
    )
    counts = coverage_counts(c.pk for c in cases)
    rows = []
    totals = dict.fromkeys(NEW_PROFILE_AREAS, 0)
    covered = dict.fromkeys(NEW_PROFILE_AREAS, 0)
    complete = 0
    for case in cases:
        cov = counts.get(case.pk)
        cells = [cov.counts.get(area, 0) if cov else 0 for area in NEW_PROFILE_AREAS]
        for area, n in zip(NEW_PROFILE_AREAS, cells, strict=True):
            totals[area] += n
            covered[area] += 1 if n else 0
        complete += all(cells)
        rows.append((case, cells, sum(1 for n in cells if not n)))
    organisations = {c.organisation for c in cases}
    for organisation in organisations:
        record_view_read(request, organisation, "coverage")
    return render(
        request,
        "catalogue/coverage.html",
        {
            "areas": [ServiceArea(a).label for a in NEW_PROFILE_AREAS],
            "rows": rows,
            "totals": [totals[a] for a in NEW_PROFILE_AREAS],
            "covered": [covered[a] for a in NEW_PROFILE_AREAS],
            "complete": complete,
        },
    )


@roles_required(*HOLDER_ROLES)
def instrument_totals(request: HttpRequest) -> HttpResponse:
    """Totals of support instruments per KIS/CIS and kind: how many, how much they cost (no names)."""
    rows = (
        SupportInstrument.objects.visible_to(request.user)
        .values(organisation_name=F("case__organisation__name"), kind_value=F("kind"), barrier_value=F("barrier"))
        .annotate(n=Count("id"), participants=Count("case__participant", distinct=True), total=Sum("cost"))
        .order_by("organisation_name", "barrier_value", "kind_value")
    )
    labels = dict(InstrumentKind.choices)
    table = [{**r, "kind_label": labels.get(r["kind_value"], r["kind_value"])} for r in rows]
    grand = sum((r["total"] or Decimal(0) for r in table), Decimal(0))
    return render(request, "catalogue/instrument_totals.html", {"rows": table, "grand_total": grand})
