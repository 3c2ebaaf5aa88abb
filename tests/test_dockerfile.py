"""The container image as organisers run it. No Docker engine runs here, so these read the Dockerfile as Docker
would (dockerfile-parse) and run its commands against the real CLI; hadolint lints it in CI."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path, PurePosixPath

import pytest
from dockerfile_parse import DockerfileParser

from bot.cli import build_parser
from bot.config import Settings
from bot.storage.files import EXPORTS_FOLDER
from tests.cli_helpers import run_cli
from tests.conftest import REPO


@pytest.fixture(scope="module")
def dockerfile() -> DockerfileParser:
    return DockerfileParser(str(REPO / "Dockerfile"))


def _instruction(dockerfile: DockerfileParser, name: str) -> str:
    [value] = [item["value"] for item in dockerfile.structure if item["instruction"] == name]
    return str(value)


def _copies(dockerfile: DockerfileParser) -> list[list[str]]:
    """Each COPY as its sources followed by its destination."""
    return [str(item["value"]).split() for item in dockerfile.structure if item["instruction"] == "COPY"]


def _exec_form(value: str) -> list[str]:
    parsed = json.loads(value)
    assert isinstance(parsed, list), "exec form, so the signal reaches the bot and not a shell"
    return [str(part) for part in parsed]


def test_the_image_starts_from_a_slim_python_that_the_project_supports(dockerfile: DockerfileParser) -> None:
    base = dockerfile.baseimage
    assert base.startswith("python:")
    assert base.endswith("-slim")
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    minimum = pyproject["project"]["requires-python"].removeprefix(">=")
    assert tuple(map(int, base.split(":")[1].split("-")[0].split("."))) >= tuple(map(int, minimum.split(".")))


def test_the_bot_runs_as_a_numeric_non_root_user(dockerfile: DockerfileParser) -> None:
    user = _instruction(dockerfile, "USER").split(":")[0]
    assert user.isdigit()
    assert int(user) != 0


def test_the_data_folder_is_the_declared_volume(dockerfile: DockerfileParser) -> None:
    volumes = json.loads(_instruction(dockerfile, "VOLUME"))
    assert "VIELFALT_DB" not in dockerfile.envs, "the database follows the data folder"
    assert dockerfile.envs["VIELFALT_DATA_DIR"] in volumes
    assert str(Settings.from_env(dockerfile.envs).database_path.parent) in volumes


def test_exports_kept_in_the_image_go_where_the_retention_purge_reaches(dockerfile: DockerfileParser) -> None:
    exports = str(PurePosixPath(dockerfile.envs["VIELFALT_DATA_DIR"]) / EXPORTS_FOLDER)
    runs = " ".join(str(item["value"]) for item in dockerfile.structure if item["instruction"] == "RUN")
    assert exports in runs
    for guide in ("docs/veranstalter.md", "docs/organisers.md"):
        text = (REPO / guide).read_text(encoding="utf-8")
        outputs = re.findall(r"vielfalt-bot export .*--out (\S+)", text)
        container_outputs = [out for out in outputs if out.startswith("/")]
        assert container_outputs, guide
        assert all(out.startswith(exports + "/") for out in container_outputs), guide


def test_health_output_in_the_image_is_utf_8(dockerfile: DockerfileParser) -> None:
    assert dockerfile.envs["LANG"].upper().endswith(("UTF-8", "UTF8"))
    assert dockerfile.envs["PYTHONUTF8"] == "1"


@pytest.mark.parametrize("document", ["README.md", "docs/veranstalter.md", "docs/organisers.md"])
def test_the_documents_say_how_to_prepare_a_host_folder_for_the_bots_user(
    dockerfile: DockerfileParser, document: str
) -> None:
    uid = _instruction(dockerfile, "USER").split(":")[0]
    assert f"chown {uid}:{uid}" in (REPO / document).read_text(encoding="utf-8")


def test_the_knowledge_base_is_a_copied_folder_a_bind_mount_can_replace(dockerfile: DockerfileParser) -> None:
    knowledge = dockerfile.envs["VIELFALT_KNOWLEDGE_DIR"]
    workdir = _instruction(dockerfile, "WORKDIR")
    assert ["knowledge", "./knowledge"] in _copies(dockerfile)
    assert str(PurePosixPath(workdir) / "knowledge") == knowledge
    assert knowledge not in json.loads(_instruction(dockerfile, "VOLUME")), "a volume would hide updated images"


def test_docker_stops_the_bot_with_the_signal_it_drains_on(dockerfile: DockerfileParser) -> None:
    assert _instruction(dockerfile, "STOPSIGNAL") == "SIGTERM"


def test_entrypoint_and_command_start_the_discord_bot(dockerfile: DockerfileParser) -> None:
    entrypoint = _exec_form(_instruction(dockerfile, "ENTRYPOINT"))
    command = _exec_form(_instruction(dockerfile, "CMD"))
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert entrypoint == ["vielfalt-bot"]
    assert "vielfalt-bot" in scripts
    assert build_parser().parse_args(command).command == "run"


def test_the_health_check_is_a_cli_command_that_passes_on_a_fresh_volume(
    dockerfile: DockerfileParser, tmp_path: Path
) -> None:
    options, command = _instruction(dockerfile, "HEALTHCHECK").split("CMD", 1)
    program, *args = _exec_form(command.strip())
    assert program == "vielfalt-bot"
    assert "--start-period" in options
    assert args[:1] == ["health"]
    assert build_parser().parse_args(args).bot
    without_bot = [arg for arg in args if arg != "--bot"]
    result = run_cli(without_bot, {"VIELFALT_DB": f"{tmp_path}/data/vielfalt.db", "VIELFALT_KNOWLEDGE_DIR": ""})
    assert result.returncode == 0, result.stdout


def test_the_build_context_holds_only_what_is_copied_so_no_secrets_or_data(dockerfile: DockerfileParser) -> None:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert patterns[0] == "*"
    included = {pattern.removeprefix("!").rstrip("/") for pattern in patterns if pattern.startswith("!")}
    copied = {source for item in _copies(dockerfile) for source in item[:-1]}
    assert included == copied
    assert not included & {".env", "data", "tests"}


def test_ci_installs_its_docker_stand_in_from_exactly_the_copied_files(dockerfile: DockerfileParser) -> None:
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    [copy_line] = [line for line in ci_lines if line.startswith("cp -r ")]
    copied = {source for item in _copies(dockerfile) for source in item[:-1]}
    assert set(copy_line.split()[2:-1]) == copied
