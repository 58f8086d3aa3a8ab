#!/usr/bin/env python3
"""Build the bundled CJK fonts of chronoatlas: subsets of Noto Sans SC.

Reads the TrueType (glyf) Noto Sans SC files of the npm package
@expo-google-fonts/noto-sans-sc (OFL-1.1), keeps the characters chronoatlas
can show, and writes

    assets/fonts/NotoSansSC-Regular.subset.ttf   (weight 400, body text)
    assets/fonts/NotoSansSC-Bold.subset.ttf      (weight 700, big date, titles)
    assets/fonts/OFL.txt                         (the font's licence, verbatim)

Kept characters:
  * required (the build fails if the source font lacks one, unless it is in
    ALLOW_MISSING below):
      - every character of GB2312 (each valid 2-byte code, decoded with
        Python's gb2312 codec: 6,763 hanzi + 682 symbols);
      - Basic Latin, Latin-1 Supplement, pinyin letters with tone marks,
        CJK Symbols and Punctuation, full-width ASCII forms, the
        punctuation, arrows, shapes and signs in UI_CHARS;
      - every character found in the files matched by SCAN_GLOBS (the
        dataset, the Rust sources, the docs), so rerunning the script after
        adding UI strings or data covers them;
  * best effort: whatever the source font has in the blocks of
    OPTIONAL_RANGES (Latin Extended-A, General Punctuation, arrows, ...).

The output is deterministic: the same source files, scanned text and
fonttools version give byte-identical fonts (the head table's created /
modified stamps are copied from the source font, never "now").

Usually run through tools/font/build.sh, which sets up the pinned venv and
fetches the source package. Direct use:

    python build_font.py --source /tmp/font-src/package [--out DIR]
                         [--check] [--sample PNG]

Exit status: 0 ok; 1 required characters missing from the source font, a
source file with an unexpected checksum, or (--check) outputs out of date.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import pathlib
import sys
import unicodedata

from fontTools import subset
from fontTools.ttLib import TTFont

REPO = pathlib.Path(__file__).resolve().parents[2]

# --- source -----------------------------------------------------------------

SOURCE_PACKAGE = "@expo-google-fonts/noto-sans-sc"
SOURCE_VERSION = "0.4.3"  # Noto Sans SC 2.004 (Google Fonts "v40")

# output file -> (file inside the unpacked npm package, its SHA-256)
WEIGHTS = {
    "NotoSansSC-Regular.subset.ttf": (
        "400Regular/NotoSansSC_400Regular.ttf",
        "d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16",
    ),
    "NotoSansSC-Bold.subset.ttf": (
        "700Bold/NotoSansSC_700Bold.ttf",
        "9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96",
    ),
}
LICENSE_IN_PACKAGE = "LICENSE_FONT"  # the package's LICENSE is Expo's MIT code licence
LICENSE_OUT = "OFL.txt"

# --- what to keep -----------------------------------------------------------

# Files whose every character must be covered (relative to the repository
# root; "**" recurses). Each pattern must match at least one file.
SCAN_GLOBS = [
    "geodata/**/*",  # all files, source/*.txt included
    "src/**/*.rs",
    "docs/**/*.md",
    "README.md",
]

# Required blocks (inclusive code point ranges).
REQUIRED_RANGES = [
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0xFF01, 0xFF60, "full-width ASCII forms and white parentheses"),
    (0xFFE0, 0xFFE6, "full-width signs"),
]

# Pinyin with tone marks (Latin Extended-A and -B), both cases.
PINYIN = (
    "āáǎà ēéěè īíǐì ōóǒò ūúǔù ǖǘǚǜ üê ńňǹ"
    "ĀÁǍÀ ĒÉĚÈ ĪÍǏÌ ŌÓǑÒ ŪÚǓÙ ǕǗǙǛ ÜÊ"
)

# Punctuation, arrows, shapes and signs the UI may use.
UI_CHARS = (
    "–—‘’“”…•′″·‧※"  # general punctuation
    "○〇●◎◇◆□■△▲▽▼▶▷◀◁★☆"  # shapes (○ U+25CB, 〇 U+3007)
    "←→↑↓↔↕"  # arrows
    "＋−×÷±°℃‰№✕✓"  # signs (✕ comes from ALIASES)
)

# Best effort: whatever the source font has in these blocks is kept.
# (Noto Sans SC has only the pinyin/Vietnamese part of Latin Extended-A.)
OPTIONAL_RANGES = [
    (0x0100, 0x017F, "Latin Extended-A"),
    (0x0180, 0x024F, "Latin Extended-B"),
    (0x0300, 0x036F, "Combining Diacritical Marks"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2100, 0x214F, "Letterlike Symbols"),
    (0x2150, 0x218F, "Number Forms"),
    (0x2190, 0x21FF, "Arrows"),
    (0x25A0, 0x25FF, "Geometric Shapes"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
]

# Characters the source font lacks, mapped in the subset to the glyph of
# another character that looks the same. Printed on every build.
ALIASES = {
    0x2715: 0x00D7,  # ✕ MULTIPLICATION X -> × (full-width multiplication sign)
}

# Characters that may be required (found in scanned text) but that the font
# does not have: they are left out with a warning instead of failing the
# build. Keep every entry commented with why it is fine to lack it.
ALLOW_MISSING = [
    # Invisible format characters (zero-width space/joiners, direction
    # marks, word joiner, BOM): nothing to draw.
    (0x200B, 0x200F, "zero-width and direction marks"),
    (0x202A, 0x202E, "bidi embedding controls"),
    (0x2060, 0x2064, "word joiner, invisible operators"),
    (0xFEFF, 0xFEFF, "byte order mark"),
    # Variation selectors (e.g. U+FE0F after an emoji): modify the previous
    # character, nothing to draw.
    (0xFE00, 0xFE0F, "variation selectors"),
    # Emoji: not in Noto Sans SC; egui's default_fonts fallback (NotoEmoji)
    # draws them.
    (0x1F000, 0x1FAFF, "emoji"),
]

# Must be in both outputs (checked after the build).
SENTINELS = "淄冀蒲浦晋察豫砀邯郸磁漳沂潍○〇āǎǚü—…✕"

SAMPLE_TEXT = "北平 Beiping 1937年冬 二○五旅 淄博 砀山 Zhāngdiàn ✕ ← → ▶ ★ “引文”…"

# --- subsetter settings -----------------------------------------------------


def subset_options() -> subset.Options:
    o = subset.Options()
    # Layout: kerning and mark positioning for Latin, ccmp for composed
    # accents. No liga/dlig/vert/palt/fwid... (egui does not shape text,
    # and CJK needs no ligatures).
    o.layout_features = ["kern", "mark", "mkmk", "ccmp"]
    o.hinting = False  # drop TrueType instructions, prep/fpgm/cvt
    o.notdef_outline = True  # a missing character shows a box, not nothing
    o.recommended_glyphs = True  # .notdef, .null, CR, space at their usual ids
    o.name_IDs = ["*"]  # keep all names, licence (13) and licence URL (14) included
    o.glyph_names = False  # post table format 3
    # Vertical metrics: chronoatlas never sets text vertically.
    o.drop_tables += ["vhea", "vmtx"]
    o.recalc_timestamp = False
    return o


# --- character set ----------------------------------------------------------


def gb2312_chars() -> list[int]:
    out = []
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                ch = bytes([lead, trail]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            out.append(ord(ch))
    return out


def scan_files() -> tuple[dict[int, str], int]:
    """Code point -> first file it occurs in; and the number of files."""
    seen: dict[int, str] = {}
    nfiles = 0
    for pattern in SCAN_GLOBS:
        files = sorted(p for p in REPO.glob(pattern) if p.is_file())
        if not files:
            sys.exit(f"error: scan pattern {pattern!r} matches no file under {REPO}")
        for path in files:
            rel = path.relative_to(REPO).as_posix()
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as e:
                sys.exit(f"error: {rel} is not UTF-8 text ({e}); "
                         "exclude it in SCAN_GLOBS or fix it")
            nfiles += 1
            for ch in text:
                if unicodedata.category(ch) == "Cc":  # \n, \t, \r ...
                    continue
                seen.setdefault(ord(ch), rel)
    return seen, nfiles


def allowed_missing(cp: int) -> str | None:
    for lo, hi, why in ALLOW_MISSING:
        if lo <= cp <= hi:
            return why
    return None


def describe(cp: int) -> str:
    ch = chr(cp)
    name = unicodedata.name(ch, "?")
    shown = ch if unicodedata.category(ch)[0] not in "CZ" else " "
    return f"U+{cp:04X} {shown} {name}"


def required_chars() -> tuple[dict[int, str], dict]:
    """Code point -> why it is required; and some counts for the report."""
    req: dict[int, str] = {}
    gb = gb2312_chars()
    for cp in gb:
        req.setdefault(cp, "GB2312")
    for lo, hi, name in REQUIRED_RANGES:
        for cp in range(lo, hi + 1):
            req.setdefault(cp, name)
    for ch in PINYIN.replace(" ", ""):
        req.setdefault(ord(ch), "pinyin")
    for ch in UI_CHARS:
        req.setdefault(ord(ch), "UI_CHARS")
    scanned, nfiles = scan_files()
    for cp, rel in scanned.items():
        req.setdefault(cp, f"text in {rel}")
    gb_set = set(gb)
    stats = {
        "gb2312": len(gb),
        "gb2312_hanzi": sum(1 for cp in gb if 0x4E00 <= cp <= 0x9FFF),
        "scanned": scanned,
        "scanned_files": nfiles,
        "scanned_outside_gb2312": sorted(cp for cp in scanned if cp not in gb_set),
    }
    return req, stats


# --- build ------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_source(src_dir: pathlib.Path, rel: str, want_sha: str) -> bytes:
    path = src_dir / rel
    if not path.is_file():
        sys.exit(f"error: source font {path} not found; run tools/font/build.sh "
                 f"or `npm pack {SOURCE_PACKAGE}@{SOURCE_VERSION}` and untar it")
    data = path.read_bytes()
    got = sha256(data)
    if got != want_sha:
        sys.exit(f"error: {path} has SHA-256 {got}, expected {want_sha} "
                 f"({SOURCE_PACKAGE}@{SOURCE_VERSION}); update WEIGHTS deliberately")
    return data


def add_aliases(font: TTFont) -> None:
    for table in font["cmap"].tables:
        if not table.isUnicode() or table.format == 14:
            continue
        for cp, target in ALIASES.items():
            if cp in table.cmap or target not in table.cmap:
                continue
            if cp > 0xFFFF and table.format == 4:
                continue
            table.cmap[cp] = table.cmap[target]


def build_one(data: bytes, req: dict[int, str]) -> tuple[bytes, list, list]:
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    created, modified = font["head"].created, font["head"].modified
    add_aliases(font)
    cmap = font.getBestCmap()

    missing_bad, missing_ok = [], []
    for cp in sorted(req):
        if cp in cmap:
            continue
        why = allowed_missing(cp)
        (missing_ok if why else missing_bad).append((cp, req[cp], why))
    keep = {cp for cp in req if cp in cmap}
    for lo, hi, _ in OPTIONAL_RANGES:
        keep.update(cp for cp in range(lo, hi + 1) if cp in cmap)

    if missing_bad:
        return b"", missing_bad, missing_ok

    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(font)
    # Fixed stamps: those of the source font, whatever the clock says.
    font["head"].created = created
    font["head"].modified = modified
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue(), missing_bad, missing_ok


def verify(data: bytes, name: str, req: dict[int, str]) -> int:
    font = TTFont(io.BytesIO(data))
    cmap = font.getBestCmap()
    bad = [cp for cp in req if cp not in cmap and not allowed_missing(cp)]
    bad += [ord(c) for c in SENTINELS if ord(c) not in cmap]
    if bad:
        for cp in sorted(set(bad)):
            print(f"  VERIFY FAILED {name}: {describe(cp)} not in the subset")
        return 1
    if "glyf" not in font:
        print(f"  VERIFY FAILED {name}: no glyf table")
        return 1
    return 0


def render_sample(paths: list[pathlib.Path], png: pathlib.Path) -> None:
    from PIL import Image, ImageDraw, ImageFont  # only needed here

    size, pad = 40, 16
    fonts = [ImageFont.truetype(str(p), size, layout_engine=ImageFont.Layout.BASIC)
             for p in paths]
    lines = [(f, SAMPLE_TEXT) for f in fonts] + [(f, SENTINELS) for f in fonts]
    width = max(int(f.getlength(t)) for f, t in lines) + 2 * pad
    img = Image.new("RGB", (width, len(lines) * (size + pad) + pad), "white")
    draw = ImageDraw.Draw(img)
    for i, (f, t) in enumerate(lines):
        draw.text((pad, pad + i * (size + pad)), t, font=f, fill="black")
    img.save(png)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=pathlib.Path, required=True,
                    help="the unpacked npm package folder (holds 400Regular/ ...)")
    ap.add_argument("--out", type=pathlib.Path, default=REPO / "assets" / "fonts")
    ap.add_argument("--check", action="store_true",
                    help="build in memory and fail if the files in --out differ")
    ap.add_argument("--sample", type=pathlib.Path,
                    help="also render a sample line with each weight to this PNG")
    args = ap.parse_args()

    req, stats = required_chars()
    print(f"required: {len(req)} characters (GB2312 {stats['gb2312']}, of which "
          f"{stats['gb2312_hanzi']} hanzi; {len(stats['scanned'])} distinct in "
          f"{stats['scanned_files']} scanned files)")
    extra = stats["scanned_outside_gb2312"]
    extra_nonascii = [cp for cp in extra if cp > 0x7E]
    print(f"scanned text outside GB2312 (non-ASCII): {len(extra_nonascii)}: "
          + "".join(chr(cp) if unicodedata.category(chr(cp))[0] not in "CZM"
                    else f"<U+{cp:04X}>" for cp in extra_nonascii))
    for cp, target in ALIASES.items():
        print(f"alias: {describe(cp)} drawn with the glyph of {describe(target)}")

    status = 0
    built_files: dict[pathlib.Path, bytes] = {}
    for out_name, (rel, want_sha) in WEIGHTS.items():
        data = load_source(args.source, rel, want_sha)
        built, missing_bad, missing_ok = build_one(data, req)
        for cp, why_req, why_ok in missing_ok:
            print(f"  warning: {out_name}: no glyph for {describe(cp)} "
                  f"({why_req}); allowed: {why_ok}")
        if missing_bad:
            print(f"error: {rel} lacks {len(missing_bad)} required characters "
                  "(add them to ALLOW_MISSING with a reason, or change the text):")
            for cp, why_req, _ in missing_bad:
                print(f"  {describe(cp)}  [{why_req}]")
            status = 1
            continue
        status |= verify(built, out_name, req)
        font = TTFont(io.BytesIO(built))
        print(f"{out_name}: {len(built):,} bytes, {len(font.getBestCmap())} cmap "
              f"entries, {font['maxp'].numGlyphs} glyphs, sha256 {sha256(built)}")
        built_files[args.out / out_name] = built
    built_files[args.out / LICENSE_OUT] = (args.source / LICENSE_IN_PACKAGE).read_bytes()

    if status == 0 and args.check:
        for dest, data in built_files.items():
            if not dest.is_file() or dest.read_bytes() != data:
                print(f"OUT OF DATE: {dest} differs from a fresh build")
                status = 1
    elif status == 0:
        # Written only when every weight built and verified.
        args.out.mkdir(parents=True, exist_ok=True)
        for dest, data in built_files.items():
            dest.write_bytes(data)
            print(f"wrote {dest}")
        if args.sample:
            fonts = [d for d in built_files if d.suffix == ".ttf"]
            render_sample(fonts, args.sample)
            print(f"sample: {args.sample}")
    print("ok" if status == 0 else "FAILED")
    return status


if __name__ == "__main__":
    sys.exit(main())
