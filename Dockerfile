# One image for web, worker and beat (docker-compose.yml); the command differs per service.
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
RUN DEBUG=false SECRET_KEY=build-only-not-secret-build-only-not-secret-xx \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var && chown -R app:app /app/var

USER app
EXPOSE 8000
# Workers, worker class and threads: gunicorn.conf.py, which gunicorn reads from /app itself.
CMD ["gunicorn", "pleegzorg.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
