"""Gunicorn's settings for the web process (Dockerfile, docker-compose.yml, `make bench`).

Gunicorn reads ./gunicorn.conf.py from its working directory by itself.
"""

workers = 3
