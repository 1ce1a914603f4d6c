"""KSR: the information system of the National Reintegration Network (Krajowa Sieć Reintegracji)."""
