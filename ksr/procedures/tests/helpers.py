import datetime as dt

from ksr.networks.models import Network
from ksr.procedures import services
from ksr.procedures.models import ProcedureCard
from ksr.testing import unit


def lsr(cast):
    return Network.objects.create(name="LSR Warszawa", level="local", territory=unit("1465011"), main_node=cast.kis_waw)


def card(number):
    services.sync_cards()
    return ProcedureCard.objects.get(number=number)


def start(cast, number=1, actor=None, **kwargs):
    kwargs.setdefault("network", lsr(cast))
    return services.do_start_run(card(number), unit("1465011"), actor=actor or cast.animator, **kwargs)


def need(cast, actor=None, **kwargs):
    kwargs.setdefault("kind", "specialists")
    kwargs.setdefault("description", "Psycholog na zajęcia grupowe w KIS")
    kwargs.setdefault("needed_by", dt.date.today() + dt.timedelta(days=30))
    kwargs.setdefault("addressees", [cast.library_waw, cast.ops_waw])
    return services.do_create_need_request(cast.kis_waw, actor=actor or cast.kis_manager, **kwargs)
