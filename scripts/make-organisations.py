#!/usr/bin/env python3
"""Writes indexer/openbaar/data/organisations.tsv, the table of Dutch public bodies that
Openbaar recognises without configuration.

Source: the Register van Overheidsorganisaties (organisaties.overheid.nl, KOOP, CC0), as
one YAML file per organisation in the `data/organisaties/` folder of the public
repository anneschuth/polder (data licence CC0 1.0, see its LICENSE-DATA; it merges the
register's daily export with Wikidata, also CC0). The folders used are copied to
../shared/organisations/polder/ (with the commit they came from in COMMIT).

Kept: ministries (also former ones, as older releases name them), agencies, inspections,
independent administrative bodies (zbo), the High Councils of State, the police, the
provinces, the current municipalities and water boards, the GGDs and safety regions
(from the joint arrangements), and the agencies and planning offices listed as parts of
ministries. A few hand-written lines (organisations-supplement.tsv: mail domains the
register lacks, such as rivm.nl and minocw.nl, and short names such as Tweede Kamer)
are merged in.

Output columns (tab-separated): kind, name, aliases (|-separated), domains
(|-separated). How an alias may match depends on the kind; see facts/organisations.rs.

Usage: scripts/make-organisations.py [SOURCE_DIR]
"""

import collections
import glob
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    ROOT, "..", "shared", "organisations", "polder", "organisaties")
OUT = os.path.join(ROOT, "indexer", "openbaar", "data", "organisations.tsv")
SUPPLEMENT = os.path.join(ROOT, "indexer", "openbaar", "data", "organisations-supplement.tsv")

# Folder -> kind. Kinds decide how names match (see facts/organisations.rs).
FOLDERS = {
    "ministeries": "ministerie",
    "agentschappen": "agentschap",
    "inspecties": "inspectie",
    "zbo": "zbo",
    "hoge-colleges": "hoog-college",
    "politie-om": "politie",
    "provincies": "provincie",
    "gemeenten": "gemeente",
    "waterschappen": "waterschap",
    "gemeenschappelijke-regelingen": "regio",
    "organisatieonderdelen": "agentschap",
}
# Mail hosts of many organisations, or of none in particular.
SHARED_HOSTS = {"rijksoverheid.nl", "overheid.nl", "organisaties.overheid.nl", "gmail.com",
                "hotmail.com", "outlook.com", "government.nl", "werkenvoornederland.nl"}
WATER_BOARD_WORDS = ("waterschap", "hoogheemraadschap", "wetterskip", "waterschap")


def domain_of(value):
    """The host of an email address or a website, without `www.`."""
    if not value:
        return None
    value = str(value).strip().split()[0].lower()
    if "@" in value:
        host = value.rsplit("@", 1)[1]
    else:
        host = re.sub(r"^[a-z]+://", "", value).split("/")[0]
    host = host.removeprefix("www.").strip(".")
    if "." not in host or host in SHARED_HOSTS:
        return None
    return host


def current(record):
    return record.get("valid_until") in (None, "", "null")


def read(folder):
    for path in sorted(glob.glob(os.path.join(SOURCE, folder, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            yield os.path.basename(path), yaml.safe_load(f)


def names_of(record):
    names = record.get("names") or []
    return names[-1] if names else {}


def entries():
    """(kind, canonical name, aliases, domains) for each kept organisation."""
    for folder, kind in FOLDERS.items():
        for file_name, record in read(folder):
            latest = names_of(record)
            value = (latest.get("value") or "").strip()
            abbr = (latest.get("abbr") or "").strip()
            if not value:
                continue
            contact = record.get("contact") or {}
            domains = {d for d in (domain_of(contact.get("email")),
                                   domain_of(contact.get("website"))) if d}
            aliases = set()
            if kind == "ministerie":
                short = value.removeprefix("Ministerie van ").strip()
                name = f"Ministerie van {short}"
                aliases.add(f"ministerie van {short}")
                official = re.fullmatch(r"[A-Z][A-Za-z&]{2,}", abbr) and sum(
                    c.isupper() for c in abbr) >= 2
                if official:
                    aliases |= {abbr, f"Ministerie van {abbr}", f"ministerie van {abbr}"}
                aliases.add(short)
                # `IenW`, `JenV`: also written `I&W`, `J&V`; but `V&J` for a former
                # ministry names its successor in later texts.
                if official and current(record) and "en" in abbr[1:]:
                    aliases.add(re.sub(r"(?<=[A-Z])en(?=[A-Z])", "&", abbr))
            elif kind == "gemeente":
                if not current(record):
                    continue
                place = value.removeprefix("Gemeente ").strip()
                name = f"Gemeente {place}"
                aliases.add(place)
            elif kind == "provincie":
                place = value.removeprefix("Provincie ").strip()
                name = f"Provincie {place}"
                aliases.add(place)
            elif kind == "waterschap":
                if not current(record):
                    continue
                lower = value.lower()
                name = value if lower.startswith(WATER_BOARD_WORDS) else f"Waterschap {value}"
                aliases.add(value)
            elif kind == "regio":
                if not current(record) or not re.match(r"(GGD|Veiligheidsregio) ", value):
                    continue
                name = value
            elif folder == "organisatieonderdelen":
                # Only agencies and planning offices that are parts of a ministry.
                is_agency = file_name.startswith("agentschap-")
                is_planbureau = "planbureau" in value.lower()
                if not (is_agency or is_planbureau) or not current(record):
                    continue
                match = re.fullmatch(r"(.+?)\s*\(([A-Za-z&]{2,10})\)", value)
                if match:
                    value, abbr = match.group(1), match.group(2)
                name = value
            else:
                # A zbo without an address of its own is a collective designation
                # (`Erkenninghouders Algemene Periodieke Keuring`), not one body.
                if not current(record) or (kind == "zbo" and not domains):
                    continue
                name = value
            if kind in ("agentschap", "inspectie", "zbo", "hoog-college", "politie") or (
                    folder == "organisatieonderdelen"):
                # Abbreviations of three letters or more with two capitals or more
                # (`NVWA`, `RvIG`; two letters are too often something else), never a
                # register's internal code for another body.
                if (re.fullmatch(r"[A-Za-z&]{3,10}", abbr)
                        and sum(c.isupper() for c in abbr) >= 2
                        and abbr.upper() not in ("KOOP", "PDC")):
                    aliases.add(abbr)
            aliases.discard(name)
            yield kind, name, aliases, domains


def supplement():
    if not os.path.exists(SUPPLEMENT):
        return
    with open(SUPPLEMENT, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            kind, name, aliases, domains = (line.rstrip("\n").split("\t") + ["", ""])[:4]
            yield kind, name, {a for a in aliases.split("|") if a}, {
                d for d in domains.split("|") if d}


def main():
    table = {}
    added = list(supplement())
    # The supplement's domains are checked by hand: they win over the register's.
    claimed = {d for _, _, _, domains in added for d in domains}
    for kind, name, aliases, domains in list(entries()) + added:
        entry = table.setdefault(name, {"kind": kind, "aliases": set(), "domains": set()})
        entry["aliases"] |= aliases
        entry["domains"] |= domains
    for kind, name, _, domains in added:
        for other, entry in table.items():
            if other != name:
                entry["domains"] -= claimed & domains
    # A domain used by several organisations belongs to the one ministry among them
    # (an inspection mailing from minvws.nl); otherwise to none of them.
    users = collections.defaultdict(set)
    for name, entry in table.items():
        for domain in entry["domains"]:
            users[domain].add(name)
    for domain, names in users.items():
        if len(names) == 1:
            continue
        ministries = [n for n in names if table[n]["kind"] == "ministerie"]
        keep = ministries[0] if len(ministries) == 1 else None
        for n in names:
            if n != keep:
                table[n]["domains"].discard(domain)
    # An alias that names two organisations names neither.
    alias_users = collections.Counter(
        a for entry in table.values() for a in entry["aliases"])
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# kind\tname\taliases\tdomains (generated by scripts/make-organisations.py;"
                  " do not edit)\n")
        for name in sorted(table, key=lambda n: (table[n]["kind"], n)):
            entry = table[name]
            aliases = sorted(a for a in entry["aliases"] if alias_users[a] == 1 and a != name)
            out.write("\t".join([entry["kind"], name, "|".join(aliases),
                                 "|".join(sorted(entry["domains"]))]) + "\n")
    counts = collections.Counter(e["kind"] for e in table.values())
    print(f"{OUT}: {len(table)} organisations", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
