"""Draw shareguard's icon: a blue shield holding a white document with a folded corner and a
check mark. Writes `agent/data/shareguard.svg` (the source) and `shareguard.png` (256 px, drawn
with Pillow from the same geometry) so alerts, menu entries and the console favicon share one
picture. Run `python scripts/make_icon.py` after changing the geometry; the files are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "agent" / "data"
BLUE, DARK, WHITE, GREEN = "#1f5fbf", "#163f80", "#ffffff", "#2e9e5b"
# geometry on a 64-unit square
SHIELD = [(32, 3), (57, 12), (57, 30), (54, 43), (45, 53), (32, 61), (19, 53), (10, 43), (7, 30),
          (7, 12)]  # fmt: skip
DOC = [(20, 15), (38, 15), (45, 22), (45, 47), (20, 47)]
FOLD = [(38, 15), (38, 22), (45, 22)]
CHECK = [(25, 32), (31, 38), (41, 26)]


def svg() -> str:
    def pts(p: list[tuple[int, int]]) -> str:
        return " ".join(f"{x},{y}" for x, y in p)

    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <title>shareguard</title>
  <polygon points="{pts(SHIELD)}" fill="{BLUE}" stroke="{DARK}" stroke-width="2"
    stroke-linejoin="round"/>
  <polygon points="{pts(DOC)}" fill="{WHITE}"/>
  <polygon points="{pts(FOLD)}" fill="#c9d8f0"/>
  <polyline points="{pts(CHECK)}" fill="none" stroke="{GREEN}" stroke-width="4"
    stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def png(size: int = 256) -> Image.Image:
    scale = 4  # draw large, then downsample for smooth edges
    k = size * scale / 64
    img = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def sc(p: list[tuple[int, int]]) -> list[tuple[float, float]]:
        return [(x * k, y * k) for x, y in p]

    d.polygon(sc(SHIELD), fill=BLUE, outline=DARK, width=round(2 * k))
    d.polygon(sc(DOC), fill=WHITE)
    d.polygon(sc(FOLD), fill="#c9d8f0")
    d.line(sc(CHECK), fill=GREEN, width=round(4 * k), joint="curve")
    for x, y in sc([CHECK[0], CHECK[-1]]):
        r = 2 * k
        d.ellipse((x - r, y - r, x + r, y + r), fill=GREEN)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "shareguard.svg").write_text(svg(), encoding="utf-8")
    png(256).save(OUT / "shareguard.png", optimize=True)
    print(f"wrote {OUT / 'shareguard.svg'} and {OUT / 'shareguard.png'}")


if __name__ == "__main__":
    main()
