"""Start-up of the command line: ``vielfalt-bot --help`` against ``python -c "import discord"``.

Target (issue 12): the help of the CLI costs at most 0.3× importing discord.py, which only ``run`` needs.
Both sides are whole processes of the same interpreter, each run once unmeasured so both start from cached
bytecode, then alternating over the rounds; the module count
shows what a command pays for. Run: python -m bench.cli_startup
"""

from __future__ import annotations

import subprocess
import sys

from bench._timing import alternate, describe_ratio, process_seconds

ROUNDS = 15
TARGET = 0.3
CLI = [sys.executable, "-m", "bot", "--help"]
BASELINE = [sys.executable, "-c", "import discord"]


def module_count(code: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint(len(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.split()[-1])


def main() -> None:
    for command in (CLI, BASELINE):  # unmeasured: both then start from cached bytecode
        process_seconds(command)
    samples = alternate({"cli": lambda: process_seconds(CLI), "discord": lambda: process_seconds(BASELINE)}, ROUNDS)
    cli, baseline = samples["cli"], samples["discord"]
    print(f"{ROUNDS} alternating rounds, whole processes ({sys.executable})")
    for label, side, code in (
        ("vielfalt-bot --help", cli, "import bot.cli"),
        ('python -c "import discord"', baseline, "import discord"),
    ):
        modules = module_count(code)
        print(f"  {label:28} p50 {side.p50 * 1000:6.1f} ms  p95 {side.p95 * 1000:6.1f} ms  {modules} modules")
    print(f"  {describe_ratio(cli, baseline)}  target <= {TARGET}")


if __name__ == "__main__":
    main()
