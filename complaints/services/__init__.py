"""Writes for complaints, reconsideration requests, comment cards and
incidents, one module per subject; the public names are re-exported here.

The case steps (decide, appeal, close, grants, timeline, clocks) are
`cases.workflow` and `cases.clocks`; who is told what is
`complaints.notifications`.
"""

from cases.workflow import APPEAL_WINDOW_CLOSED, NOT_ALLOWED, ServiceError
from complaints.casetypes import RECON_WRONG_STATE, WRONG_STATE, settings_for
from complaints.notifications import CLOCK_LABELS
from complaints.services.clocks import complaints_check_clocks, reconsiderations_check_clocks
from complaints.services.complaints import (
    ALREADY_ASSIGNED,
    ALREADY_WAITING,
    ASSIGNEE_NOT_ELIGIBLE,
    NOT_WAITING,
    complaint_add_attachment,
    complaint_close,
    complaint_decide,
    complaint_escalate,
    complaint_log,
    complaint_pause,
    complaint_record_appeal,
    complaint_record_update,
    complaint_resolve_informally,
    complaint_resume,
)
from complaints.services.desk_records import (
    ANONYMOUS_WITH_NAME,
    INCIDENT_CLOSED,
    comment_card_log,
    incident_close,
    incident_notify_supervisors,
    incident_report,
)
from complaints.services.letters import (
    complaint_send_decision_letter,
    reconsideration_send_letter,
)
from complaints.services.notices import (
    complaint_notify_assignee,
    complaint_send_reminder,
    reconsideration_send_reminder,
)
from complaints.services.reconsideration import (
    RECON_MEMBER_EXISTS,
    RECON_NO_COMMITTEE,
    RECON_NOT_CARDHOLDER,
    RECON_NOT_ELIGIBLE,
    RECON_NOT_READ,
    RECON_REPEAT,
    reconsideration_acknowledge,
    reconsideration_add_member,
    reconsideration_close,
    reconsideration_decide,
    reconsideration_record_appeal,
    reconsideration_request,
)

__all__ = [
    "ALREADY_ASSIGNED",
    "ALREADY_WAITING",
    "ANONYMOUS_WITH_NAME",
    "APPEAL_WINDOW_CLOSED",
    "ASSIGNEE_NOT_ELIGIBLE",
    "CLOCK_LABELS",
    "INCIDENT_CLOSED",
    "NOT_ALLOWED",
    "NOT_WAITING",
    "RECON_MEMBER_EXISTS",
    "RECON_NOT_CARDHOLDER",
    "RECON_NOT_ELIGIBLE",
    "RECON_NOT_READ",
    "RECON_NO_COMMITTEE",
    "RECON_REPEAT",
    "RECON_WRONG_STATE",
    "WRONG_STATE",
    "ServiceError",
    "comment_card_log",
    "complaint_add_attachment",
    "complaint_close",
    "complaint_decide",
    "complaint_escalate",
    "complaint_log",
    "complaint_notify_assignee",
    "complaint_pause",
    "complaint_record_appeal",
    "complaint_record_update",
    "complaint_resolve_informally",
    "complaint_resume",
    "complaint_send_decision_letter",
    "complaint_send_reminder",
    "complaints_check_clocks",
    "incident_close",
    "incident_notify_supervisors",
    "incident_report",
    "reconsideration_acknowledge",
    "reconsideration_add_member",
    "reconsideration_close",
    "reconsideration_decide",
    "reconsideration_record_appeal",
    "reconsideration_request",
    "reconsideration_send_letter",
    "reconsideration_send_reminder",
    "reconsiderations_check_clocks",
    "settings_for",
]
