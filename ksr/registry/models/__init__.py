from ksr.registry.models.organisation import Organisation, Sector
from ksr.registry.models.person import Person

__all__ = ["Organisation", "Person", "Sector"]
