"""Benchmark autograding: plain sequential `nbgrader autograde` against the Dask path with 1, 2 and 3 workers.

    python scripts/bench_grading.py                  # 120 submissions of ps1-ip; sequential, then 1, 2 and 3 local workers
    python scripts/bench_grading.py -n 24 -w 2       # a quick run
    python scripts/bench_grading.py -w 1,2,3,4       # other cluster sizes
    make bench                                       # the first line with --unsandboxed (BENCH_N=..., BENCH_WORKERS=1,2,3)

It releases the assignment in a temporary course, synthesises a class of N submissions from the
release (about 40 % correct, 25 % partial, 15 % blank and 20 % bad: every case of the bad-submission
corpus in turn, infinite loops, crashes and tampering included), gives every run its own copy of
that course (the same files, an empty gradebook), then times, each as a child process,

1. ``nbgrader autograde <a> --force`` (one process, one notebook at a time), and
2. ``python -m partnership_grading autograde <a> --parallel K --force`` for each K: a Dask
   ``LocalCluster`` of K worker processes on this machine, started and stopped by the command.

It prints submissions per minute for each, the speed-up over sequential nbgrader, the **scaling
efficiency** (throughput with K workers / (K x throughput with 1 worker): 1.0 is perfect scaling),
peak memory (the largest total resident memory of the run's process tree, sampled from /proc every
0.1 s) and whether every run exported the same grades. Wall time counts everything the instructor
waits for (the interpreter, the cluster's start and stop); "grading" is the run's own time from
its summary line (the cluster's start included, the interpreter's start and the cluster's stop
not), which is what a long run on a large class is made of. Results also go to
bench-out/grading-bench.json. The per-cell time limit is 10 s here (the course default is 60 s) so
that the infinite loops among the bad submissions do not dominate; --cell-timeout changes it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from partnership_grading import course as wf  # noqa: E402
from tests import hostile_corpus as hostile  # noqa: E402

MIX = (("correct", 0.40), ("partial", 0.25), ("blank", 0.15), ("bad", 0.20))


def synthesise(corpus: hostile.Corpus, n: int, seed: int) -> dict[str, tuple[str, bytes]]:
    """N submissions: student id -> (kind, file contents)."""
    rng = random.Random(seed)
    a = corpus.spec
    kinds = [kind for kind, share in MIX for _ in range(round(share * n))]
    kinds = (kinds + ["correct"] * n)[:n]
    rng.shuffle(kinds)
    bad = [c for c in hostile.CASES if c.group != "control"]
    correct = hostile._bytes(corpus.solved())
    blank = hostile._bytes(corpus.released)
    out, b = {}, 0
    for k, kind in enumerate(kinds):
        if kind == "correct":
            data = correct
        elif kind == "blank":
            data = blank
        elif kind == "partial":
            choice = {p.grade_id: rng.choice(["solution", "wrong" if p.wrong else "blank", "blank"]) for p in a.parts}
            data = hostile._bytes(corpus.solved(choice))
        else:
            case = bad[b % len(bad)]
            b += 1
            kind = f"bad:{case.student}"
            data = case.build(corpus)
        out[f"student-{k + 1:03d}"] = (kind, data)
    return out


class TreeSampler:
    """Peak total RSS of a process and all its descendants, from /proc."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval, self.peak, self.peak_procs = pid, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._page = os.sysconf("SC_PAGE_SIZE")

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(stat[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, []))
        return out

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                return int(fh.read().split()[1]) * self._page
        except (OSError, IndexError, ValueError):
            return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            tree = self._tree()
            total = sum(self._rss(p) for p in tree)
            self.peak = max(self.peak, total)
            self.peak_procs = max(self.peak_procs, len(tree))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def timed(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> dict:
    with log.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        with TreeSampler(proc.pid) as sampler:
            proc.wait()
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "returncode": proc.returncode, "peak_tree_rss_mb": sampler.peak / 2**20,
            "peak_processes": sampler.peak_procs}


def _workers(text: str) -> list[int]:
    sizes = sorted({int(x) for x in text.split(",") if x.strip()})
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("a comma-separated list of worker counts, e.g. 1,2,3")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=120, help="submissions (default 120)")
    parser.add_argument("-w", "--workers", type=_workers, default=[1, 2, 3], help="local cluster sizes to time (default 1,2,3)")
    parser.add_argument("-a", "--assignment", default="ps1-ip")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cell-timeout", type=int, default=10, help="per-cell time limit, s (course default 60)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--keep", action="store_true", help="keep the temporary courses")
    parser.add_argument("--unsandboxed", action="store_true", help="also time sequential nbgrader without the sandbox (its cost)")
    args = parser.parse_args(argv)
    from partnership_grading.parallel import available_cores

    cores = available_cores()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="pr-bench-"))
    n = args.n
    try:
        print(f"bench: {n} submissions of {args.assignment}; workers {args.workers} on {cores} core(s); "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "sequential", [args.assignment])
        with (course.root / "nbgrader_config.py").open("a") as fh:
            fh.write(f"\nc.ExecutePreprocessor.timeout = {args.cell_timeout}  # bench\n")
        (released,) = wf.release(course, [args.assignment])
        corpus = hostile.corpus_from(ROOT / "exercises", args.assignment, released)
        subs = synthesise(corpus, n, args.seed)
        for student, (_, data) in subs.items():
            folder = course.root / "submitted" / student / args.assignment
            folder.mkdir(parents=True)
            (folder / corpus.spec.notebook).write_bytes(data)
        counts: dict[str, int] = {}
        for kind, _ in subs.values():
            counts[kind.split(":")[0]] = counts.get(kind.split(":")[0], 0) + 1
        print("bench: mix " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)

        def copy(name: str) -> wf.Course:
            shutil.copytree(course.root, tmp / name)
            return wf.Course(tmp / name, db_url=f"sqlite:///{tmp / name / 'gradebook.db'}")

        copies = {k: copy(f"parallel-{k}") for k in args.workers}
        plain = copy("unsandboxed") if args.unsandboxed else None
        steps = 1 + len(args.workers) + (plain is not None)

        print(f"bench: 1/{steps} sequential: nbgrader autograde --force ...", flush=True)
        seq = timed([sys.executable, "-m", "nbgrader", "autograde", args.assignment, "--force"], course.root, course.env(),
                    args.out / "bench-sequential.log")
        seq.update(per_minute=60 * n / seq["seconds"], seconds_per_submission=seq["seconds"] / n)
        reference = wf.export(course, tmp / "sequential.csv").read_bytes()
        print(f"bench:     {seq['seconds']:.1f} s (exit {seq['returncode']})", flush=True)

        runs: dict[int, dict] = {}
        for step, k in enumerate(args.workers, start=2):
            par = copies[k]
            env = {**par.env(), "TMPDIR": str(tmp)}
            print(f"bench: {step}/{steps} Dask, {k} local worker(s): python -m partnership_grading autograde --parallel {k} --force ...",
                  flush=True)
            log = args.out / f"bench-parallel-{k}.log"
            run = timed([sys.executable, "-m", "partnership_grading", "--course", str(par.root), "autograde", args.assignment,
                         "--parallel", str(k), "--force", "--no-summary", "--no-progress"], ROOT, env, log)
            text = log.read_text(errors="replace")
            found = re.search(r"graded by \d+ worker\(s\) in ([\d.]+) s", text)
            run["grading_seconds"] = float(found.group(1)) if found else None
            found = re.search(r"spent (\d+) ms per submission writing results", text)
            run["coordinator_ms_per_submission"] = int(found.group(1)) if found else None
            run.update(per_minute=60 * n / run["seconds"], seconds_per_submission=run["seconds"] / n,
                       grading_per_minute=60 * n / run["grading_seconds"] if run["grading_seconds"] else None,
                       same_export=wf.export(par, tmp / f"parallel-{k}.csv").read_bytes() == reference)
            runs[k] = run
            print(f"bench:     {run['seconds']:.1f} s (exit {run['returncode']})", flush=True)

        one = runs.get(1)
        for k, run in runs.items():
            run["speedup_over_sequential"] = run["per_minute"] / seq["per_minute"]
            if one is not None:
                run["efficiency"] = run["per_minute"] / (k * one["per_minute"])
                if run["grading_per_minute"] and one["grading_per_minute"]:
                    run["grading_efficiency"] = run["grading_per_minute"] / (k * one["grading_per_minute"])

        bare = None
        if plain is not None:
            from partnership_grading.sandbox import UNSAFE_ENV

            env_bare = {**plain.env(), "PATH": str(Path(sys.executable).parent), UNSAFE_ENV: "1"}
            print(f"bench: {steps}/{steps} sequential without the sandbox ...", flush=True)
            bare = timed([sys.executable, "-m", "nbgrader", "autograde", args.assignment, "--force"], plain.root, env_bare,
                         args.out / "bench-unsandboxed.log")
            bare["same_export"] = wf.export(plain, tmp / "bare.csv").read_bytes() == reference
            bare["seconds_per_submission"] = bare["seconds"] / n
            print(f"bench:     {bare['seconds']:.1f} s (exit {bare['returncode']})", flush=True)

        result = {
            "n": n, "assignment": args.assignment, "cores": cores, "mix": counts, "cell_timeout_s": args.cell_timeout,
            "load_average_end": os.getloadavg(), "sequential": seq, "dask_local": {str(k): r for k, r in runs.items()},
        }
        if bare is not None:
            result["unsandboxed"] = bare
            result["sandbox_cost_s_per_submission"] = (seq["seconds"] - bare["seconds"]) / n
        (args.out / "grading-bench.json").write_text(json.dumps(result, indent=1) + "\n")

        cols = ["sequential"] + [f"{k} worker{'s' if k > 1 else ''}" for k in runs]
        rows = [
            ("wall time (s)", [seq["seconds"]] + [r["seconds"] for r in runs.values()], "{:.1f}"),
            ("submissions per minute", [seq["per_minute"]] + [r["per_minute"] for r in runs.values()], "{:.1f}"),
            ("speed-up over sequential", [1.0] + [r["speedup_over_sequential"] for r in runs.values()], "{:.2f}x"),
            ("scaling efficiency", [None] + [r.get("efficiency") for r in runs.values()], "{:.2f}"),
            ("grading time (s)", [None] + [r["grading_seconds"] for r in runs.values()], "{:.1f}"),
            ("  per minute", [None] + [r["grading_per_minute"] for r in runs.values()], "{:.1f}"),
            ("  scaling efficiency", [None] + [r.get("grading_efficiency") for r in runs.values()], "{:.2f}"),
            ("coordinator, ms per result", [None] + [r["coordinator_ms_per_submission"] for r in runs.values()], "{}"),
            ("peak memory, tree (MB)", [seq["peak_tree_rss_mb"]] + [r["peak_tree_rss_mb"] for r in runs.values()], "{:.0f}"),
            ("same export as sequential", ["-"] + ["yes" if r["same_export"] else "NO" for r in runs.values()], "{}"),
        ]
        print()
        print(f"{'':<28}" + "".join(f"{c:>13}" for c in cols))
        for label, values, fmt in rows:
            print(f"{label:<28}" + "".join(f"{'' if v is None else fmt.format(v):>13}" for v in values))
        print()
        print("scaling efficiency = throughput with K workers / (K x throughput with 1 worker)")
        if bare is not None:
            print(f"without the sandbox: {bare['seconds']:.1f} s, {bare['seconds'] / n:.2f} s per submission; the sandbox costs "
                  f"{result['sandbox_cost_s_per_submission']:+.2f} s per submission (same grades: {'yes' if bare['same_export'] else 'NO'})")
        load = result["load_average_end"]
        print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {cores} core(s) "
              "(other work on the machine slows every run)")
        print(f"results: {args.out / 'grading-bench.json'}")
        same = all(r["same_export"] for r in runs.values()) and (bare is None or bare["same_export"])
        return 0 if same else 1
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept: {tmp}")


if __name__ == "__main__":
    sys.exit(main())
