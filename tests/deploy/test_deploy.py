"""The deployment files (deploy/, .env.example), checked as far as this machine allows.

There is no Docker engine here, so the Dockerfile is parsed, and then *exercised* without one: the
files it COPYs (filtered by its .dockerignore) are staged in a temporary "image root", installed
the way its RUN does into a fresh virtualenv, its build-time ``fangtan`` steps run as they would
in the image (same ENV, paths moved under the temporary root), and its CMD and HEALTHCHECK run
against the stand-in Bot API server and get its STOPSIGNAL. Compose files are loaded with PyYAML
when it is importable; the systemd unit goes through ``systemd-analyze verify`` and the nginx
snippet through ``nginx -t`` and a live TLS round trip when those tools are installed. Every
check that needs a missing tool skips with the reason.
"""

from __future__ import annotations

import getpass
import io
import json
import os
import re
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from dockerfile_parse import DockerfileParser
from pydantic_core import PydanticUndefined

from fangtan.bot.settings import Settings
from fangtan.bot.texts import cli as cli_texts
from tests.conftest import ROOT
from tests.support.bot_api import FakeBotApi
from tests.support.ports import free_port, wait_for_port

DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
DOCKERIGNORE = DEPLOY / "Dockerfile.dockerignore"
COMPOSE = DEPLOY / "docker-compose.yml"
COMPOSE_WEBHOOK = DEPLOY / "docker-compose.webhook.yml"
NGINX = DEPLOY / "nginx-fangtan.conf"
UNIT = DEPLOY / "fangtan.service"
ENV_EXAMPLE = ROOT / ".env.example"

SETTINGS = {f"FANGTAN_{name.upper()}" for name in Settings.model_fields}
TOKEN = "424242:deploy-secret-TOKEN-value"
SECRET = "deploy-hook-secret"
QUESTION = "谁提了数据安全？"  # answered from the bundled corpus by 张乾坤


# ---- the Dockerfile, read by dockerfile-parse -------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str
    line: int

    def exec_form(self) -> list[str]:
        """CMD/ENTRYPOINT/HEALTHCHECK's command in JSON (exec) form."""
        command = self.args.split(" CMD ", 1)[1] if self.keyword == "HEALTHCHECK" else self.args
        value = json.loads(command.strip())
        assert isinstance(value, list) and all(isinstance(v, str) for v in value), self
        return value


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions as Docker reads them: continuations joined, comments dropped, no $VARs
    replaced (the test moves the image's paths itself)."""
    parser = DockerfileParser(fileobj=io.BytesIO(text.encode()), env_replace=False)
    return [
        Instruction(item["instruction"], item["value"].strip(), item["startline"] + 1)
        for item in parser.structure
        if item["instruction"] != "COMMENT"
    ]


def env_pairs(instruction: Instruction) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for token in shlex.split(instruction.args):
        key, sep, value = token.partition("=")
        assert sep, f"line {instruction.line}: use ENV KEY=VALUE, not the legacy form"
        pairs[key] = value
    return pairs


def copy_parts(instruction: Instruction) -> tuple[list[str], str]:
    words = [w for w in shlex.split(instruction.args) if not w.startswith("--")]
    return words[:-1], words[-1]


@pytest.fixture(scope="module")
def dockerfile() -> list[Instruction]:
    return parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))


def only(instructions: list[Instruction], keyword: str) -> Instruction:
    found = [i for i in instructions if i.keyword == keyword]
    assert len(found) == 1, f"expected one {keyword}, found {len(found)}"
    return found[0]


def image_env(instructions: list[Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction in instructions:
        if instruction.keyword == "ENV":
            env.update(env_pairs(instruction))
    return env


def test_dockerfile_base_user_cmd_healthcheck(dockerfile: list[Instruction]) -> None:
    keywords = [i.keyword for i in dockerfile]
    assert keywords[0] == "FROM"
    assert re.fullmatch(r"python:3\.\d+-slim", dockerfile[0].args), dockerfile[0].args
    assert keywords.count("FROM") == 1

    cmd = only(dockerfile, "CMD")
    assert cmd.exec_form() == ["fangtan", "telegram"]
    assert keywords[-1] == "CMD"
    users = [i for i in dockerfile if i.keyword == "USER" and i.line < cmd.line]
    assert users, "no USER before CMD: the bot would run as root"
    user = users[-1].args.split(":")[0]
    assert user not in {"root", "0"}
    [creates_user] = [i for i in dockerfile if i.keyword == "RUN" and "useradd" in i.args]
    assert creates_user.line < users[-1].line
    if user.isdigit():  # USER 10001: the account useradd made with that uid
        assert re.search(rf"--uid[ =]{user}\b", creates_user.args)
        user = re.findall(r"useradd\b[^&]*?\b([a-z_][a-z0-9_-]*)\s*(?:&&|$)", creates_user.args)[0]
    assert re.search(rf"useradd\b.*\b{user}\b", creates_user.args)

    health = only(dockerfile, "HEALTHCHECK")
    assert health.exec_form() == ["fangtan", "health"]
    assert only(dockerfile, "STOPSIGNAL").args == "SIGTERM"

    # The build-time index is built by the user who reads it at run time.
    [index_step] = [i for i in dockerfile if i.keyword == "RUN" and "fangtan index" in i.args]
    assert users[-1].line < index_step.line < cmd.line
    pip_step = [i for i in dockerfile if i.keyword == "RUN" and "pip install" in i.args]
    assert len(pip_step) == 1 and "--no-cache-dir" in pip_step[0].args
    assert not re.search(r"pip install[^&]*(-e|--editable)\b", pip_step[0].args)

    env = image_env(dockerfile)
    assert {k for k in env if k.startswith("FANGTAN_")} <= SETTINGS
    assert env["FANGTAN_CACHE_DIR"].startswith("/home/" + user + "/")
    assert env["FANGTAN_HEARTBEAT_FILE"].startswith("/")
    # Deliberately unset: the bundled corpus unless a volume is mounted *and* the variable set.
    assert "FANGTAN_CORPUS_DIR" not in env
    assert "FANGTAN_TELEGRAM_TOKEN" not in env  # never baked into an image
    assert not [i for i in dockerfile if i.keyword == "VOLUME"]


def test_hadolint_accepts_the_dockerfile() -> None:
    tool = shutil.which("hadolint")
    if tool is None:
        pytest.skip("hadolint is not installed")
    result = subprocess.run([tool, str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_copies_what_pyproject_installs(dockerfile: list[Instruction]) -> None:
    sources = [s for i in dockerfile if i.keyword == "COPY" for s in copy_parts(i)[0]]
    for source in sources:
        assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"
    copied = {s.rstrip("/") for s in sources}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = {"pyproject.toml", project["project"]["readme"]}
    # Each package is installed from the folder package-dir maps it to; a sub-package
    # ("fangtan.retrieval.reading") from its mapped ancestor's folder.
    mapped: dict[str, str] = project["tool"]["setuptools"]["package-dir"]
    for package in project["tool"]["setuptools"]["packages"]:
        ancestor = max((m for m in mapped if package == m or package.startswith(m + ".")), key=len)
        needed.add(mapped[ancestor].split("/")[0])
    assert needed <= copied, f"the image install would miss {sorted(needed - copied)}"


# ---- .dockerignore (BuildKit's <Dockerfile>.dockerignore) --------------------------------------


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Docker's ignore-file pattern syntax (Go's filepath.Match plus ``**``) as a regex."""
    out, i = "", 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
            continue
        if pattern.startswith("**", i):
            out, i = out + ".*", i + 2
            continue
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[":
            end = pattern.index("]", i + 1)
            out += "[" + pattern[i + 1 : end].replace("\\", "\\\\") + "]"
            i = end
        else:
            out += re.escape(char)
        i += 1
    return re.compile(out)


Rules = list[tuple[bool, re.Pattern[str]]]  # (negated, pattern) in file order


def dockerignore_rules(text: str) -> Rules:
    rules = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = os.path.normpath(line.lstrip("!").strip().strip("/"))
        rules.append((negated, _glob_regex(pattern)))
    return rules


def sent_to_builder(relative: str, rules: Rules) -> bool:
    """The last rule matching the path or one of its parent folders decides, as in Docker."""
    parts = relative.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for negated, regex in rules:
        if any(regex.fullmatch(candidate) for candidate in candidates):
            excluded = not negated
    return not excluded


@pytest.fixture(scope="module")
def ignore_rules() -> Rules:
    return dockerignore_rules(DOCKERIGNORE.read_text(encoding="utf-8"))


def test_dockerignore_sends_only_what_the_dockerfile_copies(
    dockerfile: list[Instruction], ignore_rules: Rules
) -> None:
    assert DOCKERIGNORE.name == DOCKERFILE.name + ".dockerignore"  # BuildKit's naming rule
    sources = [s for i in dockerfile if i.keyword == "COPY" for s in copy_parts(i)[0]]
    for source in sources:
        path = ROOT / source
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        kept = [f for f in files if sent_to_builder(f.relative_to(ROOT).as_posix(), ignore_rules)]
        assert kept, f"COPY {source}: the .dockerignore keeps all of it out of the context"
    needed_files = (
        "bot/cli.py",
        "retrieval/search/index.py",
        "seeds/__init__.py",
        "pyproject.toml",
    )
    for needed in needed_files:
        assert sent_to_builder(needed, ignore_rules), needed
    for secret_or_junk in (
        ".env",
        "bot/.env",
        ".venv/bin/python",
        ".git/config",
        "bot/__pycache__/cli.cpython-311.pyc",
        "tests/console/test_cli.py",
        "fangtan.egg-info/PKG-INFO",
        "build/lib/bot/cli.py",
    ):
        assert not sent_to_builder(secret_or_junk, ignore_rules), secret_or_junk


# ---- the Dockerfile, exercised in a fresh virtualenv ------------------------------------------


@dataclass
class Image:
    """A stand-in for the built image: a staged root folder and a venv on the image's PATH."""

    root: Path
    venv: Path
    env: dict[str, str]  # the image's ENV with absolute paths moved under ``root``
    workdir: Path
    instructions: list[Instruction]
    subcommands: set[str] = field(default_factory=set)
    build_output: list[subprocess.CompletedProcess[str]] = field(default_factory=list)

    def inside(self, path: str) -> Path:
        return self.root / path.lstrip("/")

    def which(self, name: str) -> str:
        found = shutil.which(name, path=self.env["PATH"])
        assert found, f"{name} is not on the image's PATH"
        return found

    def run(self, argv: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.which(argv[0]), *argv[1:]],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def require(self, *commands: str) -> None:
        missing = [c for c in commands if c not in self.subcommands]
        if missing:
            pytest.skip(f"`fangtan {' '.join(missing)}` does not exist yet (see `fangtan --help`)")


def clean_environment() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FANGTAN_", "PYTHON", "VIRTUAL_ENV", "PIP_"))
    }
    env.pop("XDG_CACHE_HOME", None)
    return env


def stage(image: Image, sources: list[str], destination: str, rules: Rules) -> None:
    """COPY: a folder's contents (or a file) into the destination, minus ignored files."""
    target = (
        image.inside(destination) if destination.startswith("/") else image.workdir / destination
    )
    for source in sources:
        path = ROOT / source
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            relative = file.relative_to(ROOT).as_posix()
            if not sent_to_builder(relative, rules):
                continue
            inner = file.name if path.is_file() else file.relative_to(path).as_posix()
            copy_to = target / inner
            copy_to.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, copy_to)


def run_build_step(image: Image, command: str) -> None:
    """The RUN steps before USER: the install and its clean-up; anything else is a new step
    this test must learn to emulate."""
    for part in (p.strip() for p in command.split("&&")):
        argv = shlex.split(part)
        if argv[:2] == ["pip", "install"]:
            # The pip cache is allowed here (not in the image): it changes speed, not results.
            args = [a for a in argv[2:] if a != "--no-cache-dir"]
            result = subprocess.run(
                [str(image.venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *args],
                cwd=image.workdir,
                env=image.env,
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert result.returncode == 0, f"pip install failed:\n{result.stderr[-4000:]}"
        elif argv[:2] == ["rm", "-rf"]:
            for path in argv[2:]:
                shutil.rmtree(image.inside(path))
        else:
            pytest.fail(f"a build step this test cannot emulate: {part!r}")


@pytest.fixture(scope="module")
def image(
    tmp_path_factory: pytest.TempPathFactory,
    dockerfile: list[Instruction],
    ignore_rules: Rules,
) -> Image:
    """Replay the Dockerfile up to its CMD: stage, install, then the build-time commands."""
    base = tmp_path_factory.mktemp("image")
    root, venv = base / "root", base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = clean_environment()
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', os.defpath)}"
    built = Image(root, venv, env, root, dockerfile)
    user_set = False
    as_user: list[Instruction] = []
    for instruction in dockerfile:
        if instruction.keyword == "ENV":
            for key, value in env_pairs(instruction).items():
                built.env[key] = str(built.inside(value)) if value.startswith("/") else value
        elif instruction.keyword == "WORKDIR":
            built.workdir = built.inside(instruction.args)
            built.workdir.mkdir(parents=True, exist_ok=True)
            if user_set:
                built.env["HOME"] = str(built.workdir)
        elif instruction.keyword == "COPY":
            sources, destination = copy_parts(instruction)
            stage(built, sources, destination, ignore_rules)
        elif instruction.keyword == "USER":
            user_set = True
        elif instruction.keyword == "RUN" and user_set:
            as_user.append(instruction)
        elif instruction.keyword == "RUN" and "useradd" not in instruction.args:
            run_build_step(built, instruction.args)  # (the account itself needs no emulation)
    help_text = built.run(["fangtan", "--help"]).stdout
    choices = re.search(r"\{([a-z,]+)\}", help_text)
    built.subcommands = set(choices.group(1).split(",")) if choices else set()
    for instruction in as_user:
        argv = shlex.split(instruction.args)
        if argv[0] != "fangtan":
            pytest.fail(f"a build step this test cannot emulate: {instruction.args!r}")
        if argv[1] in built.subcommands:  # else the test that needs it skips
            built.build_output.append(built.run(argv))
    return built


def test_image_installs_a_self_contained_package(image: Image) -> None:
    """Non-editable: the sources are gone (``rm -rf``) and everything loads from the venv."""
    probe = (
        "import fangtan.bot, fangtan.retrieval, fangtan.seeds, importlib.resources as r;"
        "print(fangtan.bot.__file__); print(fangtan.retrieval.__file__);"
        "print(sum(1 for f in r.files(fangtan.seeds).iterdir() if f.name.endswith('.txt')))"
    )
    result = image.run(["python", "-c", probe])
    assert result.returncode == 0, result.stderr
    bot_file, retrieval_file, seed_files = result.stdout.split()
    for module_file in (bot_file, retrieval_file):
        assert Path(module_file).is_relative_to(image.venv), module_file
    assert int(seed_files) >= 1
    assert not (image.root / "src").exists() or not any((image.root / "src").iterdir())


def test_image_build_step_caches_jieba_and_the_index(image: Image) -> None:
    image.require("index")
    assert image.build_output, "the Dockerfile runs no `fangtan index`"
    for result in image.build_output:
        assert result.returncode == 0, result.stderr
    cache = Path(image.env["FANGTAN_CACHE_DIR"])
    assert list(cache.glob("index-*.npz")), f"no index cache in {cache}"
    assert list(cache.glob("jieba*.cache")), f"no jieba dictionary cache in {cache}"
    again = image.run(["fangtan", "index"])
    assert again.returncode == 0, again.stderr
    assert cli_texts.INDEX_HOW["cached"] in again.stdout  # what the bot's first start will do


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, username="fangtan_bot") as server:
        yield server


def stop_process(process: subprocess.Popen[str], sig: int, timeout: float = 20) -> str:
    process.send_signal(sig)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"not stopped {timeout} s after {signal.Signals(sig).name}:\n{output}")
    return output


def test_image_cmd_answers_is_healthy_and_stops_on_its_stopsignal(
    image: Image, api: FakeBotApi
) -> None:
    image.require("index", "health")
    health = only(image.instructions, "HEALTHCHECK").exec_form()
    stopsignal = getattr(signal, only(image.instructions, "STOPSIGNAL").args)
    cache = Path(image.env["FANGTAN_CACHE_DIR"])
    cached = {p: p.stat().st_mtime_ns for p in cache.glob("index-*.npz")}

    before = image.run(health, timeout=60)
    assert before.returncode == 1, "healthy before the bot ever ran"

    cmd = only(image.instructions, "CMD").exec_form()
    env = {
        **image.env,
        "FANGTAN_TELEGRAM_TOKEN": TOKEN,
        "FANGTAN_TELEGRAM_BASE_URL": api.base_url,
        "FANGTAN_TELEGRAM_BASE_FILE_URL": api.base_file_url,
    }
    process = subprocess.Popen(
        [image.which(cmd[0]), *cmd[1:]],
        cwd=image.workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        api.push_update(api.private_message(QUESTION, user_id=601))
        [sent] = api.wait_for("sendMessage", timeout=60)
        deadline = time.monotonic() + 30
        while (check := image.run(health, timeout=60)).returncode != 0:
            assert time.monotonic() < deadline, f"never healthy: {check.stdout}{check.stderr}"
            time.sleep(0.5)
        assert process.poll() is None
    finally:
        output = stop_process(process, stopsignal)
    assert sent.params["chat_id"] == 601 and "张乾坤" in sent.params["text"]
    assert process.returncode == 0, output
    assert "Traceback" not in output and TOKEN not in output
    # The index built at image build time was used, not rebuilt.
    assert {p: p.stat().st_mtime_ns for p in cache.glob("index-*.npz")} == cached


# ---- .env.example ------------------------------------------------------------------------------

ASSIGNMENT = re.compile(r"^(?P<commented>#\s*)?(?P<name>FANGTAN_[A-Z0-9_]+)=(?P<value>.*)$")


def env_example_lines() -> list[tuple[int, bool, str, str]]:
    found = []
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), 1):
        match = ASSIGNMENT.match(line)
        if match:
            found.append((number, bool(match["commented"]), match["name"], match["value"]))
    return found


def test_env_example_lists_every_setting_exactly_once() -> None:
    names = [name for _, _, name, _ in env_example_lines()]
    assert sorted(names) == sorted(SETTINGS), (
        f"missing {sorted(SETTINGS - set(names))}, unknown {sorted(set(names) - SETTINGS)}"
    )
    assert len(names) == len(set(names)), "a setting is listed twice"


def test_env_example_sets_only_the_token_and_explains_each_line() -> None:
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    active = [name for _, commented, name, _ in env_example_lines() if not commented]
    assert active == ["FANGTAN_TELEGRAM_TOKEN"]
    for number, _, name, value in env_example_lines():
        above = lines[number - 2]
        assert above.startswith("#") and not ASSIGNMENT.match(above), f"{name}: no meaning above"
        # One plain KEY=VALUE that pydantic, docker --env-file, Compose and systemd read alike.
        assert value == value.strip() and not re.search(r"[\"'#$`\\]", value), (name, value)


def test_env_example_values_parse_and_defaults_are_the_real_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [k for k in os.environ if k.startswith("FANGTAN_")]:
        monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    uncommented = "\n".join(f"{name}={value}" for _, _, name, value in env_example_lines())
    env_file = tmp_path / "all.env"
    env_file.write_text(uncommented + "\n", encoding="utf-8")
    settings = Settings(_env_file=env_file)  # type: ignore[call-arg]
    for name, info in Settings.model_fields.items():
        if info.default is PydanticUndefined or info.default is None:
            continue  # "unset" or computed defaults: the file shows an example instead
        assert getattr(settings, name) == info.default, f"FANGTAN_{name.upper()}"
    as_is = Settings(_env_file=ENV_EXAMPLE)  # type: ignore[call-arg]
    assert as_is.telegram_token is not None and not as_is.telegram_token.get_secret_value()


# ---- docker compose ----------------------------------------------------------------------------


def test_deploy_files_name_only_real_settings() -> None:
    for path in (DOCKERFILE, COMPOSE, COMPOSE_WEBHOOK, UNIT, NGINX):
        named = set(re.findall(r"\bFANGTAN_[A-Z0-9_]+", path.read_text(encoding="utf-8")))
        assert named <= SETTINGS, f"{path.name}: no such setting {sorted(named - SETTINGS)}"


@pytest.fixture(scope="module")
def yaml() -> ModuleType:
    module: ModuleType = pytest.importorskip(
        "yaml", reason="PyYAML is not installed; compose files unparsed"
    )
    return module


def environment(service: Mapping[str, Any]) -> dict[str, str]:
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        return dict(item.partition("=")[::2] for item in raw)
    return {str(k): str(v) for k, v in raw.items()}


def mounts(service: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Volumes by target, short syntax turned into the long one."""
    found: dict[str, dict[str, Any]] = {}
    for volume in service.get("volumes") or []:
        if isinstance(volume, str):
            source, target, *mode = volume.split(":")
            kind = "bind" if source.startswith((".", "/", "~")) else "volume"
            volume = {"type": kind, "source": source, "target": target}
            volume["read_only"] = "ro" in (mode[0].split(",") if mode else [])
        found[volume["target"]] = volume
    return found


def test_compose_runs_the_polling_bot(yaml: ModuleType, dockerfile: list[Instruction]) -> None:
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    bot = compose["services"]["bot"]
    build = bot["build"]
    assert build["context"] == ".."
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
    env_files = bot["env_file"] if isinstance(bot["env_file"], list) else [bot["env_file"]]
    assert [e if isinstance(e, str) else e["path"] for e in env_files] == ["../.env"]
    assert bot["restart"] == "unless-stopped"
    assert "healthcheck" not in bot  # the image's HEALTHCHECK applies
    assert bot.get("stop_signal", "SIGTERM") == only(dockerfile, "STOPSIGNAL").args

    env, volumes = environment(bot), mounts(bot)
    assert set(env) <= SETTINGS
    corpus = volumes[env["FANGTAN_CORPUS_DIR"]]
    assert corpus["type"] == "bind" and corpus["read_only"] is True
    assert (DEPLOY / corpus["source"]).resolve() == ROOT / "corpus"
    named = set(compose.get("volumes") or {})
    for setting in ("FANGTAN_STATE_FILE", "FANGTAN_CACHE_DIR"):
        path = Path(env[setting])
        holder = next((v for t, v in volumes.items() if path.is_relative_to(t)), None)
        assert holder is not None, f"{setting}={path} is not on a volume"
        assert holder["type"] == "volume" and holder["source"] in named, setting
    assert env["FANGTAN_CACHE_DIR"] == image_env(dockerfile)["FANGTAN_CACHE_DIR"]


def test_compose_webhook_override_publishes_to_the_proxy_only(yaml: ModuleType) -> None:
    override = yaml.safe_load(COMPOSE_WEBHOOK.read_text(encoding="utf-8"))
    bot = override["services"]["bot"]
    env = environment(bot)
    assert set(env) <= SETTINGS
    assert Settings.model_fields["webhook_listen"].default == "127.0.0.1"  # outside Docker
    assert env["FANGTAN_WEBHOOK_LISTEN"] == "0.0.0.0"  # inside the container, set explicitly
    port = int(env["FANGTAN_WEBHOOK_PORT"])
    published = [str(p) for p in bot["ports"]]
    assert published, "the webhook port is not published"
    for entry in published:
        host_ip, host_port, container_port = entry.split(":")
        assert host_ip == "127.0.0.1", f"{entry}: reachable from outside the host"
        assert int(container_port) == port
        assert f"proxy_pass http://127.0.0.1:{host_port}/" in nginx_directives()
    # URL, path and secret come from ../.env through the base file's env_file, not from here.
    assert not {"FANGTAN_WEBHOOK_URL", "FANGTAN_WEBHOOK_SECRET"} & set(env)
    assert "restart" not in bot and "build" not in bot


# ---- systemd -----------------------------------------------------------------------------------


def parse_unit(text: str) -> dict[str, list[tuple[str, str]]]:
    """Sections to (key, value) lists in order; keys may repeat, as in systemd."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        assert current is not None, f"outside a section: {line}"
        key, sep, value = line.partition("=")
        assert sep, f"not a Key=Value line: {line}"
        current.append((key.strip(), value.strip()))
    return sections


@pytest.fixture(scope="module")
def unit() -> dict[str, list[tuple[str, str]]]:
    return parse_unit(UNIT.read_text(encoding="utf-8"))


def test_systemd_unit_directives(unit: dict[str, list[tuple[str, str]]]) -> None:
    service = unit["Service"]
    single = dict(service)
    required = {
        "Type": "simple",
        "EnvironmentFile": "/etc/fangtan/fangtan.env",
        "ExecStart": "/opt/fangtan/venv/bin/fangtan telegram",
        "ExecReload": "/bin/kill -HUP $MAINPID",
        "Restart": "on-failure",
        "RestartSec": "5",
        "DynamicUser": "yes",
        "StateDirectory": "fangtan",
        "CacheDirectory": "fangtan",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "NoNewPrivileges": "yes",
        "ProtectKernelTunables": "yes",
        "LockPersonality": "yes",
        "TimeoutStopSec": "20",
    }
    for key, value in required.items():
        assert single.get(key) == value, f"{key}={single.get(key)!r}, expected {value!r}"
    assert set(single["RestrictAddressFamilies"].split()) == {"AF_INET", "AF_INET6", "AF_UNIX"}
    assert "MemoryDenyWriteExecute" not in single
    assert any(key == "ReadOnlyPaths" and "corpus" in value for key, value in service)
    assert dict(unit["Install"]) == {"WantedBy": "multi-user.target"}

    env = dict(v.split("=", 1) for k, v in service if k == "Environment")
    assert set(env) <= SETTINGS
    assert env["FANGTAN_CACHE_DIR"] == "%C/fangtan"
    assert env["FANGTAN_STATE_FILE"].startswith("%S/fangtan/")
    # Every path the bot writes is in a directory systemd creates for the dynamic user.
    writable = {f"%C/{single['CacheDirectory']}", f"%S/{single['StateDirectory']}"}
    if "RuntimeDirectory" in single:
        writable.add(f"%t/{single['RuntimeDirectory']}")
    for name in ("FANGTAN_CACHE_DIR", "FANGTAN_STATE_FILE", "FANGTAN_HEARTBEAT_FILE"):
        if name in env:
            assert any(env[name] == w or env[name].startswith(w + "/") for w in writable), name


def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed")
    # verify insists that ExecStart= exists; point it at this venv's fangtan (or Python).
    fangtan = Path(sys.executable).with_name("fangtan")
    executable = fangtan if fangtan.exists() else Path(sys.executable)
    text = UNIT.read_text(encoding="utf-8")
    copy = tmp_path / UNIT.name
    copy.write_text(text.replace("/opt/fangtan/venv/bin/fangtan", str(executable)), "utf-8")
    result = subprocess.run(
        [tool, "verify", "--man=no", str(copy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    ours = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if UNIT.name in line or "fangtan" in line
    ]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr


# ---- nginx -------------------------------------------------------------------------------------


def nginx_text() -> str:
    return NGINX.read_text(encoding="utf-8")


def nginx_directives() -> str:
    """The snippet without its comments (no directive here has a '#' inside a value)."""
    return re.sub(r"#[^\n]*", "", nginx_text())


def webhook_location(text: str) -> tuple[str, str]:
    location = re.search(r"location\s*=\s*(\S+)\s*\{", text)
    proxy = re.search(r"proxy_pass\s+(http://[^;]+);", text)
    assert location and proxy
    return location.group(1), proxy.group(1)


def test_nginx_snippet_text() -> None:
    text = nginx_directives()
    path, upstream = webhook_location(text)
    assert re.fullmatch(r"http://127\.0\.0\.1:8443/[A-Za-z0-9_-]+", upstream), upstream
    # FANGTAN_WEBHOOK_PATH is the last segment of the public URL and the bot's own path.
    assert path.rsplit("/", 1)[1] == upstream.rsplit("/", 1)[1]
    assert re.search(r"limit_except\s+POST\s*\{\s*deny\s+all;\s*\}", text)
    assert re.search(r"client_max_body_size\s+\d+[kKmM]?;", text)
    assert re.search(
        r"proxy_set_header\s+X-Telegram-Bot-Api-Secret-Token\s+"
        r"\$http_x_telegram_bot_api_secret_token;",
        text,
    )
    assert re.search(r"listen\s+443\s+ssl;", text)
    assert "ssl_certificate " in text and "ssl_certificate_key " in text
    assert "proxy_pass_request_headers off" not in text


@dataclass
class NginxRun:
    config: Path
    prefix: Path
    port: int


def nginx_config(tmp_path: Path, *, bot_port: int | None = None) -> NginxRun:
    """The snippet inside a minimal nginx.conf, with a throw-away self-signed certificate, every
    file under ``tmp_path`` and, for a live run, a loopback port and the bot's port."""
    nginx, openssl = shutil.which("nginx"), shutil.which("openssl")
    if nginx is None or openssl is None:
        pytest.skip(f"{'nginx' if nginx is None else 'openssl'} is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=bot.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    snippet = nginx_text()
    snippet = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", snippet)
    snippet = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", snippet)
    port = free_port()
    if bot_port is not None:
        snippet = re.sub(r"listen\s+\[::\]:443\s+ssl;", "", snippet)
        snippet = re.sub(r"listen\s+443\s+ssl;", f"listen 127.0.0.1:{port} ssl;", snippet)
        snippet = snippet.replace("127.0.0.1:8443/", f"127.0.0.1:{bot_port}/")
    (tmp_path / "fangtan.conf").write_text(snippet, encoding="utf-8")
    temp = "\n".join(
        f"    {kind}_temp_path {tmp_path / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"user {getpass.getuser()};\nworker_processes 1;\npid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'} info;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    access_log {tmp_path / 'access.log'};\n{temp}\n"
        f"    include {tmp_path / 'fangtan.conf'};\n}}\n",
        encoding="utf-8",
    )
    return NginxRun(config, tmp_path, port)


def nginx_command(run: NginxRun, *extra: str) -> list[str]:
    return [
        str(shutil.which("nginx")),
        "-p", str(run.prefix), "-c", str(run.config), "-e", str(run.prefix / "error.log"),
        *extra,
    ]  # fmt: skip


def test_nginx_accepts_the_snippet(tmp_path: Path) -> None:
    run = nginx_config(tmp_path)
    result = subprocess.run(nginx_command(run, "-t"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def https_request(
    url: str, method: str, body: bytes | None = None, headers: Mapping[str, str] | None = None
) -> int:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, body, dict(headers or {}), method=method)
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_nginx_proxies_telegram_posts_to_the_webhook(tmp_path: Path, api: FakeBotApi) -> None:
    """A live round trip: HTTPS through the snippet to the bot's webhook server."""
    bot_port = free_port()
    run = nginx_config(tmp_path, bot_port=bot_port)
    path, upstream = webhook_location(nginx_directives())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("FANGTAN_")},
        "FANGTAN_TELEGRAM_TOKEN": TOKEN,
        "FANGTAN_TELEGRAM_BASE_URL": api.base_url,
        "FANGTAN_WEBHOOK_URL": "https://bot.example.org" + path.rsplit("/", 1)[0],
        "FANGTAN_WEBHOOK_PATH": upstream.rsplit("/", 1)[1],
        "FANGTAN_WEBHOOK_LISTEN": "127.0.0.1",
        "FANGTAN_WEBHOOK_PORT": str(bot_port),
        "FANGTAN_WEBHOOK_SECRET": SECRET,
    }
    proxy = subprocess.Popen(
        nginx_command(run, "-g", "daemon off;"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    bot = subprocess.Popen(
        [sys.executable, "-m", "fangtan", "telegram"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        [hook] = api.wait_for("setWebhook", timeout=60)
        assert hook.params["url"] == "https://bot.example.org" + path
        wait_for_port(run.port, timeout=15)
        wait_for_port(bot_port, timeout=15)
        url = f"https://127.0.0.1:{run.port}{path}"
        update = api.private_message(QUESTION, user_id=602)
        update["update_id"] = 7001
        body = json.dumps(update).encode()
        json_type = {"Content-Type": "application/json"}
        assert https_request(url, "GET") == 403  # limit_except POST
        assert https_request(f"https://127.0.0.1:{run.port}/elsewhere", "POST", body) == 404
        assert https_request(url, "POST", b"x" * (2 << 20), json_type) == 413
        assert https_request(url, "POST", body, json_type) == 403  # no secret: the bot refuses
        secret = {**json_type, "X-Telegram-Bot-Api-Secret-Token": SECRET}
        assert https_request(url, "POST", body, secret) == 200
        [sent] = api.wait_for("sendMessage", timeout=30)
    finally:
        output = stop_process(bot, signal.SIGTERM)
        proxy.send_signal(signal.SIGTERM)
        _, proxy_errors = proxy.communicate(timeout=20)
    assert sent.params["chat_id"] == 602 and "张乾坤" in sent.params["text"]
    assert bot.returncode == 0, output
    assert SECRET not in (tmp_path / "access.log").read_text(encoding="utf-8")
    assert proxy.returncode == 0, proxy_errors
