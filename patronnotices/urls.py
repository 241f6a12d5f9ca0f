from django.urls import path

from patronnotices import views

app_name = "patronnotices"
urlpatterns = [
    path("patrons/<int:patron_id>/preference/", views.preference, name="preference"),
    path("print/", views.print_batches, name="print_batches"),
    path("print/<int:batch_id>/", views.print_batch, name="print_batch"),
    path("print/<int:batch_id>/printed/", views.print_batch_printed, name="print_batch_printed"),
]
