"""Pages of the surveys app: thin — parse (form) → fetch (scoped) → one service → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ksr.core.access import LoginRequiredMixin, login_required, public
from ksr.core.exports import Column
from ksr.core.forms import add_service_errors
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.surveys import questionnaire as Q
from ksr.surveys import readiness as R
from ksr.surveys.choices import INTERVIEW_PART_LABELS, INTERVIEW_PARTS, ResponseChannel, WindowState
from ksr.surveys.filters import SurveyFilter
from ksr.surveys.forms import InterviewForm, QuestionnaireForm, SurveyForm
from ksr.surveys.models import Interview, Invitation, Survey
from ksr.surveys.querysets import may_read, may_write, read_prefixes
from ksr.surveys.reports import national_diagram_data, readiness_report_data
from ksr.surveys.services import (
    do_create_interview,
    do_create_survey,
    do_record_paper_response,
    do_send_survey_emails,
    do_submit_response,
    invitable_organisations,
)
from ksr.surveys.summary import summarise
from ksr.surveys.vmap import render_voivodeship_map
from ksr.territory.choices import UnitLevel
from ksr.territory.maps import map_legend
from ksr.territory.models import TerritorialUnit


def _require_reader(user: AnyUser) -> None:
    if not may_read(user):
        raise PermissionDenied


def _in_read_scope(user: AnyUser, code: str) -> bool:
    prefixes = read_prefixes(user)
    return prefixes is None or any(code.startswith(p) for p in prefixes)


EXPORT_COLUMNS: list[Column] = [
    (gettext_lazy("Title"), lambda s: s.title),
    (gettext_lazy("Gmina"), lambda s: s.gmina.name),
    (gettext_lazy("TERYT code"), lambda s: s.gmina.code),
    (gettext_lazy("Window opens on"), lambda s: s.starts_on),
    (gettext_lazy("Window closes on"), lambda s: s.ends_on),
    (gettext_lazy("Responses"), lambda s: s.response_count),
]


class SurveyListView(LoginRequiredMixin, FilteredListView):
    template_name = "surveys/survey_list.html"
    partial_template_name = "surveys/_survey_results.html"
    filterset_class = SurveyFilter
    export_columns = EXPORT_COLUMNS
    export_filename = "ankiety"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            _require_reader(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Survey]:
        return Survey.objects.visible_to(self.request.user).listed()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_create"] = may_write(self.request.user)
        return context


survey_list = SurveyListView.as_view()


def _detail_url(survey: Survey) -> str:
    return reverse("surveys:survey_detail", args=[survey.pk])


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    if not may_write(request.user):
        raise PermissionDenied
    return form_page(
        request,
        SurveyForm(request.POST or None, user=request.user),
        lambda data: do_create_survey(**data, actor=request.user),
        title=_("New survey"),
        back_url=reverse("surveys:survey_list"),
        success=_("The survey was created."),
        success_url=_detail_url,
        intro=_(
            "Every active institution with its seat or area of operation in the gmina is invited. "
            "Sektorowe usługi, zeszyt 2 recommends a window of one week."
        ),
        submit_label=_("Create the survey"),
    )


def _survey(request: HttpRequest, pk: int) -> Survey:
    _require_reader(request.user)
    return get_object_or_404(Survey.objects.visible_to(request.user).select_related("gmina"), pk=pk)


def answer_link(request: HttpRequest, token: str) -> str:
    """The absolute address of the questionnaire behind ``token`` (a survey's or an invitation's)."""
    return request.build_absolute_uri(reverse("surveys:answer", kwargs={"token": token}))


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "link": answer_link(request, survey.token),
            "answered_links": survey.invitations.filter(answered=True).count(),
            "invitations": survey.invitations.select_related("organisation").order_by("organisation__name"),
            "response_count": survey.responses.count(),
            "paper_count": survey.responses.filter(channel=ResponseChannel.PAPER).count(),
            "interviews": survey.interviews.select_related("institution"),
            "readiness": R.survey_readiness(survey),
            "min_responses": R.min_responses(),
            "may_edit": may_write(request.user, survey.gmina.code),
            "is_open": survey.is_open(),
        },
    )


@login_required
@require_POST
def survey_send(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        sent = do_send_survey_emails(survey, link_for=lambda token: answer_link(request, token), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Invitations sent: %(n)d.") % {"n": sent})
    return redirect("surveys:survey_detail", pk=survey.pk)


def _writable_survey(request: HttpRequest, pk: int) -> Survey:
    survey = _survey(request, pk)
    if not may_write(request.user, survey.gmina.code):
        raise PermissionDenied
    return survey


@login_required
@require_http_methods(["GET", "POST"])
def survey_paper(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _writable_survey(request, pk)
    return form_page(
        request,
        QuestionnaireForm(request.POST or None, lang=get_language()),
        lambda data: do_record_paper_response(survey, data, actor=request.user),
        title=_("Paper answer sheet"),
        back_url=_detail_url(survey),
        success=_("The paper answer sheet was recorded."),
        success_url=lambda response: reverse("surveys:survey_paper", args=[survey.pk]),
        template="surveys/paper_form.html",
        **_questionnaire_context(survey, paper=True),
    )


@login_required
def survey_summary(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    data = summarise(list(survey.responses.all()))
    questions = [
        {"code": code, "number": Q.BY_CODE[code].number, "text": Q.BY_CODE[code].text(), **data["yes_no"][code]}
        for code in Q.YES_NO_QUESTIONS
    ]
    return render(
        request,
        "surveys/survey_summary.html",
        {
            "survey": survey,
            "summary": data,
            "questions": questions,
            "lists": [(field, _field_label(field), items) for field, items in data["lists"].items()],
            "themes": [(field, _field_label(field), groups) for field, groups in data["themes"].items()],
        },
    )


def _field_label(field: str) -> str:
    """ "q4.items" → "Question 4: <the part's prompt or the question>"."""
    code, key = field.split(".")
    question = Q.BY_CODE[code]
    part = next((p for p in question.parts if p.key == key), None)
    prompt = (part.pl if Q._lang(None) == "pl" else part.en) if part else ""
    return _("Question %(n)d: %(text)s") % {"n": question.number, "text": prompt or question.text()}


def _questionnaire_context(survey: Survey, *, paper: bool) -> dict[str, Any]:
    lang = Q._lang(get_language())
    return {
        "survey": survey,
        "intro_title": Q.INTRO_TITLE[lang],
        "intro": Q.INTRO[lang],
        "signature": Q.SIGNATURE[lang],
        "paper": paper,
        "version": Q.VERSION,
    }


@public
@csrf_exempt  # anonymous and cookie-free by design: no CSRF cookie, no session; see the module doc of services
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The public, login-free questionnaire page. No cookie, no IP, no identity is stored."""
    response = _answer(request, token)
    # Anonymous by design: the page sets no cookie (not even the CSRF one; the view is CSRF-exempt).
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    return response


def _answer(request: HttpRequest, token: str) -> HttpResponse:
    """An institution's own link accepts one answer sheet; the survey's common link accepts answers
    only while nobody was invited personally (otherwise it would let anyone answer again and again)."""
    invitation = Invitation.objects.filter(token=token).select_related("survey__gmina").first()
    survey = invitation.survey if invitation else Survey.objects.filter(token=token).select_related("gmina").first()
    if survey is None:
        raise Http404
    if not survey.is_open():
        return render(
            request,
            "surveys/answer_closed.html",
            {"survey": survey},
            status=410 if survey.window_state() == WindowState.CLOSED else 403,
        )
    if invitation is None and survey.invitations.exists():
        return render(request, "surveys/answer_refused.html", {"survey": survey, "personal": True}, status=403)
    if invitation is not None and invitation.answered:
        return render(request, "surveys/answer_refused.html", {"survey": survey, "used": True}, status=410)
    form = QuestionnaireForm(request.POST or None, lang=get_language())
    if request.method == "POST" and form.is_valid():
        try:
            response = do_submit_response(survey, form.cleaned_data, invitation=invitation)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(request, "surveys/answer_thanks.html", {"survey": survey, "rows": _echo(response.answers)})
    return render(request, "surveys/answer.html", {"form": form, **_questionnaire_context(survey, paper=False)})


def _echo(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The respondent's own answers, shown once right after submitting (not retrievable later)."""
    rows = []
    labels = {Q.YES: _("YES"), Q.NO: _("NO")}
    for question in Q.QUESTIONS:
        entry = answers.get(question.code)
        values: list[str] = []
        if entry is None:
            values = [_("(skipped)")]
        else:
            for part in question.parts:
                value = entry.get(part.key)
                if part.kind == "choice" and value:
                    values.append(Q.category_label(value))
                elif part.kind == "yesno" and value:
                    values.append(str(labels.get(value, value)))
                elif isinstance(value, list):
                    values.extend(value)
                elif value:
                    values.append(value)
        rows.append({"code": question.code, "number": question.number, "text": question.text(), "values": values})
    return rows


def _record_interview(survey: Survey, form: InterviewForm, request: HttpRequest) -> Interview:
    data = form.cleaned_data
    interview = do_create_interview(
        gmina=survey.gmina,
        survey=survey,
        kind=data["kind"],
        held_on=data["held_on"],
        duration_minutes=data["duration_minutes"],
        moderator=data["moderator"],
        institution=data["institution"],
        participants=form.participant_roles(),
        rating=data["rating"],
        notes=form.notes(),
        actor=request.user,
    )
    for warning in interview.warnings():
        messages.warning(request, warning)
    return interview


@login_required
@require_http_methods(["GET", "POST"])
def interview_create(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _writable_survey(request, pk)
    form = InterviewForm(request.POST or None, organisations=invitable_organisations(survey.gmina))
    return form_page(
        request,
        form,
        lambda data: _record_interview(survey, form, request),
        title=_("Record an interview"),
        back_url=_detail_url(survey),
        success=_("The interview was recorded."),
        success_url=lambda interview: reverse("surveys:interview_detail", args=[interview.pk]),
        intro=_(
            "Gmina %(gmina)s. The scenario: introduction (10 min), part one (10 min), part two (10 min), "
            "part three (10 min), part four (15 min). Individual interviews (IDI) take 45–60 minutes with at "
            "least two persons per stakeholder (a manager and a substantive employee); group interviews (FGI) "
            "take 1–2 hours with 6–12 persons. Values outside these ranges are flagged, not refused."
        )
        % {"gmina": survey.gmina.name},
        submit_label=_("Record the interview"),
    )


def _parts() -> list[dict[str, Any]]:
    return [{"key": k, "label": INTERVIEW_PART_LABELS[k], "minutes": m, "seed": pl} for k, pl, m in INTERVIEW_PARTS]


@login_required
def interview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request.user)
    interview = get_object_or_404(
        Interview.objects.visible_to(request.user).select_related("gmina", "institution", "survey"), pk=pk
    )
    parts = [{**p, "notes": interview.notes.get(p["key"], "")} for p in _parts()]
    return render(
        request,
        "surveys/interview_detail.html",
        {"interview": interview, "parts": parts, "warnings": interview.warnings()},
    )


def _unit_read(request: HttpRequest, code: str, level: str) -> TerritorialUnit:
    """The unit of ``level`` with TERYT ``code`` if the user reads surveys there (else 404)."""
    _require_reader(request.user)
    unit = get_object_or_404(TerritorialUnit, code=code, level=level)
    if not _in_read_scope(request.user, unit.code):
        raise Http404
    return unit


@login_required
def readiness_gmina(request: HttpRequest, code: str) -> HttpResponse:
    gmina = _unit_read(request, code, UnitLevel.GMINA)
    surveys = list(Survey.objects.filter(gmina=gmina).order_by("starts_on", "pk").prefetch_related("responses"))
    changes = []
    for survey in surveys:
        if survey.repeat_of_id:
            before = next((s for s in surveys if s.pk == survey.repeat_of_id), None)
            if before is not None:
                changes.append({"before": before, "after": survey, "change": R.attitude_change(gmina, before, survey)})
    return render(
        request,
        "surveys/readiness_gmina.html",
        {
            "gmina": gmina,
            "readiness": R.gmina_readiness(gmina),
            "min_responses": R.min_responses(),
            "surveys": [(s, R.survey_readiness(s)) for s in surveys],
            "interviews": Interview.objects.filter(gmina=gmina).select_related("institution"),
            "changes": changes,
            "weights": R.WEIGHT_PERCENTS,
        },
    )


@login_required
def readiness_region(request: HttpRequest, code: str) -> HttpResponse:
    region = _unit_read(request, code, UnitLevel.VOIVODESHIP)
    return redirect(reverse("surveys:report") + f"?region={region.code}")


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """The readiness report: one region (``?region=14``) or the whole country."""
    _require_reader(request.user)
    prefixes = read_prefixes(request.user)
    region = request.GET.get("region") or None
    if prefixes is not None and region is None and len(prefixes) == 1:
        region = next(iter(prefixes))[:2]
    if region is not None and not _in_read_scope(request.user, region):
        raise Http404
    if region is None and prefixes is not None:
        raise PermissionDenied
    data = readiness_report_data(region)
    return render(
        request, "surveys/report.html", {"data": data, "weights": R.WEIGHT_PERCENTS, "national": region is None}
    )


@login_required
def diagram(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    rows = national_diagram_data()
    thresholds = (1, 3, 10, 30)
    maps = [
        (
            key,
            title,
            render_voivodeship_map(
                {r["code"]: int(r[key] or 0) for r in rows}, title=title, thresholds=thresholds, id_prefix=f"map-{key}"
            ),
        )
        for key, title in (
            ("ngo_potential", _("Potential of NGOs in education, culture, health and sport")),
            ("business_potential", _("Potential of local business (employers, social cooperatives)")),
            (
                "cooperation_share",
                _("Cross-sector cooperation: share of surveyed institutions with a partnership (per cent)"),
            ),
        )
    ]
    return render(
        request,
        "surveys/diagram.html",
        {"rows": rows, "maps": maps, "legend": map_legend(thresholds)},
    )
