from django.urls import path

from ksr.accounts import account_urls, views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wyloguj/", views.LogoutView.as_view(), name="logout"),
    path("drugi-skladnik/konfiguracja/", views.otp_setup, name="otp_setup"),
    path("drugi-skladnik/weryfikacja/", views.otp_verify, name="otp_verify"),
    path("drugi-skladnik/wylacz/", views.otp_disable, name="otp_disable"),
    path("token-api/nowy/", views.token_create, name="token_create"),
    path("token-api/uniewaznij/", views.token_revoke, name="token_revoke"),
    *account_urls.urlpatterns,
]
