#!/usr/bin/env bash
# Extract English message ids into each app's locale/nl/LC_MESSAGES/django.po (and the
# project's locale/ for templates/ and pleegzorg/), then compile. Needs GNU gettext.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
APPS="accounts core cases zorgteam agreements evaluations collaboration reminders dashboard portal caseload_import lifecycle demo security quality privacy"
for app in $APPS; do
  (cd "$app" && mkdir -p locale && "../$PY" ../manage.py makemessages -l nl --no-obsolete --no-location --no-wrap >/dev/null)
done
ignores=()
for app in $APPS; do ignores+=(--ignore "$app/*"); done
"$PY" manage.py makemessages -l nl --no-obsolete --no-location --no-wrap --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --ignore "benchmarks/*" "${ignores[@]}" >/dev/null
"$PY" manage.py compilemessages --ignore ".venv" >/dev/null
echo "messages extracted and compiled"
