# Notices are personal to their recipient: no admin pages.
