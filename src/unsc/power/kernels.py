"""Compiled loops (Numba) for Shapley-Shubik in weighted games.

The table R[s, k] (coalitions of size s and weight k, as a share of all size-s coalitions)
takes n * n/2 * q updates. Done one player at a time it streams the whole table through
memory n times; here a *wavefront* applies a block of players per sweep: rows are visited in
order and each row passes through the block's players while it is in cache, each player
keeping the previous row it saw in a small buffer. Memory traffic falls by the block size.

Two tables are built: float64 shares (stable: every update is a convex combination) and exact
counts modulo a prime below 2**63 (for exact values by the Chinese remainder theorem).
Players are sorted by weight, so a row's nonzero part is bounded by the sum of the heaviest
players seen so far.
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
UIntArray = npt.NDArray[np.uint64]

#: Players per wavefront sweep.
BLOCK = 32
#: Distinct weights deconvolved together (each keeps two rows).
WEIGHTS_PER_PASS = 8


@numba.njit(cache=True, nogil=True)
def size_table_float(weights: IntArray, rows: int, length: int) -> FloatArray:  # pragma: no cover
    """R[s, k] for s < rows, k < length; ``weights`` sorted ascending, all positive."""
    n = len(weights)
    table = np.zeros((rows, length))
    table[0, 0] = 1.0
    csum = np.zeros(n + 1, dtype=np.int64)
    for j in range(n):
        csum[j + 1] = csum[j] + weights[j]
    buf = np.zeros((BLOCK + 2, length))
    last = np.zeros(BLOCK, dtype=np.int64)
    for j0 in range(0, n, BLOCK):
        nb = min(BLOCK, n - j0)
        end = j0 + nb
        top = min(rows - 1, end)
        buf[:, :] = 0.0
        for b in range(nb):
            buf[b, 0] = 1.0
            last[b] = b
        cur = nb
        spare = nb + 1
        for s in range(1, top + 1):
            hi = min(length, csum[end] - csum[end - s] + 1)
            row = buf[cur]
            row[:hi] = table[s, :hi]
            # nothing of size s weighs less than the s lightest players together; a buffer
            # written now last held row s - 2 or s - 1, so only [lo(s - 2), lo(s)) is stale
            lo = min(csum[s], hi)
            stale = min(csum[max(s - 2, 0)], lo)
            for b in range(nb):
                done = j0 + b + 1
                w = weights[j0 + b]
                lid = last[b]
                _step_float(
                    buf[spare],
                    row,
                    buf[lid],
                    w,
                    lo,
                    stale,
                    hi,
                    (done - s) / done,
                    s / done,
                    s <= done,
                )
                last[b] = cur
                cur = spare
                spare = lid
                row = buf[cur]
            table[s, :hi] = row[:hi]
    return table


@numba.njit(cache=True, nogil=True, inline="always")
def _step_float(
    out: FloatArray,
    row: FloatArray,
    prev: FloatArray,
    w: int,
    lo: int,
    stale: int,
    hi: int,
    keep: float,
    take: float,
    active: bool,
) -> None:  # pragma: no cover
    """out = keep * row + take * (prev shifted by w) on [lo, hi); zero on [stale, lo)."""
    if not active:
        out[:hi] = row[:hi]
        return
    out[stale:lo] = 0.0
    low = min(max(w, lo), hi)
    for k in range(lo, low):
        out[k] = keep * row[k]
    # sliced views with zero-based loops: Numba then knows no index is negative and
    # vectorises (indexing prev[k - w] directly runs about four times slower)
    dst = out[low:hi]
    src = row[low:hi]
    shifted = prev[low - w : hi - w]
    for k in range(hi - low):
        dst[k] = keep * src[k] + take * shifted[k]


@numba.njit(cache=True, nogil=True)
def shapley_float(
    table: FloatArray, weights: IntArray, total: int, quota: int, distinct: IntArray
) -> FloatArray:  # pragma: no cover
    """Shapley-Shubik value per distinct weight from the size table.

    U[s, k] (the others' share) solves R[s, k] = (n - s)/n U[s, k] + s/n U[s - 1, k - w],
    solved upwards in s for s <= (n - 1)/2 where the error factor s/(n - s) is below one;
    larger sizes come from complements, U[s, k] = U[n - 1 - s, total - w - k]. Two rows per
    weight are kept; weights are done in blocks so the table streams through memory once
    per block.
    """
    rows, length = table.shape
    n = len(weights)
    h = rows - 1
    csum = np.zeros(n + 1, dtype=np.int64)
    for j in range(n):
        csum[j + 1] = csum[j] + weights[j]
    out = np.zeros(len(distinct))
    for d0 in range(0, len(distinct), WEIGHTS_PER_PASS):
        nd = min(WEIGHTS_PER_PASS, len(distinct) - d0)
        u = np.zeros((nd, length))
        spare = np.zeros((nd, length))
        for i in range(nd):
            u[i, :] = table[0, :]
        acc = np.zeros(nd)
        for s in range(rows):
            hi = min(length, csum[n] - csum[max(n - s, 0)] + 1)
            if s > 0:
                grow = n / (n - s)
                back = s / n
                trow = table[s]
                lo = min(csum[s], hi)
                stale = min(csum[max(s - 2, 0)], lo)
                for i in range(nd):
                    _unstep_float(spare[i], trow, u[i], distinct[d0 + i], lo, stale, hi, grow, back)
                u, spare = spare, u
            for i in range(nd):
                w = distinct[d0 + i]
                ui = u[i]
                if s <= min(h, n - 1):
                    for k in range(max(0, quota - w), min(quota - 1, length - 1) + 1):
                        acc[i] += ui[k]
                if s < n - 1 - h:
                    hi2 = min(total - quota, total - w, length - 1)
                    for k in range(max(0, total - w - quota + 1), hi2 + 1):
                        acc[i] += ui[k]
        for i in range(nd):
            out[d0 + i] = acc[i] / n
    return out


@numba.njit(cache=True, nogil=True, inline="always")
def _unstep_float(
    out: FloatArray,
    trow: FloatArray,
    prev: FloatArray,
    w: int,
    lo: int,
    stale: int,
    hi: int,
    grow: float,
    back: float,
) -> None:  # pragma: no cover
    """out = (trow - back * (prev shifted by w)) * grow on [lo, hi); zero on [stale, lo).

    Below ``lo`` (the s lightest players' weight) the row is zero; above ``hi`` both buffers
    hold zeros, being last written for a lower row; [stale, lo) may hold row s - 2.
    """
    out[stale:lo] = 0.0
    low = min(max(w, lo), hi)
    for k in range(lo, low):
        out[k] = trow[k] * grow
    dst = out[low:hi]
    src = trow[low:hi]
    shifted = prev[low - w : hi - w]
    for k in range(hi - low):
        dst[k] = (src[k] - back * shifted[k]) * grow


@numba.njit(cache=True, nogil=True)
def size_table_mod(
    weights: IntArray, rows: int, length: int, prime: np.uint64
) -> UIntArray:  # pragma: no cover
    """P[s, k] mod ``prime`` (coalitions of size s and weight k), same wavefront."""
    n = len(weights)
    table = np.zeros((rows, length), dtype=np.uint64)
    table[0, 0] = 1
    csum = np.zeros(n + 1, dtype=np.int64)
    for j in range(n):
        csum[j + 1] = csum[j] + weights[j]
    buf = np.zeros((BLOCK + 2, length), dtype=np.uint64)
    last = np.zeros(BLOCK, dtype=np.int64)
    for j0 in range(0, n, BLOCK):
        nb = min(BLOCK, n - j0)
        end = j0 + nb
        top = min(rows - 1, end)
        buf[:, :] = 0
        for b in range(nb):
            buf[b, 0] = 1
            last[b] = b
        cur = nb
        spare = nb + 1
        for s in range(1, top + 1):
            hi = min(length, csum[end] - csum[end - s] + 1)
            row = buf[cur]
            row[:hi] = table[s, :hi]
            for b in range(nb):
                lid = last[b]
                _step_mod(buf[spare], row, buf[lid], weights[j0 + b], hi, prime)
                last[b] = cur
                cur = spare
                spare = lid
                row = buf[cur]
            table[s, :hi] = row[:hi]
    return table


@numba.njit(cache=True, nogil=True, inline="always")
def _step_mod(
    out: UIntArray, row: UIntArray, prev: UIntArray, w: int, hi: int, prime: np.uint64
) -> None:  # pragma: no cover
    """out = row + (prev shifted by w) mod prime, on [0, hi)."""
    low = min(w, hi)
    for k in range(low):
        out[k] = row[k]
    dst = out[low:hi]
    src = row[low:hi]
    shifted = prev[: hi - low]
    for k in range(hi - low):
        v = src[k] + shifted[k]
        dst[k] = v - prime if v >= prime else v


@numba.njit(cache=True, nogil=True)
def window_counts_mod(
    table: UIntArray,
    total: int,
    quota: int,
    distinct: IntArray,
    n: int,
    prime: np.uint64,
    bounds: IntArray,
) -> UIntArray:  # pragma: no cover
    """A[d, s] mod ``prime``: coalitions of the others (size s) whose weight lies in the
    swing window of a player of weight ``distinct[d]``; sizes above (n - 1)/2 by complement.

    Q[s, k] = P[s, k] - Q[s - 1, k - w] (the others' counts), row by row; row s is zero
    from ``bounds[s]`` on (the weight of the s heaviest players, plus one).
    """
    rows, length = table.shape
    h = rows - 1
    out = np.zeros((len(distinct), n), dtype=np.uint64)
    for d0 in range(0, len(distinct), WEIGHTS_PER_PASS):
        nd = min(WEIGHTS_PER_PASS, len(distinct) - d0)
        q = np.zeros((nd, length), dtype=np.uint64)
        spare = np.zeros((nd, length), dtype=np.uint64)
        for i in range(nd):
            q[i, :] = table[0, :]
        for s in range(rows):
            if s > 0:
                trow = table[s]
                for i in range(nd):
                    _unstep_mod(spare[i], trow, q[i], distinct[d0 + i], bounds[s], prime)
                q, spare = spare, q
            for i in range(nd):
                w = distinct[d0 + i]
                qi = q[i]
                if s <= min(h, n - 1):
                    acc = np.uint64(0)
                    for k in range(max(0, quota - w), min(quota - 1, length - 1) + 1):
                        acc += qi[k]
                        if acc >= prime:
                            acc -= prime
                    out[d0 + i, s] = acc
                if s < n - 1 - h:
                    acc = np.uint64(0)
                    hi2 = min(total - quota, total - w, length - 1)
                    for k in range(max(0, total - w - quota + 1), hi2 + 1):
                        acc += qi[k]
                        if acc >= prime:
                            acc -= prime
                    out[d0 + i, n - 1 - s] = acc
    return out


@numba.njit(cache=True, nogil=True, inline="always")
def _unstep_mod(
    out: UIntArray, trow: UIntArray, prev: UIntArray, w: int, hi: int, prime: np.uint64
) -> None:  # pragma: no cover
    """out = trow - (prev shifted by w) mod prime, on [0, hi)."""
    low = min(w, hi)
    for k in range(low):
        out[k] = trow[k]
    dst = out[low:hi]
    src = trow[low:hi]
    shifted = prev[: hi - low]
    for k in range(hi - low):
        a = src[k]
        b = shifted[k]
        dst[k] = a - b if a >= b else a + (prime - b)


@numba.njit(cache=True, nogil=True)
def weight_distribution(weights: IntArray, length: int) -> FloatArray:  # pragma: no cover
    """prod((1 + x**w) / 2) truncated to ``length`` coefficients: the probability that a
    random coalition weighs k (each player in with probability one half)."""
    p = np.zeros(length)
    q = np.zeros(length)
    p[0] = 1.0
    for w in weights:
        if w == 0:
            continue
        low = min(w, length)
        for k in range(low):
            q[k] = 0.5 * p[k]
        dst = q[low:]
        src = p[low:]
        shifted = p[: length - low]
        for k in range(length - low):
            dst[k] = 0.5 * (src[k] + shifted[k])
        p, q = q, p
    return p


@numba.njit(cache=True, nogil=True)
def alternating_sums(
    prefix: FloatArray, quota: int, distinct: IntArray
) -> FloatArray:  # pragma: no cover
    """Per weight w: sum_j (-1)**j (C[q - j w] - C[max(0, q - (j+1) w)])."""
    out = np.zeros(len(distinct))
    for i in range(len(distinct)):
        w = distinct[i]
        if w == 0:
            continue
        total = 0.0
        sign = 1.0
        hi = quota
        while hi > 0:
            lo = max(0, hi - w)
            total += sign * (prefix[hi] - prefix[lo])
            sign = -sign
            hi = lo
        out[i] = total
    return out
