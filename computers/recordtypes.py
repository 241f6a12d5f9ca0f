"""Public-computer use as a confidential record type (DESIGN section 6),
declared once for the registry (recordtypes). A legal production takes
the lines the desk may read out."""

from __future__ import annotations

from computers.disclosure import computer_use
from computers.retention import ComputerSessionHandler
from recordtypes import Declaration, register
from recordtypes.vocabulary import RecordType

register(
    Declaration(
        key=RecordType.COMPUTER_USE.value,
        label=str(RecordType.COMPUTER_USE.label),
        disclose=computer_use,
        retention=(ComputerSessionHandler,),
    )
)
