#!/usr/bin/env python3
"""Writes inventaris.xlsx, the fuzzer's small written inventory workbook (standard library only)."""
import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

STRINGS = ["ID", "01 Document", "06 Datum", "02 Beoordeling", "03 Beoordelingsgrond",
           "Email Thread ID", "raadsbrief-besluit-jbn-vtg.pdf", "Openbaar",
           "spoedoverleg-bo-jbn.eml", "Deels Openbaar", "5.1.2e; 5.1.5", "T-77"]

FILES = {
    "[Content_Types].xml": HEAD + f'<Types xmlns="{PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/></Types>',
    "_rels/.rels": HEAD + f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Inventaris" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": HEAD + f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
    "xl/styles.xml": HEAD + f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/sharedStrings.xml": HEAD + f'<sst xmlns="{MAIN}" count="{len(STRINGS)}" uniqueCount="{len(STRINGS)}">' + "".join(f"<si><t>{s}</t></si>" for s in STRINGS) + "</sst>",
    "xl/worksheets/sheet1.xml": HEAD + f'<worksheet xmlns="{MAIN}"><dimension ref="A1:F3"/><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>'
    '<row r="2"><c r="A2"><v>1001</v></c><c r="B2" t="s"><v>6</v></c><c r="C2" s="1"><v>45742</v></c><c r="D2" t="s"><v>7</v></c></row>'
    '<row r="3"><c r="A3"><v>1002</v></c><c r="B3" t="s"><v>8</v></c><c r="C3" s="1"><v>45897.45</v></c><c r="D3" t="s"><v>9</v></c><c r="E3" t="s"><v>10</v></c><c r="F3" t="s"><v>11</v></c></row>'
    "</sheetData></worksheet>",
}

out = Path(__file__).with_name("inventaris.xlsx")
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in FILES.items():
        info = zipfile.ZipInfo(name, date_time=(2025, 3, 26, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
