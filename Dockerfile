FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
RUN useradd --create-home --uid 1000 app
COPY requirements/ requirements/
# python-ldap (directory sign-on, docs/sign-on.md) builds against OpenLDAP's
# and SASL's headers; the compiler leaves again, the libraries stay.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev libldap2-dev libsasl2-dev \
    && pip install --no-cache-dir -r requirements/base.txt -c requirements/lock.txt \
    && apt-get purge -y gcc && apt-get autoremove -y \
    && rm -rf /var/lib/apt/lists/*
COPY . .
# Production settings refuse to load without their variables; these stand-ins
# serve collectstatic only and are not in the image's environment.
RUN SECRET_KEY=build ALLOWED_HOSTS=localhost EMAIL_URL=smtp://localhost \
    SITE_URL=https://build.invalid MEDIA_ROOT_SHARED=1 \
    python manage.py collectstatic --noinput
# PYTHONDONTWRITEBYTECODE keeps the app user from writing into /app at run
# time; compiling once here spares every worker, Celery process and import
# command about a second of CPU compiling the project's modules at start.
RUN python -m compileall -q -j 0 /app
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--workers", "3", "--access-logfile", "-"]
