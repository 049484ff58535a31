"""Public portal pages (网上办事大厅)."""

from __future__ import annotations

from django.shortcuts import render


def home(request):
    return render(request, "portal/home.html")
