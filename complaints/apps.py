from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from complaints import models

        auditlog.register(models.Complaint, m2m_fields={"staff_involved"})
        auditlog.register(models.ComplaintAttachment, exclude_fields=["file"])
        auditlog.register(models.ReconsiderationRequest)
        auditlog.register(models.CommitteeMember)
        auditlog.register(models.CommentCard)
        auditlog.register(models.Incident)
        auditlog.register(models.ComplaintSettings)
