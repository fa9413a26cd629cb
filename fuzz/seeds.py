#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target into fuzz/corpus/<target>/ (idempotent:
files are named by the SHA-1 of their content), from the repository's own inputs:

* csv:      tests/data/csv/* and www/data/*.csv, each with option bytes (see
            tests/hostile/harness.rs: byte 0 picks delimiter, encoding, limits, parse);
* json:     www/data/*.json as whole documents, and each array they hold, bare and
            under {"data": {"rows": ...}} (the harness's format.property);
* spec:     www/examples/*.json, www/specs/*.json and every ```json block of docs/SPEC.md;
* pipeline: the same specs, each followed by a NUL byte and the file its data.url names;
* every target also gets tests/hostile/fuzz/<target>/* (inputs that once failed).

Also writes fuzz/corpus/spec.dict, the spec's keywords for libFuzzer's -dict."""
import hashlib, json, pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "fuzz" / "corpus"


def put(target, data):
    d = corpus / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def spec_texts():
    for p in sorted((root / "www" / "examples").glob("*.json")) + sorted((root / "www" / "specs").glob("*.json")):
        if p.name != "index.json":
            yield p.read_text(encoding="utf-8")
    doc = (root / "docs" / "SPEC.md").read_text(encoding="utf-8")
    yield from re.findall(r"```json\n(.*?)```", doc, re.S)


def data_url(text):
    try:
        spec = json.loads(text)
    except ValueError:
        return None
    found = []

    def walk(v):
        if isinstance(v, dict):
            d = v.get("data")
            if isinstance(d, dict) and isinstance(d.get("url"), str):
                found.append(d["url"])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(spec)
    return found[0] if found else None


def arrays(v):
    if isinstance(v, list):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from arrays(x)


def main():
    csvs = [p for p in sorted((root / "tests" / "data" / "csv").iterdir()) if p.name != "README.md"]
    csvs += sorted((root / "www" / "data").glob("*.csv"))
    for p in csvs:
        body = p.read_bytes()
        # detect/raw; tab/raw; comma as UTF-16LE; comma as GBK; small limits; parse=number
        for control in (0x00, 0x02, 0x05, 0x11, 0x20, 0x40):
            put("csv", bytes([control]) + body)
    for p in sorted((root / "www" / "data").glob("*.json")):
        doc = json.loads(p.read_text(encoding="utf-8"))
        put("json", b"\x00" + p.read_bytes())
        for a in arrays(doc):
            if a and all(isinstance(r, dict) for r in a):
                put("json", b"\x00" + json.dumps(a, ensure_ascii=False).encode())
                put("json", b"\x01" + json.dumps({"data": {"rows": a}}, ensure_ascii=False).encode())
                put("json", b"\x02" + json.dumps(a, ensure_ascii=False).encode())
    for text in spec_texts():
        put("spec", text.encode())
        url = data_url(text)
        data = b""
        if url and (root / "www" / url).is_file():
            data = b"\x00" + (root / "www" / url).read_bytes()
        put("pipeline", text.encode() + data)
    for target in ("csv", "json", "spec", "pipeline"):
        d = root / "tests" / "hostile" / "fuzz" / target
        if d.is_dir():
            for p in sorted(d.iterdir()):
                put(target, p.read_bytes())
    words = set()
    for p in list((root / "src" / "spec").rglob("*.rs")) + list((root / "src" / "transform").glob("*.rs")):
        words.update(re.findall(r'"([a-zA-Z][a-zA-Z0-9_-]{1,24})"', p.read_text(encoding="utf-8")))
    lines = [f'k{i}="\\"{w}\\""' for i, w in enumerate(sorted(words))]
    lines += ['p0=":"', 'p1=","', 'p2="{"', 'p3="}"', 'p4="["', 'p5="]"', 'p6="null"', 'p7="true"', 'p8="1e308"', 'p9="-1"']
    (corpus / "spec.dict").write_text("\n".join(lines) + "\n")
    for target in ("csv", "json", "spec", "pipeline"):
        n = len(list((corpus / target).iterdir()))
        print(f"seeds: {target}: {n} files in fuzz/corpus/{target}", file=sys.stderr)


main()
