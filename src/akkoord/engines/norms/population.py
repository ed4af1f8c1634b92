"""Inhabitants per year and age from an area's programme of homes (a cohort model).

The homes of one dwelling type delivered in one year form a cohort. In its delivery year its
residents follow the type's age profile exactly; each following year they age one year (ages
above 100 stay at 100), and then, with the type's turnover *r*, the age distribution becomes
(1 − r) × aged + r × profile. A cohort's residents are homes × persons per home.

All cohorts of a type share profile and turnover, so the distribution *k* years after
delivery, ``D[k]``, is computed once per type, and the residents in year *y* are the
deliveries convolved with it: ``Σ_d homes[d] × persons × D[y − d]``, one vector operation per
cohort.

>>> from akkoord.engines.norms.contract import DwellingType, Delivery, Programme
>>> babies = tuple([1.0] + [0.0] * 100)  # everyone is 0 at delivery
>>> p = Programme(2030, 2032, (DwellingType("gezin", 2.0, 0.0, babies),), (Delivery(2030, "gezin", 10),))
>>> ages = residents(p)
>>> [float(ages[y].sum()) for y in range(3)], [int(ages[y].argmax()) for y in range(3)]
([20.0, 20.0, 20.0], [0, 1, 2])
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .contract import MAX_AGE, Programme

Array = npt.NDArray[np.float64]
AGES = MAX_AGE + 1


def after_delivery(profile: Array, turnover: float, years: int) -> Array:
    """``D[k]``: the age distribution (shares per age) of one home's residents k years on."""
    out = np.empty((years, AGES))
    current = profile.copy()
    for k in range(years):
        out[k] = current
        aged = np.empty(AGES)
        aged[0] = 0.0
        aged[1:] = current[:-1]
        aged[-1] += current[-1]  # ages above 100 stay at 100
        current = (1.0 - turnover) * aged + turnover * profile
    return out


def homes_per_year(programme: Programme) -> dict[str, Array]:
    """Homes delivered per year (index 0 = the start year), per dwelling type."""
    n = len(programme.years)
    out = {t.name: np.zeros(n) for t in programme.dwelling_types}
    for d in programme.deliveries:
        out[d.type][d.year - programme.start_year] += d.homes
    return out


def residents(programme: Programme) -> Array:
    """Residents per year (rows, from the start year) and age 0..100 (columns)."""
    n = len(programme.years)
    total = np.zeros((n, AGES))
    delivered = homes_per_year(programme)
    for t in programme.dwelling_types:
        homes = delivered[t.name]
        if not homes.any():
            continue
        shares = after_delivery(np.asarray(t.profile), t.turnover, n) * t.persons_per_home
        for d in np.flatnonzero(homes).tolist():  # one cohort: its residents from year d on
            total[d:] += homes[d] * shares[: n - d]
    return total
