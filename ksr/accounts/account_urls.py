"""Routes of the account basics (password reset and change, sessions), added to ``accounts.urls``."""

from django.urls import path

from ksr.accounts import account_views as views

urlpatterns = [
    path("haslo/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("haslo/reset/wyslano/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("haslo/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("haslo/reset/gotowe/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("haslo/zmiana/", views.PasswordChangeView.as_view(), name="password_change"),
    path("sesje/", views.session_list, name="sessions"),
    path("sesje/wyloguj-pozostale/", views.sessions_end_others, name="sessions_end_others"),
]
