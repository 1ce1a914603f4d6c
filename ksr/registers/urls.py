from django.urls import path

from ksr.registers import views

app_name = "registers"
urlpatterns = [
    # The public register (no login).
    path("", views.public_index, name="public_index"),
    path("wojewodztwo/<str:code>/", views.public_voivodeship, name="public_voivodeship"),
    # Register officers.
    path("wpisy/", views.entry_list, name="entry_list"),
    path("wpisy/zgloszenie/", views.entry_create, name="entry_create"),
    path("wpisy/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("wpisy/<int:pk>/wpis/", views.entry_enter, name="entry_enter"),
    path("wpisy/<int:pk>/wykreslenie/", views.entry_strike_off, name="entry_strike_off"),
    path("wpisy/<int:pk>/korekta/", views.entry_update, name="entry_update"),
]
