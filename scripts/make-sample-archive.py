#!/usr/bin/env python3
"""Make the sample archive in archive/ from the seed texts in ../shared/seeds/.

Seed 000 is a printed email thread: it becomes a real RFC 5322 message (.eml, MIME,
quoted-printable UTF-8) and the same thread printed into a PDF. Seeds 001-004 are
letters to the council: they become PDFs with a text layer, laid out like a letter,
keeping the seeds' own line breaks (and so the line-end hyphenation of seed 001).
Redaction codes are kept exactly as the seeds print them.

One more file is no seed: a short acknowledgement of the council questions, written for
this archive and published as a scan, an image-only page with no text layer (set in
type, rasterised by pdftoppm in grey at SCAN_DPI, and placed as the page's only content),
so that every build of the sample site exercises OCR.

The output is committed; run this again only when the seeds change:
    scripts/make-sample-archive [SEED_DIR] [ARCHIVE_DIR]
"""

import datetime
import email.policy
import email.utils
import re
import sys
from email.message import EmailMessage
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# A fixed export date keeps the generated files byte-identical between runs, so
# document ids (content hashes) and permalinks stay stable.
EXPORT_DATE = datetime.datetime(2025, 10, 6, 9, 0, 0, tzinfo=datetime.timezone.utc)

LETTERS = {
    "001": ("beantwoording-vragen-art36-jb-noord.pdf",
            "Beantwoording vragen ex art. 36 RvO over Jeugdbescherming Noord"),
    "002": ("raadsbrief-ontwikkelingen-jb-noord.pdf",
            "Raadsbrief over nieuwe ontwikkelingen rond Jeugdbescherming Noord"),
    "003": ("raadsbrief-besluit-jbn-vtg.pdf",
            "Raadsbrief over Jeugdbescherming Noord en Veilig Thuis Groningen"),
    "004": ("raadsbrief-inkoopregio-jeugdhulp-drenthe.pdf",
            "Informatie over de inkoopregio jeugdhulp Drenthe"),
}
EMAIL_NAME = "spoedoverleg-bo-jbn"
SCAN_NAME = "scan-ontvangstbevestiging-vragen-art36.pdf"
# Office scanners deliver 150-300 dpi; the lower end keeps the file small.
SCAN_DPI = 150
SCAN_TEXT = """Gemeente Groningen
Griffie

Aan: mevrouw K. Blauw (PVV) en de heer Y. Menger (Stadspartij 100% voor Groningen)

Groningen, 4 september 2025

Onderwerp: ontvangstbevestiging schriftelijke vragen ex art. 36 RvO

Geachte mevrouw Blauw en heer Menger,

Wij hebben uw schriftelijke vragen over Jeugdbescherming Noord in goede orde
ontvangen. U hebt de vragen op 2 september 2025 ingediend. Het college beantwoordt
ze binnen dertig dagen. De antwoorden worden met de raad gedeeld en op de website
van de gemeente gepubliceerd.

Met vriendelijke groet,

de griffier van de gemeenteraad
"""


def seed(seed_dir: Path, number: str) -> str:
    [path] = seed_dir.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def plain(line: str) -> str:
    """Drops the Markdown emphasis the seeds carry (**Van:**, *titel*)."""
    return line.replace("**", "").replace("*", "")


class Letter(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4", unit="mm")
        self.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
        self.add_font("Serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=22)
        self.set_title(title)
        self.set_creator("Openbaar sample archive (scripts/make-sample-archive.py)")
        self.set_creation_date(EXPORT_DATE)
        self.alias_nb_pages()

    def footer(self):
        self.set_y(-15)
        self.set_font("Serif", "", 8)
        self.cell(0, 5, f"Pagina {self.page_no()} van {{nb}}", align="C")


def write_lines(pdf: FPDF, lines, size: float, bold_labels=False):
    width = pdf.w - pdf.l_margin - pdf.r_margin
    height = size * 0.5
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            pdf.ln(height)
            continue
        if bold_labels and line.startswith("**"):
            # `**Van:** Diederik Hommes`: the label bold, as Outlook prints it.
            pdf.set_font("Serif", "", size)
            pdf.multi_cell(0, height, line, align="L", markdown=True,
                           new_x="LMARGIN", new_y="NEXT")
            continue
        text = plain(line)
        pdf.set_font("Serif", "", size)
        if pdf.get_string_width(text) <= width:
            # Short enough: keep the seed's own line break.
            pdf.cell(0, height, text, new_x="LMARGIN", new_y="NEXT")
        else:
            # Ragged right, as council letters are set (and justified text in fpdf2 is
            # positioned word by word, which no reader needs to untangle here).
            pdf.multi_cell(0, height, text, align="L", new_x="LMARGIN", new_y="NEXT")


def fitting_size(lines, width_mm: float) -> float:
    """The largest font size (at most 10.5 pt) at which every seed line fits."""
    probe = FPDF()
    probe.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    size = 10.5
    while size > 7:
        probe.set_font("Serif", "", size)
        longest = max(probe.get_string_width(plain(l.rstrip())) for l in lines)
        if longest <= width_mm:
            return size
        size -= 0.25
    return size


def make_letter(text: str, title: str, target: Path, keep_lines: bool):
    lines = text.splitlines()
    pdf = Letter(title)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    size = fitting_size(lines, width) if keep_lines else 10.5
    write_lines(pdf, lines, size)
    pdf.output(str(target))


def parse_printed_email(text: str):
    """Splits seed 000 into the top header block, and the body below it."""
    headers, body_lines, in_body = {}, [], False
    for line in text.splitlines():
        m = re.match(r"^\*\*(\w+):\*\*\s*(.*?)\s*$", line)
        if not in_body and m:
            headers[m.group(1)] = m.group(2)
            continue
        if not in_body and not line.strip():
            if headers:
                in_body = True
            continue
        in_body = True
        body_lines.append(line.rstrip())
    return headers, "\n".join(body_lines).strip() + "\n"


def addresses(value: str):
    """`Name[addr@ host]; 5.1.2e @host` → [(name, addr)], print artefacts removed."""
    result = []
    for item in filter(None, (p.strip() for p in value.split(";"))):
        m = re.match(r"^(.*?)\[(.*)\]$", item)
        name, addr = (m.group(1).strip(), m.group(2)) if m else ("", item)
        addr = addr.replace(" ", "")
        result.append((name if name and name.replace(" ", "") != addr else "", addr))
    return result


def outlook_date(value: str) -> datetime.datetime:
    """`Thur 8/28/2025 10:48:55 AM` as printed by Outlook (times in UTC)."""
    _, rest = value.split(" ", 1)
    moment = datetime.datetime.strptime(rest, "%m/%d/%Y %I:%M:%S %p")
    return moment.replace(tzinfo=datetime.timezone.utc)


def make_email(text: str, target: Path):
    headers, body = parse_printed_email(text)
    sent = outlook_date(headers["Sent"])
    received = outlook_date(headers["Received"])
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["Received"] = f"by mail.groningen.nl; {email.utils.format_datetime(received)}"
    # The print gives the sender's name only (his address is redacted in the signature);
    # an empty RFC 5322 group carries a name without inventing an address.
    msg["From"] = f"{headers['From']}:;"
    msg["To"] = ", ".join(email.utils.formataddr(a) for a in addresses(headers["To"]))
    msg["Cc"] = ", ".join(email.utils.formataddr(a) for a in addresses(headers["Cc"]))
    msg["Date"] = email.utils.format_datetime(sent)
    msg["Subject"] = headers["Subject"]
    msg["Message-ID"] = "<spoedoverleg-bo-jbn-re-20250828104855@groningen.nl>"
    msg["Thread-Topic"] = "Spoedoverleg BO JBN"
    msg["Importance"] = "high"
    msg.set_content(plain_body(body), charset="utf-8", cte="quoted-printable")
    target.write_bytes(msg.as_bytes())


def plain_body(body: str) -> str:
    return "\n".join(plain(line) for line in body.splitlines()) + "\n"


def make_printed_email(text: str, target: Path):
    pdf = Letter("RE: Spoedoverleg BO JBN")
    pdf.footer = lambda: None  # Outlook prints no page numbers
    pdf.add_page()
    write_lines(pdf, text.splitlines(), 10, bold_labels=True)
    pdf.output(str(target))


def make_scan(text: str, target: Path):
    """A page set in type, then published as its image only (see the module doc)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        typed = Path(tmp) / "typed.pdf"
        letter = Letter("Ontvangstbevestiging vragen art. 36")
        letter.footer = lambda: None
        letter.add_page()
        write_lines(letter, text.splitlines(), 10.5)
        letter.output(str(typed))
        subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", "-singlefile",
                        str(typed), str(Path(tmp) / "page")], check=True)
        scan = FPDF(format="A4", unit="mm")
        scan.set_creator("Openbaar sample archive (scripts/make-sample-archive.py)")
        scan.set_creation_date(EXPORT_DATE)
        scan.add_page()
        scan.image(str(Path(tmp) / "page.png"), x=0, y=0, w=scan.w, h=scan.h)
        scan.output(str(target))


def main():
    here = Path(__file__).resolve().parent.parent
    seed_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "shared" / "seeds"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else here / "archive"
    out.mkdir(parents=True, exist_ok=True)
    email_text = seed(seed_dir, "000")
    make_email(email_text, out / f"{EMAIL_NAME}.eml")
    make_printed_email(email_text, out / f"{EMAIL_NAME}.pdf")
    for number, (name, title) in LETTERS.items():
        # 001-003 are hard-wrapped like their PDF originals; 004 has a line per paragraph.
        make_letter(seed(seed_dir, number), title, out / name, keep_lines=number != "004")
    make_scan(SCAN_TEXT, out / SCAN_NAME)
    for path in sorted(out.iterdir()):
        print(f"{path.stat().st_size:>8}  {path}")


if __name__ == "__main__":
    main()
