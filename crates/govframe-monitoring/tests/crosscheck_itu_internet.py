#!/usr/bin/env python3
"""Independent cross-check of tests/itu_internet.rs (standard library only).

Assesses every country of ../shared/data/itu-ict/itu-datahub-individuals-using-the-internet.csv
(series i99H, "individuals using the Internet", %) against a target of 100 % by 2030, desired
direction increase, base year 2015, with the three methods as documented in
crates/govframe-monitoring/src/method.rs (and ../shared/reference/methods.md section 1), and
prints the number of countries per status. A "country" is an area whose code is an ISO 3166-1
alpha-3 code of ../shared/data/country-codes/datasets-country-codes.csv.

    python3 crates/govframe-monitoring/tests/crosscheck_itu_internet.py [SHARED_DATA_DIR]

The counts printed are the ones asserted by tests/itu_internet.rs.
"""
import csv
import math
import os
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "..", "shared", "data")
BASE, TARGET, TYEAR = 2015, 100.0, 2030


def load():
    with open(os.path.join(DATA, "country-codes", "datasets-country-codes.csv"), encoding="utf-8-sig") as f:
        countries = {r["ISO3166-1-Alpha-3"].strip() for r in csv.DictReader(f)}
    countries = {c for c in countries if len(c) == 3 and c.isupper() and c.isalpha()}
    series = defaultdict(dict)
    path = os.path.join(DATA, "itu-ict", "itu-datahub-individuals-using-the-internet.csv")
    with open(path, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["seriesCode"] != "i99H" or r["dataValue"].strip() == "":
                continue
            v = float(r["dataValue"])
            if not math.isfinite(v):
                continue
            series[r["entityIso"].strip()][int(r["dataYear"][:4])] = v
    return {a: sorted(p.items()) for a, p in series.items() if a in countries}


def base_unsd(pts, latest_year):
    """Base year; else first later year before the latest; else closest earlier year."""
    years = [y for y, _ in pts]
    if BASE in years and BASE < latest_year:
        return pts[years.index(BASE)]
    later = [p for p in pts if BASE < p[0] < latest_year]
    if later:
        return later[0]
    earlier = [p for p in pts if p[0] < BASE and p[0] < latest_year]
    return earlier[-1] if earlier else None


def unsd(pts):
    if not pts:
        return "notAssessed"
    ly, lv = pts[-1]
    if lv >= TARGET or lv >= TARGET - 1.0:  # exceptions 1 and 2 (percent, target 100)
        return "targetMet"
    base = base_unsd(pts, ly)
    if base is None:
        return "notAssessed"
    by, bv = base
    if bv <= 0 or lv <= 0:
        return "notAssessed"
    g = (lv / bv) ** (1 / (ly - by)) - 1
    ve = lv * (1 + g) ** (TYEAR - ly)
    r = (ve - bv) / (TARGET - bv)
    return "onTrack" if r >= 0.95 else "fairProgress" if r >= 0.10 else "stagnationOrRegression"


def open_sdg(pts):
    if not pts:
        return "notAssessed"
    ly, lv = pts[-1]
    if lv >= TARGET:
        return "targetAchieved"
    later = [p for p in pts if p[0] >= BASE]
    if not later:
        return "notAssessed"
    by, bv = later[0]
    if bv == 0:
        bv = 0.001
    if ly - by < 1:
        return "notAssessed"
    obs = (lv / bv) ** (1 / (ly - by)) - 1
    req = (TARGET / bv) ** (1 / (TYEAR - by)) - 1
    r = obs / abs(req)
    if r >= 0.95:
        return "substantialProgress"
    if r >= 0.6:
        return "moderateProgress"
    if r >= 0:
        return "limitedProgress"
    return "deterioration"


def escap(pts):
    if len(pts) < 2:
        return "insufficientData"
    ly, lv = pts[-1]
    base = base_unsd(pts, ly)
    if base is None:
        return "insufficientData"
    by, bv = base
    trend = [p for p in pts if p[0] >= by]
    if any(v <= 0 for _, v in trend):
        return "notAssessed"
    first = trend[0][0]
    num = den = 0.0
    for (py, pv), (y, v) in zip(trend, trend[1:]):
        w = (TYEAR - first) / (TYEAR - y)
        num += w * math.log(v / pv)
        den += w * (y - py)
    if den <= 0:
        return "insufficientData"
    proj = lv * math.exp(num / den * (TYEAR - ly))
    if proj >= TARGET:
        return "maintain"
    if TARGET == bv:
        return "reverse"
    return "accelerate" if (proj - bv) / (TARGET - bv) > 0 else "reverse"


def main():
    data = load()
    print(f"countries with data: {len(data)}")
    for name, fn in (("unsdCagr", unsd), ("openSdg", open_sdg), ("escap", escap)):
        counts = Counter(fn(p) for p in data.values())
        print(name, dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
