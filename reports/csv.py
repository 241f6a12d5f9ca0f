"""CSV downloads of reports: the project's one writer,
`kernel.tabular`, under the names the report sections import."""

from __future__ import annotations

from kernel.tabular import FORMULA_STARTS, csv_response, safe_filename
from kernel.tabular import cell as safe_cell

__all__ = ["FORMULA_STARTS", "csv_response", "safe_cell", "safe_filename"]
