"""Degraded scans with known truth, for bench/pages.py and the digitize tests.

Why generated: real citizens' scans cannot be committed (personal data), and a measurement
anyone can rerun needs the same pages every time. Each page is an A4 Vietnamese form typed in
the shipped Liberation Serif (resources/fonts), printed at 300 dpi (one at 200 dpi), then
"scanned": turned by a known angle (-4..+4 degrees, positive = counter-clockwise, as
`cleanup.estimate_skew` reports it), and given one or more of the faults counter scanners
show: blur, sensor noise, dust, grey paper, a dark scanner bed around the sheet, heavy JPEG
artefacts. Besides text pages there is a colour page with a red seal and a blue signature, a
grey page with a photograph, a colour photo page and two blanks.

    python -m counterapp.digitize.testpages OUT_DIR

writes `pNN.jpg` (what the scanner delivered), `pNN.txt` (the text typed on it) and
`truth.json` ({name: {kind, angle, dpi, blank, colour}}). Deterministic (fixed seeds).
"""

from __future__ import annotations

import io
import json
import math
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
PAPER = (248, 247, 244)
BED = (38, 38, 42)
RED, BLUE = (200, 35, 45), (35, 50, 150)


@dataclass(frozen=True)
class Spec:
    name: str
    kind: str = "text"  # text | colour | grey | photo | blank
    angle: float = 0.0
    dpi: int = 300
    blur: float = 0.0  # Gaussian radius in pixels
    noise: float = 3.0  # sensor noise, standard deviation in grey levels
    dust: int = 0  # dark specks
    paper: tuple[int, int, int] = PAPER
    bed: bool = False  # the sheet lies on a dark scanner bed, inside a larger scan
    quality: int = 85  # the scanner's JPEG quality
    seed: int = 0


SPECS: tuple[Spec, ...] = (
    Spec("p01", angle=-3.2, seed=1),
    Spec("p02", angle=2.1, blur=1.3, seed=2),
    Spec("p03", angle=-0.8, noise=9.0, seed=3),
    Spec("p04", angle=4.0, dust=400, seed=4),
    Spec("p05", angle=-1.7, paper=(206, 201, 188), seed=5),
    Spec("p06", angle=1.2, bed=True, seed=6),
    Spec("p07", angle=-2.5, quality=35, seed=7),
    Spec("p08", kind="colour", angle=0.6, seed=8),
    Spec("p09", kind="grey", angle=-1.1, seed=9),
    Spec("p10", kind="blank", noise=4.0, seed=10),
    Spec("p11", angle=3.3, dpi=200, seed=11),
    Spec("p12", kind="photo", angle=0.0, seed=12),
    Spec("p13", angle=-3.9, blur=0.8, noise=5.0, dust=150, paper=(236, 233, 224), seed=13),
    Spec("p14", kind="blank", dust=120, paper=(240, 238, 232), seed=14),
    Spec("p15", angle=0.4, noise=6.0, quality=60, seed=15),
)

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
_MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Đức", "Kim")
_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hạnh", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc",
          "Quân", "Thảo", "Trang", "Tuấn", "Yến")
_PLACES = ("phường Hạ Long, tỉnh Quảng Ninh", "xã Tân Phú, huyện Đồng Phú, tỉnh Bình Phước",
           "phường Bến Nghé, Quận 1, TP. Hồ Chí Minh", "thị trấn Phong Điền, tỉnh Thừa Thiên Huế",
           "xã Nghĩa Hưng, huyện Lạng Giang, tỉnh Bắc Giang", "phường Trần Phú, TP. Hà Tĩnh")
_TITLES = ("TỜ KHAI ĐĂNG KÝ KHAI SINH", "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG",
           "TỜ KHAI ĐĂNG KÝ THƯỜNG TRÚ", "ĐƠN ĐỀ NGHỊ XÁC NHẬN TÌNH TRẠNG HÔN NHÂN")
_FREE = (
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm",
    "trước pháp luật về cam đoan của mình. Đề nghị cơ quan có thẩm quyền xem xét.",
    "Hồ sơ gồm bản sao giấy tờ tùy thân, giấy xác nhận nơi cư trú và các giấy tờ khác",
    "có liên quan theo quy định tại Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020.",
    "Kết quả giải quyết thủ tục hành chính được trả trực tiếp tại Bộ phận Một cửa",
    "hoặc qua dịch vụ bưu chính công ích theo yêu cầu của người nộp hồ sơ.",
)


def _name(rng: np.random.Generator) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def form_lines(rng: np.random.Generator) -> list[str]:
    """The text of one form, line by line (the ground truth)."""
    day, month = int(rng.integers(1, 29)), int(rng.integers(1, 13))
    lines = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        str(rng.choice(_TITLES)),
        "Kính gửi: Ủy ban nhân dân " + str(rng.choice(_PLACES)).split(",")[0],
        f"Họ, chữ đệm, tên người yêu cầu: {_name(rng)}",
        f"Ngày, tháng, năm sinh: {day:02d}/{month:02d}/{int(rng.integers(1950, 2005))}",
        f"Số định danh cá nhân: 0{int(rng.integers(10**10, 10**11 - 1))}",
        f"Nơi cư trú: số {int(rng.integers(1, 300))} đường Lê Lợi, {rng.choice(_PLACES)}",
        f"Số điện thoại: 09{int(rng.integers(10**7, 10**8 - 1))}",
        f"Quan hệ với người được khai: {rng.choice(('cha', 'mẹ', 'ông', 'bà', 'anh ruột'))}",
        f"Người được khai: {_name(rng)}, giới tính: {rng.choice(('Nam', 'Nữ'))}",
        f"Nơi sinh: Bệnh viện đa khoa {rng.choice(('tỉnh', 'huyện', 'khu vực'))}",
        f"Quê quán: {rng.choice(_PLACES)}",
        f"Dân tộc: Kinh. Quốc tịch: Việt Nam. Lệ phí: {int(rng.integers(1, 9)) * 10000:,} đồng".replace(",", "."),
    ]
    lines += [str(x) for x in rng.permutation(_FREE)[:4]]
    lines += [f"Làm tại {str(rng.choice(_PLACES)).split(',')[-1].strip()}, ngày {day:02d} tháng {month:02d} năm 2026",
              "Người yêu cầu", "(Ký, ghi rõ họ, chữ đệm, tên)", _name(rng)]
    return lines


def _font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf")), px)


def render_form(rng: np.random.Generator, dpi: int, paper=PAPER, ink=(28, 28, 34)) -> tuple[Image.Image, list[str]]:
    """An A4 sheet with the form typed at 13 pt, centred headings, a table ruled under the fields."""
    w, h = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    img = Image.new("RGB", (w, h), paper)
    draw = ImageDraw.Draw(img)
    lines = form_lines(rng)
    size = round(13 / 72 * dpi)
    body, bold = _font(size), _font(size, True)
    left, y, step = round(w * 0.11), round(h * 0.06), round(size * 1.75)
    for i, text in enumerate(lines):
        font = bold if i in (0, 2) else body
        if i < 3 or i >= len(lines) - 3:
            width = draw.textlength(text, font=font)
            x = (w - width) / 2 if i < 3 else w * 0.72 - width / 2
        else:
            x = left
        draw.text((x, y), text, fill=ink, font=font)
        y += step * (2 if i in (1, 2, 3) else 1)
    # a ruled box around the fields, as printed forms have
    draw.rectangle([left - size // 2, round(h * 0.06) + 7 * step, w - left + size // 2, round(h * 0.06) + 20 * step],
                   outline=ink, width=max(2, dpi // 100))
    return img, lines


def _seal(img: Image.Image, centre: tuple[int, int], dpi: int) -> None:
    """A red round seal: two rings, a star, lettering around (as an agency stamp)."""
    draw = ImageDraw.Draw(img)
    mm = dpi / 25.4
    cx, cy = centre
    for radius, width in ((18, 0.9), (13, 0.5)):
        r = radius * mm
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=RED, width=max(2, round(width * mm)))
    star = [(cx + 5 * mm * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - 5 * mm * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    draw.polygon(star, fill=RED)
    font = _font(round(2.8 * mm), True)
    for k, ch in enumerate("ỦY BAN NHÂN DÂN PHƯỜNG HẠ LONG"):
        a = math.pi * (0.95 - k * 1.9 / 29)
        draw.text((cx + 15.5 * mm * math.cos(a), cy - 15.5 * mm * math.sin(a)), ch, fill=RED, font=font, anchor="mm")


def _signature(img: Image.Image, x: float, y: float, dpi: int, rng: np.random.Generator) -> None:
    draw = ImageDraw.Draw(img)
    mm = dpi / 25.4
    points = [(x + t * mm, y + math.sin(t * 0.9) * 4 * mm + rng.normal(0, 0.4) * mm) for t in np.arange(0, 45, 0.3)]
    draw.line(points, fill=BLUE, width=max(2, round(0.5 * mm)), joint="curve")


def _photo(rng: np.random.Generator, size: tuple[int, int], grey: bool) -> Image.Image:
    """A smooth, photograph-like field (low-frequency noise, upscaled): full of mid-tones."""
    w, h = size
    small = rng.integers(40, 230, (max(2, h // 60), max(2, w // 60), 1 if grey else 3)).astype(np.uint8)
    img = Image.fromarray(small[..., 0] if grey else small).resize((w, h), Image.Resampling.BICUBIC)
    return img.filter(ImageFilter.GaussianBlur(w / 200))


def render(spec: Spec) -> tuple[Image.Image, list[str]]:
    """The sheet as printed (before the scan): a PIL image and its text lines."""
    rng = np.random.default_rng(spec.seed)
    w, h = round(210 / 25.4 * spec.dpi), round(297 / 25.4 * spec.dpi)
    if spec.kind == "blank":
        return Image.new("RGB", (w, h), spec.paper), []
    if spec.kind == "photo":
        img = Image.new("RGB", (w, h), spec.paper)
        img.paste(_photo(rng, (w * 8 // 10, h * 6 // 10), False), (w // 10, h // 10))
        return img, []
    img, lines = render_form(rng, spec.dpi, spec.paper)
    if spec.kind == "colour":
        _seal(img, (round(w * 0.62), round(h * 0.80)), spec.dpi)
        _signature(img, w * 0.62, h * 0.80, spec.dpi, rng)
    if spec.kind == "grey":
        img.paste(_photo(rng, (w // 4, h // 7), True).convert("RGB"), (round(w * 0.14), round(h * 0.80)))
        img = img.convert("L").convert("RGB")
    return img, lines


def scan(spec: Spec, sheet: Image.Image) -> bytes:
    """What a scanner delivers for the sheet: turned, blurred, noisy, dusty, JPEG."""
    rng = np.random.default_rng(1000 + spec.seed)
    img = sheet
    if spec.angle:
        fill = BED if spec.bed else spec.paper
        img = img.rotate(spec.angle, resample=Image.Resampling.BICUBIC, fillcolor=fill)
    if spec.bed:
        margin = round(spec.dpi * 0.45)
        bed = Image.new("RGB", (img.width + 2 * margin, img.height + 2 * margin), BED)
        bed.paste(img, (margin - round(spec.dpi * 0.12), margin + round(spec.dpi * 0.08)))
        img = bed
    if spec.blur:
        img = img.filter(ImageFilter.GaussianBlur(spec.blur))
    arr = np.asarray(img, dtype=np.int16)
    if spec.dust:
        arr = arr.copy()
        ys, xs = rng.integers(0, arr.shape[0] - 6, spec.dust), rng.integers(0, arr.shape[1] - 6, spec.dust)
        sizes = rng.integers(1, 5, spec.dust)
        for y, x, s in zip(ys, xs, sizes, strict=True):
            arr[y : y + s, x : x + s] = 45
    if spec.noise:
        # mostly luminance noise, some per channel (a CCD's colour noise)
        shape = (arr.shape[0], arr.shape[1])
        arr = arr + rng.normal(0, spec.noise, (*shape, 1)).astype(np.int16)
        arr = arr + rng.normal(0, spec.noise / 3, (*shape, 3)).astype(np.int16)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if spec.kind == "grey":
        out = out.convert("L")
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=spec.quality, dpi=(spec.dpi, spec.dpi))
    return buf.getvalue()


def make_page(spec: Spec) -> tuple[bytes, str]:
    sheet, lines = render(spec)
    return scan(spec, sheet), "\n".join(lines)


def spec(name: str) -> Spec:
    return next(s for s in SPECS if s.name == name)


def generate(out_dir: str | Path, specs: tuple[Spec, ...] = SPECS) -> dict:
    """Write the pages, their text and truth.json into `out_dir`; returns the truth."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    truth = {}
    for s in specs:
        data, text = make_page(s)
        (out / f"{s.name}.jpg").write_bytes(data)
        (out / f"{s.name}.txt").write_text(text + "\n" if text else "", encoding="utf-8")
        truth[s.name] = {**asdict(s), "blank": s.kind == "blank", "colour": s.kind in ("colour", "photo")}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m counterapp.digitize.testpages OUT_DIR", file=sys.stderr)
        return 2
    truth = generate(args[0])
    print(f"{len(truth)} pages in {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
