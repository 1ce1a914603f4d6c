from django.urls import path

from ksr.documents import views

app_name = "documents"
urlpatterns = [
    path("<str:code>/<int:pk>.<str:fmt>", views.download, name="download"),
    path("wydane/<int:pk>/", views.issued_detail, name="issued"),
    path("wydane/<int:pk>/podpisana-kopia/", views.signed_copy, name="signed_copy"),
    path("ustawienia/<int:organisation_pk>/", views.document_settings, name="settings"),
]
