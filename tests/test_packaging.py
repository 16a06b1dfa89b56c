"""The wheel carries the grammar: an installed, non-editable ampsms works from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    (built,) = out.glob("ampsms-*.whl")
    return built


def test_wheel_contains_grammar(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "ampsms/grammar/ampscript.lark" in names


def test_wheel_grammar_matches_repository(wheel):
    with zipfile.ZipFile(wheel) as archive:
        packaged = archive.read("ampsms/grammar/ampscript.lark")
    assert packaged == (ROOT / "grammar" / "ampscript.lark").read_bytes()


def test_installed_package_renders_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)]
    result = subprocess.run(install, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import ampsms, ampsms.parser\n"
        "print(ampsms.__file__)\n"
        "print(ampsms.parser.grammar_path())\n"
        "print(ampsms.render('%%=Uppercase(MSG(0).NOUN(0))=%%', inbound='STOCK crm'))\n"
    )
    environment = dict(os.environ, PYTHONPATH=str(target))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    module_file, grammar, rendered = result.stdout.splitlines()
    assert Path(module_file).is_relative_to(target)
    assert Path(grammar).is_relative_to(target)
    assert rendered == "CRM"
