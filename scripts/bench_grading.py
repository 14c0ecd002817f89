"""Benchmark autograding: plain sequential `nbgrader autograde` against the parallel path, same input.

    python scripts/bench_grading.py                  # 120 submissions of ps1-ip, the parallel path's default workers
    python scripts/bench_grading.py -n 24 -w 2       # a quick run
    make bench                                       # the same as the first line (BENCH_N=..., BENCH_WORKERS=...)

It releases the assignment in a temporary course, synthesises a class of N submissions from the
release (about 40 % correct, 25 % partial, 15 % blank and 20 % bad: every case of the bad-submission
corpus in turn, infinite loops, crashes and tampering included), copies the course so both runs
see the same files and an empty gradebook, then times

1. ``nbgrader autograde <a> --force`` (one process, one notebook at a time), and
2. ``python -m partnership.grading autograde <a> --parallel W --force``,

each as a child process. It prints submissions per minute for each, the ratio, peak memory (the
largest total resident memory of the run's process tree, sampled from /proc every 0.1 s, and the
largest single process from getrusage) and whether both runs exported the same grades. Results also
go to bench-out/grading-bench.json. The per-cell time limit is 10 s here (the course default is
60 s) so that the infinite loops among the bad submissions do not dominate; --cell-timeout changes it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from partnership.grading import course as wf  # noqa: E402
from partnership.grading import hostile  # noqa: E402

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=120, help="submissions (default 120)")
    parser.add_argument("-w", "--workers", type=int, default=None, help="parallel workers (default: the parallel path's, cores + 1)")
    parser.add_argument("-a", "--assignment", default="ps1-ip")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cell-timeout", type=int, default=10, help="per-cell time limit, s (course default 60)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--keep", action="store_true", help="keep the temporary courses")
    parser.add_argument("--unsandboxed", action="store_true", help="also time sequential nbgrader without the sandbox (its cost)")
    args = parser.parse_args(argv)
    from partnership.grading.parallel import available_cores, default_workers

    workers = args.workers or default_workers()
    cores = available_cores()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="pr-bench-"))
    try:
        print(f"bench: {args.n} submissions of {args.assignment}; {workers} worker(s) on {cores} core(s); "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        course = wf.make_course_copy(wf.Course(ROOT / "exercises"), tmp / "sequential", [args.assignment])
        with (course.root / "nbgrader_config.py").open("a") as fh:
            fh.write(f"\nc.ExecutePreprocessor.timeout = {args.cell_timeout}  # bench\n")
        (released,) = wf.release(course, [args.assignment])
        corpus = hostile.corpus_from(ROOT / "exercises", args.assignment, released)
        subs = synthesise(corpus, args.n, args.seed)
        for student, (_, data) in subs.items():
            folder = course.root / "submitted" / student / args.assignment
            folder.mkdir(parents=True)
            (folder / corpus.spec.notebook).write_bytes(data)
        counts: dict[str, int] = {}
        for kind, _ in subs.values():
            counts[kind.split(":")[0]] = counts.get(kind.split(":")[0], 0) + 1
        print("bench: mix " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
        shutil.copytree(course.root, tmp / "parallel")
        if args.unsandboxed:
            shutil.copytree(course.root, tmp / "unsandboxed")
        par = wf.Course(tmp / "parallel", db_url=f"sqlite:///{tmp / 'parallel' / 'gradebook.db'}")
        env_seq, env_par = course.env(), par.env()
        env_par["TMPDIR"] = str(tmp)

        print("bench: 1/2 sequential: nbgrader autograde --force ...", flush=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        seq = timed([sys.executable, "-m", "nbgrader", "autograde", args.assignment, "--force"], course.root, env_seq,
                    args.out / "bench-sequential.log")
        seq["largest_process_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"bench:     {seq['seconds']:.1f} s (exit {seq['returncode']})", flush=True)

        print(f"bench: 2/2 parallel: python -m partnership.grading autograde --parallel {workers} --force ...", flush=True)
        par_run = timed([sys.executable, "-m", "partnership.grading", "--course", str(par.root), "autograde", args.assignment,
                         "--parallel", str(workers), "--force", "--no-summary", "--no-progress"], ROOT, env_par,
                        args.out / "bench-parallel.log")
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        par_run["largest_process_mb"] = after if after > seq["largest_process_mb"] else None
        print(f"bench:     {par_run['seconds']:.1f} s (exit {par_run['returncode']})", flush=True)

        same = wf.export(course, tmp / "seq.csv").read_bytes() == wf.export(par, tmp / "par.csv").read_bytes()
        bare = None
        if args.unsandboxed:
            from partnership.grading.sandbox import UNSAFE_ENV

            plain = wf.Course(tmp / "unsandboxed", db_url=f"sqlite:///{tmp / 'unsandboxed' / 'gradebook.db'}")
            env_bare = {**plain.env(), "PATH": str(Path(sys.executable).parent), UNSAFE_ENV: "1"}
            print("bench: 3/3 sequential without the sandbox ...", flush=True)
            bare = timed([sys.executable, "-m", "nbgrader", "autograde", args.assignment, "--force"], plain.root, env_bare,
                         args.out / "bench-unsandboxed.log")
            bare["same_export"] = wf.export(plain, tmp / "bare.csv").read_bytes() == wf.export(course, tmp / "seq.csv").read_bytes()
            print(f"bench:     {bare['seconds']:.1f} s (exit {bare['returncode']})", flush=True)
        n = args.n
        result = {
            "n": n, "assignment": args.assignment, "workers": workers, "cores": cores, "mix": counts,
            "cell_timeout_s": args.cell_timeout, "load_average_end": os.getloadavg()[0],
            "sequential": {**seq, "per_minute": 60 * n / seq["seconds"], "seconds_per_submission": seq["seconds"] / n},
            "parallel": {**par_run, "per_minute": 60 * n / par_run["seconds"], "seconds_per_submission": par_run["seconds"] / n},
            "ratio": seq["seconds"] / par_run["seconds"],
            "same_export": same,
        }
        if bare is not None:
            result["unsandboxed"] = {**bare, "seconds_per_submission": bare["seconds"] / n}
            result["sandbox_cost_s_per_submission"] = (seq["seconds"] - bare["seconds"]) / n
        (args.out / "grading-bench.json").write_text(json.dumps(result, indent=1) + "\n")
        s, p = result["sequential"], result["parallel"]
        largest = f"{p['largest_process_mb']:.0f} MB" if p["largest_process_mb"] else f"≤ {s['largest_process_mb']:.0f} MB"
        print()
        print(f"{'':<26}{'sequential':>14}{'parallel':>14}")
        print(f"{'workers':<26}{1:>14}{workers:>14}")
        print(f"{'wall time (s)':<26}{s['seconds']:>14.1f}{p['seconds']:>14.1f}")
        print(f"{'submissions per minute':<26}{s['per_minute']:>14.1f}{p['per_minute']:>14.1f}")
        print(f"{'seconds per submission':<26}{s['seconds_per_submission']:>14.2f}{p['seconds_per_submission']:>14.2f}")
        print(f"{'peak memory, tree (MB)':<26}{s['peak_tree_rss_mb']:>14.0f}{p['peak_tree_rss_mb']:>14.0f}")
        print(f"{'largest process (MB)':<26}{s['largest_process_mb']:>14.0f}{largest:>14}")
        print()
        print(f"ratio (parallel / sequential throughput): {result['ratio']:.2f}x on {cores} core(s) (target 1.8x on 2 cores)")
        print(f"same grades exported by both runs: {'yes' if same else 'NO'}")
        if bare is not None:
            print(f"without the sandbox: {bare['seconds']:.1f} s, {bare['seconds'] / n:.2f} s per submission; the sandbox costs "
                  f"{result['sandbox_cost_s_per_submission']:+.2f} s per submission (same grades: {'yes' if bare['same_export'] else 'NO'})")
        print(f"load average at the end: {result['load_average_end']:.2f} (other work on the machine slows both runs)")
        print(f"results: {args.out / 'grading-bench.json'}")
        return 0 if same else 1
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept: {tmp}")


if __name__ == "__main__":
    sys.exit(main())
