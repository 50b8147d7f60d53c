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
from math import factorial

import numba
import numpy as np
import numpy.typing as npt
from flint import fmpz_poly

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Players rescaled by 2**-SCALE_EVERY at a time (an exact power of two) in the float product.
SCALE_EVERY = 32


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


def swings_float(weights: IntArray, quota: int) -> tuple[float, dict[int, float]]:
    """Share of winning coalitions and, per distinct weight, the absolute Banzhaf index."""
    p = np.zeros(quota, dtype=np.float64)
    p[0] = 1.0
    pending = 0
    for w in weights.tolist():
        if w == 0:
            p *= 2.0
        elif w < quota:
            p[w:] += p[:-w]
        pending += 1
        if pending == SCALE_EVERY:
            p *= 2.0**-SCALE_EVERY
            pending = 0
    p *= 2.0**-pending
    prefix = np.concatenate(([0.0], np.cumsum(p)))
    losing = float(prefix[-1])
    out: dict[int, float] = {}
    for w in set(weights.tolist()):
        if w == 0:
            out[w] = 0.0
            continue
        hi = np.arange(quota, 0, -w)
        lo = np.maximum(hi - w, 0)
        signs = np.where(np.arange(len(hi)) % 2 == 0, 1.0, -1.0)
        out[w] = float(2.0 * np.dot(signs, prefix[hi] - prefix[lo]))
    return 1.0 - losing, out


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


@numba.njit(cache=True)
def _size_table(weights: IntArray, rows: int, length: int) -> FloatArray:  # pragma: no cover
    """R[s, k]: share of the comb(J, s) coalitions of size s that weigh k (s <= rows - 1)."""
    table = np.zeros((rows, length))
    table[0, 0] = 1.0
    for done_less_one, w in enumerate(weights):
        done = done_less_one + 1
        top = min(done, rows - 1)
        for s in range(top, 0, -1):
            keep = (done - s) / done
            take = s / done
            row = table[s]
            prev = table[s - 1]
            for k in range(length - 1, w - 1, -1):
                row[k] = keep * row[k] + take * prev[k - w]
            for k in range(min(w, length)):
                row[k] = keep * row[k]
    return table


@numba.njit(cache=True)
def _shapley_from_table(
    table: FloatArray, n: int, total: int, quota: int, distinct: IntArray
) -> FloatArray:  # pragma: no cover
    """Shapley-Shubik value of one player per distinct weight, by stable deconvolution.

    U[s, k] (share of the others' size-s coalitions weighing k) solves
    R[s, k] = (n - s)/n U[s, k] + s/n U[s - 1, k - w]; solved upwards in s for s <= (n-1)/2,
    where the factor s/(n - s) that carries errors is below one. Larger sizes come from
    complements: U[s, k] = U[n - 1 - s, total - w - k].
    """
    rows, length = table.shape
    h = rows - 1
    out = np.zeros(len(distinct))
    u = np.empty((rows, length))
    for idx in range(len(distinct)):
        w = distinct[idx]
        u[0, :] = table[0, :]
        for s in range(1, rows):
            grow = n / (n - s)
            back = s / n
            for k in range(length):
                v = table[s, k]
                if k >= w:
                    v -= back * u[s - 1, k - w]
                u[s, k] = v * grow
        acc = 0.0
        lo = max(0, quota - w)
        hi = min(quota - 1, length - 1)
        for s in range(min(h, n - 1) + 1):
            for k in range(lo, hi + 1):
                acc += u[s, k]
        lo2 = max(0, total - w - quota + 1)
        hi2 = min(total - quota, total - w, length - 1)
        for t in range(n - 1 - h):
            for k in range(lo2, hi2 + 1):
                acc += u[t, k]
        out[idx] = acc / n
    return out


def _shapley_setup(weights: IntArray, quota: int) -> tuple[IntArray, int, int, int, int]:
    active = weights[weights > 0]
    n = len(active)
    total = int(active.sum())
    rows = (n - 1) // 2 + 1
    length = max(quota, total - quota + 1)
    return active, n, total, rows, length


def shapley_float(weights: IntArray, quota: int) -> dict[int, float]:
    """Shapley-Shubik index per distinct weight, in float64 (zero-weight players get zero)."""
    active, n, total, rows, length = _shapley_setup(weights, quota)
    distinct = np.array(sorted(set(active.tolist())), dtype=np.int64)
    table = _size_table(active, rows, length)
    values = _shapley_from_table(table, n, total, quota, distinct)
    out = {int(w): float(v) for w, v in zip(distinct, values, strict=True)}
    out[0] = 0.0
    return out


def shapley_exact(weights: IntArray, quota: int) -> dict[int, Fraction]:
    """Shapley-Shubik index per distinct weight, exactly (FLINT polynomials per coalition size)."""
    active, n, total, rows, length = _shapley_setup(weights, quota)
    layers = [fmpz_poly([1])] + [fmpz_poly([]) for _ in range(rows - 1)]
    for done_less_one, w in enumerate(active.tolist()):
        done = done_less_one + 1
        for s in range(min(done, rows - 1), 0, -1):
            if w < length:
                shifted = layers[s - 1].truncate(length - w).left_shift(w)
                layers[s] = layers[s] + shifted
    h = rows - 1
    weight_of = [factorial(s) * factorial(n - 1 - s) for s in range(n)]
    out: dict[int, Fraction] = {0: Fraction(0)}
    for w in sorted(set(active.tolist())):
        others = [layers[0]]
        for s in range(1, rows):
            shifted = others[s - 1].truncate(max(length - w, 0)).left_shift(w)
            others.append(layers[s] - shifted)
        numerator = 0
        lo, hi = max(0, quota - w), min(quota - 1, length - 1)
        for s in range(min(h, n - 1) + 1):
            numerator += weight_of[s] * _window(others[s], lo, hi)
        lo2, hi2 = max(0, total - w - quota + 1), min(total - quota, total - w, length - 1)
        for t in range(n - 1 - h):
            numerator += weight_of[n - 1 - t] * _window(others[t], lo2, hi2)
        out[w] = Fraction(numerator, factorial(n))
    return out


def _window(poly: fmpz_poly, lo: int, hi: int) -> int:
    """Sum of the coefficients of x**lo ... x**hi."""
    if hi < lo:
        return 0
    return int(poly.right_shift(lo).truncate(hi - lo + 1)(1))
