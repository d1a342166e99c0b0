"""Shared by the benchmark scripts: run commands interleaved under GNU time, take medians."""
import statistics, subprocess


def interleaved(cmds, runs):
    """Runs every command of `cmds` (name -> argv) once per round, `runs` rounds, so that noise
    on a shared machine hits all alike. Returns name -> (median wall s, median CPU s, median
    peak RSS MiB)."""
    results = {k: [] for k in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + cmd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            wall, user, sys_, rss = p.stderr.strip().splitlines()[-1].split()
            results[name].append((float(wall), float(user) + float(sys_), int(rss)))
    return {
        name: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs),
               statistics.median(r[2] for r in rs) / 1024)
        for name, rs in results.items()
    }
