"""A real LibreOffice (soffice, headless) for tests that open files as an
agency would, and a reader of the OpenDocument spreadsheets it writes.

Tests that use it are marked `libreoffice` and take the `soffice` fixture:
without soffice they skip with a reason, unless LIBREOFFICE_REQUIRED=1 (CI,
`.ci/run`), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

# LibreOffice's CSV import filter: comma, double quote, UTF-8, from line 1,
# standard column types, default language, quoted fields not forced to
# text, no special numbers, then (token 13) "Evaluate formulas" ON: the
# most dangerous way to open a CSV file, which the files must survive.
CSV_IMPORT_EVALUATING = (
    "Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1,true"
)

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


@pytest.fixture
def soffice(tmp_path: Path) -> Soffice:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        reason = "LibreOffice (soffice) not found: apt-get install libreoffice-calc-nogui"
        if os.environ.get("LIBREOFFICE_REQUIRED") == "1":
            pytest.fail(f"LIBREOFFICE_REQUIRED=1 but {reason}")
        pytest.skip(reason)
    return Soffice(path, tmp_path / "lo-profile")


@dataclass(frozen=True)
class Cell:
    value_type: str | None  # string, float, date, ... (None: empty)
    formula: str | None
    text: str


@dataclass(frozen=True)
class Soffice:
    path: str
    profile: Path

    def convert(self, source: Path, to: str, *, infilter: str | None = None) -> Path:
        """`source` converted by LibreOffice to the format `to` (ods, xlsx,
        csv...), in a folder `as-<to>` next to it."""
        return self.convert_all([source], to, infilter=infilter)[0]

    def convert_all(
        self, sources: list[Path], to: str, *, infilter: str | None = None
    ) -> list[Path]:
        """Each of `sources` (in one folder) converted by one run of
        LibreOffice, with a profile of the test's own, so that runs in
        parallel never share LibreOffice's lock."""
        out = sources[0].parent / f"as-{to}"
        command = [
            self.path,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
        ]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", to, "--outdir", str(out), *map(str, sources)]
        subprocess.run(command, check=True, capture_output=True, timeout=300)
        converted = [out / f"{source.stem}.{to}" for source in sources]
        missing = [path.name for path in converted if not path.exists()]
        assert missing == [], f"LibreOffice wrote none of {missing}"
        return converted


def _inline(element: ElementTree.Element) -> str:
    """The text of a paragraph or span, with the spaces, tabs and line
    breaks OpenDocument stores as elements of their own."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.rpartition("}")[2]
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _text(cell: ElementTree.Element) -> str:
    """A cell's text: its paragraphs, one a line."""
    return "\n".join(_inline(p) for p in cell.findall(f"{{{TEXT}}}p"))


def ods_sheets(path: Path) -> dict[str, list[list[Cell]]]:
    """Every sheet of an .ods file as rows of cells, trailing empty cells
    and rows left out."""
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    sheets = {}
    for table in root.iter(f"{{{TABLE}}}table"):
        rows = []
        for row in table.iter(f"{{{TABLE}}}table-row"):
            cells = []
            for element in row.iter(f"{{{TABLE}}}table-cell"):
                repeat = int(element.get(f"{{{TABLE}}}number-columns-repeated", "1"))
                found = Cell(
                    element.get(f"{{{OFFICE}}}value-type"),
                    element.get(f"{{{TABLE}}}formula"),
                    _text(element),
                )
                cells += [found] * min(repeat, 1024)
            while cells and cells[-1].value_type is None and cells[-1].formula is None:
                cells.pop()
            rows.append(cells)
        while rows and not rows[-1]:
            rows.pop()
        sheets[table.get(f"{{{TABLE}}}name", "")] = rows
    return sheets
