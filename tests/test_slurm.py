"""The README's Slurm example, run as a data team runs it (its three paths aside), against a
stand-in `sbatch` that keeps the job scripts instead of submitting them; then array task 0 of each
stage runs through its own job script, with stand-ins for `srun` and `scontrol`, as a node would run it."""

import gzip
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("datatrove", reason="the 'datatrove' extra is not installed")
from test_datatrove import make_articles, write_shards

SBATCH = """#!/bin/sh
# Keeps what would be submitted: the arguments and the job script (the last argument).
n=$(($(ls "$SBATCH_KEEP" | wc -l) / 2 + 1001))
for last; do :; done
cp "$last" "$SBATCH_KEEP/$n.slurm"
printf '%s\\n' "$@" > "$SBATCH_KEEP/$n.args"
echo "Submitted batch job $n"
"""
SRUN = """#!/bin/sh
# One task on this machine: drop srun's own options and run the command.
while [ $# -gt 0 ]; do
  case "$1" in -n|-N|--ntasks|--nodes) shift 2 ;; -*) shift ;; *) break ;; esac
done
exec "$@"
"""

SCONTROL = """#!/bin/sh
# `scontrol show hostnames LIST`, for a list of one node.
echo "$3"
"""


def readme_slurm_script() -> str:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    [block] = [b for b in blocks if "SlurmPipelineExecutor(" in b]
    return block


def with_paths(script: str, **paths) -> str:
    for name, value in paths.items():
        script, count = re.subn(rf'^{name} = "[^"]*"', f"{name} = {json.dumps(str(value))}", script, flags=re.M)
        assert count == 1, name
    return script


def executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture(scope="module")
def submitted(tmp_path_factory):
    base = tmp_path_factory.mktemp("slurm")
    crawl, work, keep, bin_dir = base / "crawl", base / "work", base / "sbatch", base / "bin"
    write_shards(crawl, make_articles(count=40, seed=5))
    for folder in (keep, bin_dir):
        folder.mkdir()
    executable(bin_dir / "sbatch", SBATCH)
    executable(bin_dir / "srun", SRUN)
    executable(bin_dir / "scontrol", SCONTROL)
    # What a node sources: this test's environment, where launch_pickled_pipeline is installed.
    venv = base / "activate"
    venv.write_text(f'export PATH="{Path(sys.executable).parent}:$PATH"\n')
    script = with_paths(readme_slurm_script(), CRAWL=crawl, WORK=work, VENV=venv)
    (base / "tadqiq_slurm.py").write_text(script, encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "SBATCH_KEEP": str(keep),
           "PYTHONPATH": str(ROOT)}
    env.pop("SLURM_ARRAY_TASK_ID", None)
    done = subprocess.run([sys.executable, "tadqiq_slurm.py"], cwd=base, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    jobs = [(path.read_text(), (keep / f"{path.stem}.args").read_text().split("\n")[:-1])
            for path in sorted(keep.glob("*.slurm"))]
    return base, work, venv, env, jobs


def directives(script: str) -> dict:
    return dict(re.findall(r"^#SBATCH --([\w-]+)=?(.*)$", script, re.M))


def test_three_array_jobs_each_after_the_one_before(submitted):
    base, work, venv, _, jobs = submitted
    # Each stage: its array job, then datatrove's job that merges the stage's stats.
    assert len(jobs) == 6
    stages = [("signatures", "01:00:00", "0-511"), ("merge", "01:00:00", "0-63"), ("clean", "04:00:00", "0-511")]
    for k, (stage, hours, array) in enumerate(stages):
        script, args = jobs[2 * k]
        logs = work / "logs" / stage
        assert script.startswith("#!/bin/bash\n")
        assert directives(script) == {
            "cpus-per-task": "1", "mem-per-cpu": "2G", "nodes": "1", "partition": "cpu",
            "job-name": f"tadqiq-{stage}", "time": hours, "output": f"{logs}/slurm_logs/%A_%a.out",
            "error": f"{logs}/slurm_logs/%A_%a.out", "array": array, "requeue": "", "qos": "normal"}
        assert f"source {venv}\n" in script
        assert script.rstrip().endswith(f"srun  -l -n 1 launch_pickled_pipeline {logs}/executor.pik")
        assert args[0] == "--export=ALL,RUN_OFFSET=0"
        # Stage k waits for stage k-1's array job to succeed (job ids count from 1001).
        assert args[1:-1] == ([f"--dependency=afterok:{1001 + 2 * (k - 1)}"] if k else [])
        assert json.loads((logs / "ranks_to_run.json").read_text()) == list(range(int(array.split("-")[1]) + 1))
        stats_script, stats_args = jobs[2 * k + 1]
        assert directives(stats_script)["dependency"] == f"afterok:{1001 + 2 * k}"
        assert f"merge_stats {logs}/stats -o {logs}/stats.json" in stats_script


def test_array_task_zero_of_each_stage_runs_from_its_job_script(submitted):
    """The pickled steps load and run in a fresh interpreter, as on a node."""
    base, work, _, env, jobs = submitted
    node = {**env, "SLURM_ARRAY_TASK_ID": "0", "RUN_OFFSET": "0", "SLURM_NODELIST": "node001", "SLURM_NODEID": "0"}
    for k, stage in enumerate(("signatures", "merge", "clean")):
        job = base / f"{stage}.slurm"
        job.write_text(jobs[2 * k][0])
        done = subprocess.run(["bash", str(job)], cwd=base, env=node, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        assert (work / "logs" / stage / "completions" / "00000").exists()
    # Task 0 read the first of the four shards and wrote what it kept and what it excluded.
    written = []
    for folder in ("clean", "excluded"):
        for path in (work / folder).glob("*.jsonl.gz"):
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                written += [json.loads(line) for line in handle]
    assert len(written) == 10 and all(record["metadata"].get("tadqiq_boilerplate_lines") is not None for record in written)
