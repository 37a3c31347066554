"""Generate the SKELETON of ``src/aliansi/kb/states.yaml`` from pycountry and Babel (CLDR).

This is a one-off helper, not part of the package: ``states.yaml`` is hand-edited after
generation and is the source of truth. The skeleton only gives the formal English names
(pycountry, CLDR ``en``) and the Indonesian names that CLDR ``id`` and pycountry's Indonesian
translation know. News forms ("Rusia", "AS", "Korsel"), demonyms, capitals, seats of government
and places were added by hand afterwards.

Usage (needs ``pip install pycountry babel``, which the package itself never imports)::

    python scripts/build_states.py --out /tmp/states.skeleton.yaml
    python scripts/build_states.py --un-members        # the UN block for blocs.yaml

It refuses to overwrite an existing file unless ``--force`` is given, so it cannot clobber
the hand-edited knowledge base by accident.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
from pathlib import Path

# UN admission dates (public record, un.org "Member States"). A successor that continues a
# seat keeps the original date: RUS (USSR), DEU (FRG 1973; GDR merged 1990), YEM (North Yemen
# 1947; unified 1990), TZA (Tanganyika 1961), CHN (the China seat since 1945; PRC since 1971-10-25).
UN_ADMISSION: dict[str, str] = {
    # the 51 original members (Czechoslovakia and Yugoslavia have no continuing seat)
    **{c: "1945-10-24" for c in (
        "ARG AUS BEL BOL BRA BLR CAN CHL CHN COL CRI CUB DNK DOM ECU EGY SLV ETH FRA GRC GTM HTI "
        "HND IND IRN IRQ LBN LBR LUX MEX NLD NZL NIC NOR PAN PRY PER PHL POL SAU ZAF SYR TUR UKR "
        "RUS GBR USA URY VEN").split()},
    "AFG": "1946-11-19", "ISL": "1946-11-19", "SWE": "1946-11-19", "THA": "1946-12-16",
    "PAK": "1947-09-30", "YEM": "1947-09-30", "MMR": "1948-04-19", "ISR": "1949-05-11",
    "IDN": "1950-09-28",
    **{c: "1955-12-14" for c in "ALB AUT BGR KHM FIN HUN IRL ITA JOR LAO LBY NPL PRT ROU ESP LKA".split()},
    "MAR": "1956-11-12", "SDN": "1956-11-12", "TUN": "1956-11-12", "JPN": "1956-12-18",
    "GHA": "1957-03-08", "MYS": "1957-09-17", "GIN": "1958-12-12",
    **{c: "1960-09-20" for c in "BEN BFA CMR CAF TCD COG COD CIV CYP GAB MDG NER SOM TGO".split()},
    "MLI": "1960-09-28", "SEN": "1960-09-28", "NGA": "1960-10-07",
    "SLE": "1961-09-27", "MRT": "1961-10-27", "MNG": "1961-10-27", "TZA": "1961-12-14",
    **{c: "1962-09-18" for c in "BDI JAM RWA TTO".split()},
    "DZA": "1962-10-08", "UGA": "1962-10-25", "KWT": "1963-05-14", "KEN": "1963-12-16",
    **{c: "1964-12-01" for c in "MWI MLT ZMB".split()},
    **{c: "1965-09-21" for c in "GMB MDV SGP".split()},
    "GUY": "1966-09-20", "BWA": "1966-10-17", "LSO": "1966-10-17", "BRB": "1966-12-09",
    "MUS": "1968-04-24", "SWZ": "1968-09-24", "GNQ": "1968-11-12", "FJI": "1970-10-13",
    **{c: "1971-09-21" for c in "BHR BTN QAT".split()},
    "OMN": "1971-10-07", "ARE": "1971-12-09", "BHS": "1973-09-18", "DEU": "1973-09-18",
    **{c: "1974-09-17" for c in "BGD GRD GNB".split()},
    **{c: "1975-09-16" for c in "CPV MOZ STP".split()},
    "PNG": "1975-10-10", "COM": "1975-11-12", "SUR": "1975-12-04",
    "SYC": "1976-09-21", "AGO": "1976-12-01", "WSM": "1976-12-15",
    "DJI": "1977-09-20", "VNM": "1977-09-20", "SLB": "1978-09-19", "DMA": "1978-12-18",
    "LCA": "1979-09-18", "ZWE": "1980-08-25", "VCT": "1980-09-16",
    "VUT": "1981-09-15", "BLZ": "1981-09-25", "ATG": "1981-11-11", "KNA": "1983-09-23",
    "BRN": "1984-09-21", "NAM": "1990-04-23", "LIE": "1990-09-18",
    **{c: "1991-09-17" for c in "PRK KOR EST LVA LTU FSM MHL".split()},
    **{c: "1992-03-02" for c in "ARM AZE KAZ KGZ MDA SMR TJK TKM UZB".split()},
    **{c: "1992-05-22" for c in "BIH HRV SVN".split()},
    "GEO": "1992-07-31", "CZE": "1993-01-19", "SVK": "1993-01-19", "MKD": "1993-04-08",
    "ERI": "1993-05-28", "MCO": "1993-05-28", "AND": "1993-07-28", "PLW": "1994-12-15",
    **{c: "1999-09-14" for c in "KIR NRU TON".split()},
    "TUV": "2000-09-05", "SRB": "2000-11-01", "CHE": "2002-09-10", "TLS": "2002-09-27",
    "MNE": "2006-06-28", "SSD": "2011-07-14",
}
UN_OBSERVERS = {"VAT": "1964-04-06", "PSE": "2012-11-29"}
OTHERS = ("XKX", "TWN")  # not UN members or observers; news treats them as state actors

_PLAIN = re.compile(r"^[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ0-9 .'’\-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(text: str) -> str:
    """A YAML flow scalar: plain when unambiguous, JSON-quoted otherwise."""
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def _unique(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        item = (item or "").strip()
        if item and "," not in item and " - " not in item and item not in seen:
            seen.append(item)
    return seen


def _split_parens(name: str | None) -> list[str]:
    """'Myanmar (Burma)' -> ['Myanmar', 'Burma']; 'Bosnia & Herzegovina' -> 'Bosnia and Herzegovina'."""
    if not name:
        return []
    name = name.replace(" & ", " and ")
    match = re.match(r"^(.*?) \((.*)\)$", name)
    return [match.group(1), match.group(2)] if match else [name]


def skeleton() -> list[dict]:
    import pycountry  # generation-time only
    from babel import Locale

    en, idn = Locale("en"), Locale("id")
    id_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    codes = sorted(UN_ADMISSION) + sorted(UN_OBSERVERS) + list(OTHERS)
    records = []
    for code in codes:
        if code == "XKX":  # user-assigned code (EU, IMF, World Bank); not in ISO 3166-1
            alpha2, en_names, id_names = "XK", ["Kosovo", "Republic of Kosovo"], ["Kosovo"]
        else:
            country = pycountry.countries.get(alpha_3=code)
            alpha2 = country.alpha_2
            en_names = _unique([getattr(country, "common_name", None), country.name,
                                *_split_parens(en.territories.get(alpha2)),
                                getattr(country, "official_name", None)])
            id_names = _unique([*_split_parens(idn.territories.get(alpha2).replace(" & ", " dan ")),
                                id_iso.gettext(country.name)])
        records.append({
            "code": code,
            "iso2": alpha2,
            "un": "member" if code in UN_ADMISSION else "observer" if code in UN_OBSERVERS else "none",
            "names": {"en": en_names, "id": id_names},
            "demonyms": {"en": [], "id": []},
            "metonyms": [],
            "places": [],
            "ambiguous": [],
        })
    return records


def dump(records: list[dict]) -> str:
    out = []
    for rec in records:
        out.append(f"- code: {rec['code']}")
        out.append(f"  iso2: {scalar(rec['iso2'])}")
        out.append(f"  un: {rec['un']}")
        for group in ("names", "demonyms"):
            out.append(f"  {group}:")
            for lang in ("en", "id"):
                out.append(f"    {lang}: {flow(rec[group][lang])}")
        for key in ("metonyms", "places", "ambiguous"):
            out.append(f"  {key}: {flow(rec[key])}")
    return "\n".join(out) + "\n"


def un_members_block() -> str:
    lines = ["  members:"]
    for code, date in sorted(UN_ADMISSION.items(), key=lambda kv: (kv[1], kv[0])):
        lines.append(f"    - {{state: {code}, from: {date}}}")
    for code, date in sorted(UN_OBSERVERS.items()):
        lines.append(f"    - {{state: {code}, from: {date}, status: observer}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the skeleton here (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    parser.add_argument("--un-members", action="store_true", help="print the UN members block instead")
    args = parser.parse_args(argv)
    if len(UN_ADMISSION) != 193:
        raise SystemExit(f"UN_ADMISSION has {len(UN_ADMISSION)} states, expected 193")
    text = un_members_block() if args.un_members else dump(skeleton())
    if args.out is None:
        sys.stdout.write(text)
    elif args.out.exists() and not args.force:
        raise SystemExit(f"{args.out} exists; pass --force to overwrite (states.yaml is hand-edited)")
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
