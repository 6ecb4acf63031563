"""Draws the neutral placeholder emblem shipped for offices that have not set their own.

A generic seal (rings, dots, a star), deliberately not any real coat of arms: the office's
own emblem, set in its profile, always replaces it. Run once; the PNG is committed.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 300
SCALE = 4  # drawn large and scaled down for smooth edges
INK = (40, 52, 72, 255)
TARGET = Path(__file__).resolve().parent.parent / "resources" / "icons" / "emblem-placeholder.png"


def star(cx: float, cy: float, outer: float, inner: float, points: int = 5) -> list[tuple[float, float]]:
    corners = []
    for i in range(points * 2):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / points
        corners.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return corners


def draw() -> Image.Image:
    big = SIZE * SCALE
    c = big / 2
    image = Image.new("RGBA", (big, big), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    r_out = big * 0.48
    pen.ellipse((c - r_out, c - r_out, c + r_out, c + r_out), outline=INK, width=int(big * 0.03))
    r_in = big * 0.36
    pen.ellipse((c - r_in, c - r_in, c + r_in, c + r_in), outline=INK, width=int(big * 0.012))
    ring = (r_out + r_in) / 2
    for i in range(24):
        angle = i * 2 * math.pi / 24
        x, y = c + ring * math.cos(angle), c + ring * math.sin(angle)
        dot = big * 0.014
        pen.ellipse((x - dot, y - dot, x + dot, y + dot), fill=INK)
    pen.polygon(star(c, c * 1.02, big * 0.26, big * 0.105), fill=INK)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    draw().save(TARGET, optimize=True)
    print(TARGET)
