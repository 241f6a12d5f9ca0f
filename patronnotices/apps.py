from django.apps import AppConfig


class PatronNoticesConfig(AppConfig):
    name = "patronnotices"
    verbose_name = "Patron notices"

    def ready(self) -> None:
        from patronnotices.sections import notice_preference
        from patrons.sections import offer_section

        offer_section("notice_preference", notice_preference)
