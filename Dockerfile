# One image for web, migrate, worker and beat (docker-compose.yml); the command differs per
# service, the web server is this CMD.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VAR_DIR=/app/var

WORKDIR /app
RUN useradd --create-home --uid 1000 app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .

COPY . .
# collectstatic needs settings, not secrets: a throwaway key for the build step only.
# (tests/test_production_smoke.py runs this line and the CMD below as they are written here.)
RUN DEBUG=false SECRET_KEY=build-only-not-secret-build-only-not-secret-xx python manage.py collectstatic --noinput
RUN mkdir -p /app/var && chown -R app:app /app/var

USER app
EXPOSE 8000
# The web server; its settings (bind, workers, logging) are in gunicorn.conf.py.
CMD ["gunicorn", "pleegzorg.wsgi:application"]
