"""The admin application, with the library's own site as the default one.

Kept apart from `apps.py`: Django picks an application's configuration from
the classes found in its `apps` module, and an admin configuration there
would be taken for the library's own.
"""

from django.contrib.admin.apps import AdminConfig


class LibraryAdminConfig(AdminConfig):
    default_site = "organisation.admin_site.LibraryAdminSite"
