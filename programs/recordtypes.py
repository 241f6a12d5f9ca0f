"""Program attendance as a confidential record type (DESIGN section 6),
declared once for the registry (recordtypes). A legal production takes
the lines the desk may read out."""

from __future__ import annotations

from programs.disclosure import program_attendance
from programs.retention import ProgramSignupHandler
from recordtypes import Declaration, register
from recordtypes.vocabulary import RecordType

register(
    Declaration(
        key=RecordType.PROGRAM_ATTENDANCE.value,
        label=str(RecordType.PROGRAM_ATTENDANCE.label),
        disclose=program_attendance,
        retention=(ProgramSignupHandler,),
    )
)
