# The two commands a new developer needs: `make run` and `make test` (see README.md).
.PHONY: run test bench lint format messages check-deploy backup restore clean

run:  ## the app on the embedded default, with demo data, worker and beat
	bash scripts/run.sh

test:  ## install/start PostgreSQL, Redis, Chromium; lint; run the whole suite on PostgreSQL
	bash scripts/test.sh

bench:  ## benchmarks (deadlines on SQLite and PostgreSQL, reminders, dashboard, quality page); prints figures
	bash scripts/bench.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports --no-cache

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

messages:  ## extract and compile the Dutch translations (needs GNU gettext)
	bash scripts/messages.sh

check-deploy:  ## Django's deployment checks with production-like settings
	DEBUG=false SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=zorgteam.example.nl CACHE_URL=redis://localhost:6379/1 \
	  .venv/bin/python manage.py check --deploy

backup:  ## dump DATABASE_URL (PostgreSQL) to var/backups/ or FILE=…; COMPOSE=1: the compose stack
	bash scripts/backup.sh $(FILE)

restore:  ## restore FILE=… into DATABASE_URL (empty; CLEAN=1 replaces); COMPOSE=1: the compose stack
	bash scripts/restore.sh $(if $(CLEAN),--clean) $(FILE)

clean:
	rm -rf var staticfiles db.sqlite3 .pytest_cache
