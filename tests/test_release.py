"""The README's pre-commit example, pasted as it stands into a newsroom repository, works with the
real pre-commit: its `rev` is the tag the README's release step makes."""

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, SEEDS

import qa

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
           "GIT_CONFIG_NOSYSTEM": "1"}
PLACEHOLDER_URL = "https://example.org/newsroom/tadqiq"


def readme_pre_commit_example() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### pre-commit", 1)[1].split("\n### ", 1)[0]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_example_names_the_current_release_and_its_hooks():
    config = yaml.safe_load(readme_pre_commit_example())
    [repo] = config["repos"]
    assert repo["repo"] == PLACEHOLDER_URL
    assert repo["rev"] == f"v{qa.__version__}"
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {h["id"] for h in repo["hooks"]} <= hooks


@pytest.mark.skipif(not shutil.which("git"), reason="git missing")
def test_the_readme_example_works_against_a_released_clone(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("needs the tadqiq git checkout")
    # An empty global git configuration of our own: the user's may sign commits or hook them.
    (tmp_path / "gitconfig").write_text("", encoding="utf-8")
    env = {**os.environ, **GIT_ENV, "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
           "PRE_COMMIT_HOME": str(tmp_path / "cache"), "TADQIQ_CACHE": str(tmp_path / "qa-cache")}

    def git(*args, cwd):
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
        return done.stdout

    # The repository as CI would commit it: tracked and new files, without what .gitignore leaves out.
    hook_repo = tmp_path / "tadqiq"
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (hook_repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, hook_repo / name)
    git("init", "-q", cwd=hook_repo)
    git("add", "-A", cwd=hook_repo)
    git("commit", "-qm", "release candidate", cwd=hook_repo)
    # The README's release step.
    release = subprocess.run([str(hook_repo / ".ci" / "release")], cwd=hook_repo, env=env, capture_output=True, text=True)
    assert release.returncode == 0, release.stderr
    assert f"v{qa.__version__}" in git("tag", cwd=hook_repo)
    again = subprocess.run([str(hook_repo / ".ci" / "release")], cwd=hook_repo, env=env, capture_output=True, text=True)
    assert again.returncode == 1 and "already exists" in again.stderr

    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    git("init", "-q", cwd=newsroom)
    example = readme_pre_commit_example()
    (newsroom / ".pre-commit-config.yaml").write_text(example.replace(PLACEHOLDER_URL, str(hook_repo)), encoding="utf-8")
    shutil.copy(SEEDS / "004_33040a4e03eb0d12.txt", newsroom / "seed.txt")
    (newsroom / "clean.txt").write_text("قال الوزير إن الاجتماع كان مثمرًا.\n", encoding="utf-8")
    git("add", ".", cwd=newsroom)
    run = [sys.executable, "-m", "pre_commit", "run", "qa", "--files"]
    failing = subprocess.run(run + ["seed.txt"], cwd=newsroom, env=env, capture_output=True, text=True, timeout=900)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "typography/space-before-punct" in failing.stdout
    passing = subprocess.run(run + ["clean.txt"], cwd=newsroom, env=env, capture_output=True, text=True, timeout=900)
    assert passing.returncode == 0, passing.stdout + passing.stderr
