#!/usr/bin/env python3
"""The print layout model's font assumption, checked against the installed font files.

print::advance_em (generator/src/print/lines.cpp) says a character is 1 em wide in
BIZ UDGothic / BIZ UDMincho when its East Asian Width is W, F or A, and 0.5 em otherwise.
This reads each font's cmap and hmtx tables (standard library only) and checks, for every
character the plan's content uses, that the font's advance is what the model counts, or
narrower for an Ambiguous one (over-counting is safe: the model then breaks a line early).
usage: font_widths.py CONTENT_DIR
"""
import glob
import struct
import sys
import unicodedata

FONTS = [
    "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf",
    "/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Bold.ttf",
    "/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf",
]


def load(path):
    data = open(path, "rb").read()
    tables = {}
    for i in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        tables[tag.decode()] = off
    upem = struct.unpack(">H", data[tables["head"] + 18:tables["head"] + 20])[0]
    metrics = struct.unpack(">H", data[tables["hhea"] + 34:tables["hhea"] + 36])[0]
    hmtx = tables["hmtx"]
    advances = [struct.unpack(">H", data[hmtx + 4 * i:hmtx + 4 * i + 2])[0] for i in range(metrics)]
    cmap, base = {}, tables["cmap"]
    for i in range(struct.unpack(">H", data[base + 2:base + 4])[0]):
        _, _, off = struct.unpack(">HHI", data[base + 4 + 8 * i:base + 12 + 8 * i])
        sub = base + off
        if struct.unpack(">H", data[sub:sub + 2])[0] != 12:
            continue
        for g in range(struct.unpack(">I", data[sub + 12:sub + 16])[0]):
            start, end, glyph = struct.unpack(">III", data[sub + 16 + 12 * g:sub + 28 + 12 * g])
            for c in range(start, end + 1):
                cmap[c] = glyph + c - start
    return lambda c: None if c not in cmap else advances[min(cmap[c], len(advances) - 1)] / upem


def model(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Me", "Mn"):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5


def main():
    text = "".join(open(f, encoding="utf-8").read() for f in glob.glob(sys.argv[1] + "/**/*.md", recursive=True))
    chars = sorted(set(text) - {"\n", "\r", "\t"})
    failures = 0
    for path in FONTS:
        advance = load(path)
        missing = [c for c in chars if advance(ord(c)) is None and model(c) > 0]
        wrong = [(c, advance(ord(c)), model(c)) for c in chars
                 if advance(ord(c)) is not None and model(c) > 0 and advance(ord(c)) > model(c)]
        under = [(c, advance(ord(c))) for c in chars if advance(ord(c)) is not None and 0 < advance(ord(c)) < model(c)
                 and unicodedata.east_asian_width(c) != "A"]
        print(f"{path}: {len(chars)} characters of the content; missing {len(missing)}, "
              f"wider than the model {len(wrong)}, narrower (not Ambiguous) {len(under)}")
        for c in missing:
            print(f"  missing U+{ord(c):04X} {c}")
        for c, a, m in wrong + [(c, a, None) for c, a in under]:
            print(f"  U+{ord(c):04X} {c}: font {a} em, model {m}")
        failures += len(missing) + len(wrong) + len(under)
    sys.exit(1 if failures else 0)


main()
