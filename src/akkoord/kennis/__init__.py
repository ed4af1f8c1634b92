"""Kennis: example projects (cases), lessons, the register of barriers in rules and law,
cross-links between deals, and the Dutch search over everything. Above events, impact and
finance in the layers: it links their records and indexes them."""
