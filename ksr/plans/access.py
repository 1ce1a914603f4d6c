"""Who writes a case's contracts, plan, diagnosis, card and outcomes (reads: ``querysets``).

- Contracts, the IPD, the diagnosis of potential and outcomes: the holder's KIS/CIS manager and
  the case's own case manager (who coordinates the IPD, Model KSR, II.4 „KIS zatrudnia case managerów”).
- The consulting services card: any of the holder's staff reading the case (manager, case
  manager, specialist), since psychologists, vocational advisers and family assistants record
  their opinions and notes in it (Model KSR, II.4 „KIS zatrudnia case managerów”).
Partners and everyone above the club do not even see the case (404).
"""

from __future__ import annotations

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.cases.models import Case
from ksr.cases.querysets import HOLDER_ROLES
from ksr.core.types import AnyUser


def may_edit_plans(user: AnyUser, case: Case) -> bool:
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if case.organisation_id in scope.organisations_for(Role.ENTITY_MANAGER):
        return True
    return case.organisation_id in scope.organisations_for(Role.CASE_MANAGER) and case.case_manager_id == user.pk


def may_write_card(user: AnyUser, case: Case) -> bool:
    scope = scope_for(user)
    return scope.authenticated and case.organisation_id in scope.organisations_for(*HOLDER_ROLES)
