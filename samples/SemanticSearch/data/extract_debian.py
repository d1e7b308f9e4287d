#!/usr/bin/python3
"""Extracts the SemanticSearch document sets from the Debian package lists on this machine (no network here:
the lists come from `apt-get update -o Acquire::Languages=en`, which adds the English long descriptions).

Documents: one per Debian source package, "<short description>. <first paragraph of the long description>",
cut to MAX_WORDS words. Selection is deterministic: packages are ordered by sha256(SALT + package name).
  baseline.tsv   BASELINE documents from all sections (what the indexer embeds: the drift baseline)
  unchanged.tsv  UNCHANGED further documents from all sections, disjoint from baseline (same source: no drift)
  shifted.tsv    SHIFTED documents from Section: games only, disjoint from both (another topic: drift)
Run: python3 extract_debian.py   (writes the three files beside this script)
"""
import glob, hashlib, os, re, subprocess, sys

SALT, MAX_WORDS, BASELINE, UNCHANGED, SHIFTED = "normguard-i16", 40, 500, 250, 250
SKIP = re.compile(r"transitional|dummy package|debug symbols|metapackage|documentation for|development files",
                  re.IGNORECASE)
HERE = os.path.dirname(os.path.abspath(__file__))


def stanzas(text):
    for block in text.split("\n\n"):
        fields, key = {}, None
        for line in block.split("\n"):
            if line.startswith(" ") and key:
                fields[key] += "\n" + line
            elif ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        if fields:
            yield fields


def long_descriptions():
    """Description-md5 -> long description, from the English translation lists that apt downloaded."""
    found = {}
    for path in glob.glob("/var/lib/apt/lists/*_main_i18n_Translation-en*"):
        text = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", path], check=True,
                              capture_output=True, text=True).stdout
        for s in stanzas(text):
            if "Description-md5" in s and "Description-en" in s:
                found[s["Description-md5"]] = s["Description-en"]
    if not found:
        sys.exit("no Translation-en lists: run apt-get update -o Acquire::Languages=en first")
    return found


def document(description_en):
    short, _, rest = description_en.partition("\n")
    paragraph = []
    for line in rest.split("\n"):
        line = line.strip()
        if line == ".":
            break
        if line:
            paragraph.append(line)
    words = (short.rstrip(".") + ". " + " ".join(paragraph)).split()
    return " ".join(words[:MAX_WORDS]).replace("\t", " ")


def main():
    translations = long_descriptions()
    avail = subprocess.run(["apt-cache", "dumpavail"], check=True, capture_output=True, text=True).stdout
    by_source, seen_text = {}, set()
    for s in sorted(stanzas(avail), key=lambda s: s.get("Package", "")):
        name, md5 = s.get("Package"), s.get("Description-md5")
        if not name or md5 not in translations:
            continue
        source = s.get("Source", name).split(" ")[0]
        text = document(translations[md5])
        if source in by_source or SKIP.search(text) or text in seen_text or len(text.split()) < 8:
            continue
        seen_text.add(text)
        by_source[source] = (name, s.get("Section", "unknown"), text)
    ordered = sorted(by_source.values(), key=lambda r: hashlib.sha256((SALT + r[0]).encode()).hexdigest())
    general = ordered[: BASELINE + UNCHANGED]
    used = {r[0] for r in general}
    games = [r for r in ordered if r[1] == "games" and r[0] not in used][:SHIFTED]
    for file, rows in (("baseline.tsv", general[:BASELINE]), ("unchanged.tsv", general[BASELINE:]),
                       ("shifted.tsv", games)):
        with open(os.path.join(HERE, file), "w", encoding="utf-8", newline="\n") as out:
            out.write("package\tsection\ttext\n")
            for name, section, text in rows:
                out.write(f"{name}\t{section}\t{text}\n")
        print(f"{file}: {len(rows)} documents")
    print(f"pool: {len(by_source)} source packages with an English long description")


if __name__ == "__main__":
    main()
