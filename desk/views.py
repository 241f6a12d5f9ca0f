from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def screen(request: HttpRequest) -> HttpResponse:
    # Placeholder until the desk screen lands.
    return render(request, "home.html")
