"""The deployment as the Dockerfile and docker-compose.yml write it, read for the smoke test.

The smoke test runs these commands without a Docker engine, so the two files stay the single
source: a command changed there is the command the test runs. Paths under the image's
WORKDIR (/app) map to the folder the test copied the build context to.
"""

import fnmatch
import json
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

WORKDIR = "/app"


@dataclass
class Recipe:
    image_env: dict  # the Dockerfile's ENV
    static_env: dict  # the variables set on the collectstatic RUN line
    static_argv: list
    web_argv: list  # the Dockerfile's CMD, which compose's web service runs
    compose: dict  # docker-compose.yml, parsed

    def service_argv(self, name):
        command = self.compose["services"][name]["command"]
        assert isinstance(command, list), f"{name}: keep the command an exec-form list"
        return command

    def app_env(self, variables):
        """The app services' environment, with ${VAR:-default} resolved from `variables`."""
        env = self.compose["x-app"]["environment"]
        return {key: interpolate(str(value), variables) for key, value in env.items()}


def _instructions(dockerfile_text):
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    logical, current = [], ""
    for line in dockerfile_text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        logical.append(current + stripped)
        current = ""
    pairs = []
    for line in logical:
        keyword, _, rest = line.partition(" ")
        pairs.append((keyword.upper(), rest.strip()))
    return pairs


def _assignments_then_argv(words):
    env = {}
    while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    return env, words


def read(root):
    root = Path(root)
    instructions = _instructions((root / "Dockerfile").read_text())
    image_env = {}
    for keyword, rest in instructions:
        if keyword == "ENV":
            image_env.update(_assignments_then_argv(shlex.split(rest))[0])
    static_runs = [rest for kw, rest in instructions if kw == "RUN" and "collectstatic" in rest]
    assert len(static_runs) == 1, "one RUN line runs collectstatic"
    static_words = shlex.split(static_runs[0])
    assert not {"&&", "||", ";", "|"} & set(static_words), "keep the collectstatic RUN one command"
    static_env, static_argv = _assignments_then_argv(static_words)
    cmds = [rest for kw, rest in instructions if kw == "CMD"]
    assert len(cmds) == 1, "one CMD"
    web_argv = json.loads(cmds[0])  # exec form: a JSON array
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    return Recipe(image_env, static_env, static_argv, web_argv, compose)


_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?::(?P<op>[-?])(?P<arg>[^}]*))?\}")


def interpolate(value, variables):
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error} (and $$ for a dollar sign)."""

    def one(match):
        name, op, arg = match["name"], match["op"], match["arg"]
        if variables.get(name):
            return variables[name]
        if op == "?":
            raise KeyError(f"{name} must be set: {arg}")
        return arg if op == "-" else ""

    return _VARIABLE.sub(one, value.replace("$$", "\0")).replace("\0", "$")


def in_workdir(value, app_dir):
    """The image's /app paths, here: the folder holding the copied build context."""
    if value == WORKDIR or value.startswith(WORKDIR + "/"):
        return str(app_dir) + value[len(WORKDIR) :]
    return value


def copy_build_context(root, dest):
    """`COPY . .` of the build context: the checkout less what .dockerignore names."""
    root = Path(root)
    patterns = [
        p for p in (root / ".dockerignore").read_text().split() if p and not p.startswith("#")
    ]

    def ignore(folder, names):
        return {n for n in names if any(fnmatch.fnmatch(n, pat) for pat in patterns)}

    shutil.copytree(root, dest, ignore=ignore, symlinks=True)
    return Path(dest)
