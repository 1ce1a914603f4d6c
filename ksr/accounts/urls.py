from django.urls import path

from ksr.accounts import views
from ksr.core.access import public

app_name = "accounts"
urlpatterns = [path("", views.placeholder, name="profile")]
from django.contrib.auth import views as auth_views  # noqa: E402

urlpatterns += [
    path("logowanie/", public(auth_views.LoginView.as_view()), name="login"),
    path("wyloguj/", public(auth_views.LogoutView.as_view()), name="logout"),
]
