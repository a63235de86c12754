"""A deterministic force-directed layout for the actor network (Fruchterman-Reingold).

Nodes start on a circle in the order given and move for a fixed number of rounds, so the
same graph always gets the same coordinates (rounded, so that they print identically).
"""

from __future__ import annotations

import math


def spring_layout(count: int, edges: list[tuple[int, int, float]], rounds: int = 120
                  ) -> list[tuple[float, float]]:
    """Positions in [-1, 1]² for ``count`` nodes joined by weighted ``edges`` (i, j, w)."""
    if count == 0:
        return []
    if count == 1:
        return [(0.0, 0.0)]
    xs = [math.cos(2 * math.pi * i / count) for i in range(count)]
    ys = [math.sin(2 * math.pi * i / count) for i in range(count)]
    k = math.sqrt(4.0 / count)
    temperature = 0.1
    for _ in range(rounds):
        dx = [0.0] * count
        dy = [0.0] * count
        for i in range(count):
            for j in range(i + 1, count):
                ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
                distance = max(math.hypot(ddx, ddy), 1e-6)
                force = k * k / distance
                dx[i] += ddx / distance * force
                dy[i] += ddy / distance * force
                dx[j] -= ddx / distance * force
                dy[j] -= ddy / distance * force
        for i, j, weight in edges:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            distance = max(math.hypot(ddx, ddy), 1e-6)
            force = distance * distance / k * min(weight, 5.0)
            dx[i] -= ddx / distance * force
            dy[i] -= ddy / distance * force
            dx[j] += ddx / distance * force
            dy[j] += ddy / distance * force
        for i in range(count):
            length = max(math.hypot(dx[i], dy[i]), 1e-9)
            step = min(length, temperature)
            xs[i] += dx[i] / length * step
            ys[i] += dy[i] / length * step
        temperature *= 0.97
    scale = max(max(abs(v) for v in xs), max(abs(v) for v in ys), 1e-9)
    return [(round(x / scale, 4), round(y / scale, 4)) for x, y in zip(xs, ys, strict=True)]
