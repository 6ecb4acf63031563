"""Draw the app icon (a sheet of minutes with a round seal) as app.png and a multi-size app.ico.

    python scripts/make_icon.py

A neutral mark on purpose: the national emblem is not the app's to use as an icon.
Drawn large and scaled down, so the small sizes are smooth.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SIZE = 1024
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]

PAPER, INK, RULE = (255, 255, 255, 255), (28, 59, 102, 255), (140, 156, 178, 255)
FOLD = (214, 223, 235, 255)
SEAL, SEAL_DARK, SEAL_LIGHT = (178, 34, 52, 255), (128, 20, 36, 255), (255, 236, 238, 255)


def draw_sheet(draw: ImageDraw.ImageDraw) -> None:
    left, top, right, bottom, fold = 170, 70, 790, 930, 170
    outline = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    draw.polygon(outline, fill=PAPER, outline=INK, width=36)
    draw.polygon(
        [(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD, outline=INK, width=30
    )
    # A heading and lines of text; short lines leave room for the seal.
    draw.rounded_rectangle((260, 210, 560, 262), radius=24, fill=INK)
    for row, width in enumerate((440, 440, 380, 260, 200)):
        y = 340 + row * 92
        draw.rounded_rectangle((260, y, 260 + width, y + 36), radius=18, fill=RULE)


def draw_seal(draw: ImageDraw.ImageDraw) -> None:
    cx, cy, radius = 690, 720, 190
    # Two ribbon tails under the seal.
    for direction in (-1, 1):
        x = cx + direction * 70
        draw.polygon(
            [
                (x - 55, cy + 60),
                (x + 55, cy + 60),
                (x + 55 + direction * 30, cy + 270),
                (x + direction * 20, cy + 225),
                (x - 55 + direction * 30, cy + 270),
            ],
            fill=SEAL_DARK,
        )
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=SEAL)
    inner = radius - 42
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=SEAL_LIGHT, width=18)
    # A tick inside: the minutes are approved.
    draw.line([(cx - 72, cy + 4), (cx - 18, cy + 62), (cx + 84, cy - 58)], fill=SEAL_LIGHT, width=40, joint="curve")


def draw_icon() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw_sheet(draw)
    draw_seal(draw)
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    icon = draw_icon()
    icon.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "app.png", optimize=True)
    icon.save(ICONS / "app.ico", sizes=ICO_SIZES)
    print(ICONS / "app.png", ICONS / "app.ico")


if __name__ == "__main__":
    main()
