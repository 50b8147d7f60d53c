"""Generating functions for weighted games [q; w1, ..., wn].

The number of coalitions of weight k is the coefficient of x**k in P(x) = prod(1 + x**w_i)
(Brams & Affuso 1976; Bilbao, Fernandez, Jimenez Losada & Lopez, "Generating functions for
computing power indices efficiently", TOP 8 (2000) 191-213). A player of weight w swings for
the coalitions of the others whose weight lies in [q - w, q - 1]; the others' polynomial is
P / (1 + x**w), so with the prefix sums C of P's coefficients

    swings(w) = sum_j (-1)**j * (C[q - j*w] - C[max(0, q - (j+1)*w)]),

one pass over ``q / w`` blocks per distinct weight, no division performed. Shapley-Shubik needs
the coalition size as well: P(x, y) = prod(1 + y * x**w_i), whose (s, k) coefficient counts
coalitions of s players and weight k.

Exact counts are big integers: the univariate product is a product tree of FLINT
``fmpz_poly`` (python-flint), truncated at the quota. The floating-point paths work on
probabilities (counts over 2**n, or per coalition size over comb(n, s)), so nothing overflows,
and every recurrence they run has coefficients of magnitude at most one (see
docs/power.md for the error analysis).
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import accumulate
from math import factorial, prod
from types import ModuleType

import numpy as np
import numpy.typing as npt
from flint import fmpz, fmpz_poly


def _kernels() -> ModuleType:
    """The compiled loops, imported on first use: Numba takes about half a second to load,
    which every ``unsc`` command would otherwise pay at start-up."""
    from unsc.power import kernels

    return kernels


FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def _alternating(prefix: list[int] | FloatArray, quota: int, weight: int) -> int | float:
    """``sum_j (-1)**j (C[q - j w] - C[q - (j+1) w])``: the others' weight in [q - w, q - 1]."""
    total: int | float = 0
    sign = 1
    hi = quota
    while hi > 0:
        lo = max(0, hi - weight)
        total += sign * (prefix[hi] - prefix[lo])
        sign = -sign
        hi = lo
    return total


def swings_float(weights: IntArray, quota: int) -> tuple[float, float, dict[int, float]]:
    """Shares of winning and of losing coalitions and, per distinct weight, the absolute
    Banzhaf index.

    The product runs on probabilities (each factor (1 + x**w) / 2), so nothing overflows; the
    alternating block sums have absolute error about 1e-16 since their terms add up to one.
    Both shares are sums of positive terms, never one minus the other: a coalition weighing at
    least q is the complement of one weighing at most total - q.
    """
    total = int(weights.sum())
    length = max(quota, total - quota + 1)
    p = _kernels().weight_distribution(weights.astype(np.int64), length)
    prefix = np.concatenate(([0.0], np.cumsum(p)))
    distinct = np.array(sorted(set(weights.tolist())), dtype=np.int64)
    sums = _kernels().alternating_sums(prefix, quota, distinct)
    out = {int(w): float(2.0 * v) for w, v in zip(distinct, sums, strict=True)}
    return float(prefix[total - quota + 1]), float(prefix[quota]), out


def _binomial_power(weight: int, times: int, length: int) -> fmpz_poly:
    """(1 + x**weight)**times, truncated to ``length`` coefficients."""
    coeffs = [0] * min(times * weight + 1, length)
    value = 1
    for k in range(times + 1):
        if k * weight >= length:
            break
        coeffs[k * weight] = value
        value = value * (times - k) // (k + 1)
    return fmpz_poly(coeffs)


def product_exact(weights: IntArray, length: int) -> fmpz_poly:
    """prod(1 + x**w) truncated to ``length`` coefficients, by a balanced product tree."""
    counts = Counter(weights.tolist())
    polys = [_binomial_power(w, m, length) for w, m in counts.items() if w > 0]
    polys.sort(key=lambda poly: poly.degree())
    zero = counts.get(0, 0)
    if not polys:
        return fmpz_poly([2**zero])
    while len(polys) > 1:
        paired = [polys[i].mul_low(polys[i + 1], length) for i in range(0, len(polys) - 1, 2)]
        if len(polys) % 2:
            paired.append(polys[-1])
        polys = paired
    return polys[0] * (2**zero) if zero else polys[0]


def swings_exact(weights: IntArray, quota: int) -> tuple[int, dict[int, int]]:
    """Winning coalitions and, per distinct weight, the swings of one player of that weight."""
    n = len(weights)
    poly = product_exact(weights, quota)
    coeffs = [int(c) for c in poly.coeffs()]
    coeffs += [0] * (quota - len(coeffs))
    prefix = [0, *accumulate(coeffs)]
    out: dict[int, int] = {}
    for w in set(weights.tolist()):
        out[w] = 0 if w == 0 else int(_alternating(prefix, quota, w))
    return 2**n - prefix[quota], out


# --- Shapley-Shubik -----------------------------------------------------------------------


def _shapley_setup(weights: IntArray, quota: int) -> tuple[IntArray, int, int, int, int]:
    """Positive weights sorted ascending, their count and total, table rows and length.

    Zero-weight players are null players and leave everyone else's value unchanged, so they
    are dropped. Rows run to (n - 1)/2 and columns to max(q, total - q + 1): sizes above half
    are read from complements.
    """
    active = np.sort(weights[weights > 0]).astype(np.int64)
    n = len(active)
    total = int(active.sum())
    rows = (n - 1) // 2 + 1
    length = max(quota, total - quota + 1)
    return active, n, total, rows, length


def shapley_float(weights: IntArray, quota: int) -> dict[int, float]:
    """Shapley-Shubik index per distinct weight, in float64 (zero-weight players get zero)."""
    active, n, total, rows, length = _shapley_setup(weights, quota)
    distinct = np.array(sorted(set(active.tolist())), dtype=np.int64)
    table = _kernels().size_table_float(active, rows, length)
    values = _kernels().shapley_float(table, active, total, quota, distinct)
    out = {int(w): float(v) for w, v in zip(distinct, values, strict=True)}
    out[0] = 0.0
    return out


def _primes(bits: int) -> list[int]:
    """Primes just below 2**63 whose product exceeds 2**bits (a sum of two residues still
    fits in 64 unsigned bits)."""
    found: list[int] = []
    candidate = (1 << 63) - 1
    product = 1
    while product <= 1 << bits:
        if fmpz(candidate).is_prime():
            found.append(candidate)
            product *= candidate
        candidate -= 2
    return found


def shapley_exact(weights: IntArray, quota: int) -> dict[int, Fraction]:
    """Shapley-Shubik index per distinct weight, exactly.

    The counts of the others' coalitions by size in each swing window are below 2**(n-1);
    they are computed modulo a few primes below 2**63 with the compiled wavefront and put
    together by the Chinese remainder theorem, then weighed by s!(n-1-s)!/n!.
    """
    active, n, total, rows, length = _shapley_setup(weights, quota)
    distinct = np.array(sorted(set(active.tolist())), dtype=np.int64)
    primes = _primes(max(n, 1))
    heaviest = np.concatenate(([0], np.cumsum(active[::-1])))[:rows]
    bounds = np.minimum(heaviest + 1, length).astype(np.int64)
    residues = []
    for prime in primes:
        table = _kernels().size_table_mod(active, rows, length, np.uint64(prime))
        residues.append(
            _kernels().window_counts_mod(table, total, quota, distinct, n, np.uint64(prime), bounds)
        )
    modulus = prod(primes)
    basis = [(modulus // p) * pow(modulus // p, -1, p) for p in primes]
    weight_of = [factorial(s) * factorial(n - 1 - s) for s in range(n)]
    out: dict[int, Fraction] = {0: Fraction(0)}
    for d, w in enumerate(distinct.tolist()):
        numerator = 0
        for s in range(n):
            count = sum(int(r[d, s]) * b for r, b in zip(residues, basis, strict=True)) % modulus
            numerator += weight_of[s] * count
        out[w] = Fraction(numerator, factorial(n))
    return out
