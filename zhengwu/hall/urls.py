"""Public pages of the hall app, mounted at /hall/: the case board and appointments."""

from django.urls import path

from . import views

app_name = "hall"

urlpatterns = [
    path("board/", views.board, name="board"),
    path("appointments/", views.book_form, name="book"),
    path("appointments/book/", views.book, name="book-submit"),
    path("appointments/<str:number>/cancel/", views.cancel, name="cancel"),
]
