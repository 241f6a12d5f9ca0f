from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def register(request: HttpRequest) -> HttpResponse:
    # Placeholder until patron registration lands.
    return render(request, "home.html")
