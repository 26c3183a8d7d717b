#!/usr/bin/env python3
"""Refresh benchmarks, RadNet side by side with newsboat and the floors.

refresh-1000-cold, refresh-1000-304, refresh-1000-200 and
refresh-restart-304 as defined in ../shared/bench/BENCHMARKS.md: 1,000
feeds x 50 items served by nginx on 127.0.0.1. Each figure is the median
[min-max] of --runs runs, RadNet and the peer alternating, in this one run
of the script. Floors measured beside them: a plain fetch of every URL
(curl, 4 in parallel, gzip), a plain libxml2 parse of every feed
(floor-xml), a plain SQLite insert of the same items with FTS5 (sqlite3).

Exits 77 (skipped) when ../shared/bench, nginx or python3 pieces are
missing; newsboat is skipped on its own when absent.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

SKIP = 77


def log(*args):
    print(*args, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v: (wall seconds, peak RSS MiB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.monotonic()
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", t.name] + cmd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - start
        report = open(t.name).read()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    user = re.search(r"User time \(seconds\): ([\d.]+)", report)
    system = re.search(r"System time \(seconds\): ([\d.]+)", report)
    cpu = float(user.group(1)) + float(system.group(1)) if user and system else float("nan")
    if proc.returncode not in (0, 1):
        log("  command failed:", " ".join(cmd), proc.returncode, proc.stderr[-500:])
    # On a busy machine wall time mostly measures waiting for a core:
    # CPU time (user + sys) is printed beside it.
    log(f"    ({os.path.basename(cmd[0])}: wall {wall:.2f} s, cpu {cpu:.2f} s)")
    return wall, int(rss.group(1)) / 1024 if rss else float("nan"), proc.stdout


def fmt(values, unit="s"):
    if not values:
        return "n/a"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.2f} {unit}"
    return f"{med:.2f} {unit} [{min(values):.2f}-{max(values):.2f}]"


class Nginx:
    def __init__(self, shared, corpus, port):
        self.corpus = corpus
        self.log = os.path.join(corpus, ".nginx", "access.log")
        self.proc = subprocess.Popen(["sh", os.path.join(shared, "bench", "serve.sh"), corpus, str(port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/status", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def mark(self):
        time.sleep(1.2)  # the access log is flushed every second
        return os.path.getsize(self.log) if os.path.exists(self.log) else 0

    def statuses(self, since):
        """Counts of feed requests by status, and how many sent validators."""
        time.sleep(1.2)
        counts, validated = {}, 0
        with open(self.log, "rb") as f:
            f.seek(since)
            for line in f.read().decode("utf-8", "replace").splitlines():
                if "/feeds/" not in line:
                    continue
                status = line.split('"')[2].split()[0]
                counts[status] = counts.get(status, 0) + 1
                if 'inm="-"' not in line or 'ims="-"' not in line:
                    validated += 1
        return counts, validated

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)


def ensure_corpus(shared, data, port):
    corpus = os.path.join(data, "corpus")
    gen = os.path.join(shared, "bench", "gen_corpus.py")
    base = f"http://127.0.0.1:{port}"
    if not os.path.exists(os.path.join(corpus, "urls.txt")):
        log("generating the corpus (about a minute)...")
        subprocess.run([sys.executable, gen, "feeds", "--out", corpus, "--gzip", "--base-url", base], check=True)
    else:
        subprocess.run([sys.executable, gen, "lists", "--out", corpus, "--base-url", base], check=True)
    rows = os.path.join(data, "rows50k.db")
    if not os.path.exists(rows):
        subprocess.run([sys.executable, gen, "rows", "--out", rows], check=True)
    # world-readable for nginx's workers
    subprocess.run(["chmod", "-R", "a+rX", data], check=True)
    # OPML of the validator-less copies, for refresh-1000-200
    with open(os.path.join(corpus, "urls-nv.txt")) as f:
        urls = [u.strip() for u in f if u.strip()]
    with open(os.path.join(corpus, "feeds-nv.opml"), "w") as f:
        f.write('<?xml version="1.0"?>\n<opml version="2.0"><head><title>nv</title></head><body>\n')
        for u in urls:
            f.write(f'<outline type="rss" text="{u}" xmlUrl="{u}"/>\n')
        f.write("</body></opml>\n")
    # warm the page cache
    for root, _, files in os.walk(os.path.join(corpus, "www")):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                f.read()
    return corpus, rows


def radnet_db_state(path):
    db = sqlite3.connect(path)
    state = db.execute("SELECT count(*), ifnull(max(id), 0), ifnull(sum(content_hash % 1000003), 0) FROM items").fetchone()
    db.close()
    return state


def run_radnet(cli, corpus, nginx, jobs, results):
    env = dict(os.environ, LANG="C.UTF-8")
    with tempfile.TemporaryDirectory(prefix="radnet-bench-") as d:
        subprocess.run([cli, "--data-dir", d, "import-opml", os.path.join(corpus, "feeds.opml")],
                       check=True, stdout=subprocess.DEVNULL)
        mark = nginx.mark()
        wall, rss, out = timed([cli, "--data-dir", d, "refresh", "--json", "--jobs", str(jobs)], env)
        summary = json.loads(out)
        counts, _ = nginx.statuses(mark)
        db = os.path.join(d, "library.db")
        size = os.path.getsize(db) / 2**20
        items = radnet_db_state(db)[0]
        log(f"  radnet cold: {wall:.2f} s, {rss:.0f} MiB, {summary['new_items']} new, "
            f"{summary['failed']} failed, {items} items, DB {size:.0f} MiB, requests {counts}")
        results["cold"].append(wall)
        results["cold_rss"].append(rss)
        results["cold_db"].append(size)

        # Every run is a new process: the 304 run is also the restart run.
        mark = nginx.mark()
        wall, rss, out = timed([cli, "--data-dir", d, "refresh", "--json", "--jobs", str(jobs)], env)
        summary = json.loads(out)
        counts, validated = nginx.statuses(mark)
        log(f"  radnet 304 (new process): {wall:.2f} s, {rss:.0f} MiB, not_modified {summary['not_modified']}, "
            f"requests {counts}, with validators {validated}")
        results["304"].append(wall)
        results["304_rss"].append(rss)
        results["restart_validated"].append(validated)
        results["restart_304"].append(counts.get("304", 0))

    with tempfile.TemporaryDirectory(prefix="radnet-bench-nv-") as d:
        subprocess.run([cli, "--data-dir", d, "import-opml", os.path.join(corpus, "feeds-nv.opml")],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([cli, "--data-dir", d, "refresh", "--json", "--jobs", str(jobs)], env=env,
                       check=False, stdout=subprocess.DEVNULL)
        before = radnet_db_state(os.path.join(d, "library.db"))
        wall, rss, out = timed([cli, "--data-dir", d, "refresh", "--json", "--jobs", str(jobs)], env)
        summary = json.loads(out)
        after = radnet_db_state(os.path.join(d, "library.db"))
        log(f"  radnet 200 unchanged: {wall:.2f} s, {rss:.0f} MiB, updated feeds {summary['ok']}, "
            f"rows before/after {before}/{after}")
        results["200"].append(wall)
        results["200_rss"].append(rss)
        results["200_rewritten"].append(0 if before == after and summary["ok"] == 0 else 1)


def run_newsboat(corpus, results):
    with tempfile.TemporaryDirectory(prefix="newsboat-bench-") as d:
        conf = os.path.join(d, "nb.conf")
        with open(conf, "w") as f:
            f.write("reload-threads 4\ndownload-timeout 60\nmax-items 0\n")
        env = dict(os.environ, HOME=d)
        cmd = ["newsboat", "-x", "reload", "-u", os.path.join(corpus, "urls.txt"),
               "-c", os.path.join(d, "cache.db"), "-C", conf]
        wall, rss, _ = timed(cmd, env)
        log(f"  newsboat cold: {wall:.2f} s, {rss:.0f} MiB")
        results["nb_cold"].append(wall)
        results["nb_cold_rss"].append(rss)
        timed(cmd, env)  # reload 2: newsboat loses its validators here (note 2)
        wall, rss, _ = timed(cmd, env)
        log(f"  newsboat reload 3 (304): {wall:.2f} s, {rss:.0f} MiB")
        results["nb_304"].append(wall)


def floors(corpus, rows, floor_xml, results):
    with open(os.path.join(corpus, "urls.txt")) as f:
        urls = [u.strip() for u in f if u.strip()]
    start = time.monotonic()
    subprocess.run("xargs -P 4 -n 50 curl -s --compressed -o /dev/null", shell=True, input="\n".join(urls),
                   text=True, check=True)
    results["floor_fetch"].append(time.monotonic() - start)

    files = sorted(os.path.join(corpus, "www", "feeds", n) for n in os.listdir(os.path.join(corpus, "www", "feeds"))
                   if not n.endswith(".gz"))
    out = subprocess.run([floor_xml] + files, check=True, stdout=subprocess.PIPE, text=True).stdout.split()
    results["floor_parse"].append(float(out[1]))

    with tempfile.TemporaryDirectory(prefix="sqlite-floor-") as d:
        db = os.path.join(d, "floor.db")
        sql = f"""
PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
CREATE TABLE items(id INTEGER PRIMARY KEY, feed, guid, title, link, author, published, summary, body, UNIQUE(feed, guid));
CREATE INDEX items_published ON items(published);
CREATE VIRTUAL TABLE items_fts USING fts5(title, author, summary, body, content='items', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER items_ai AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, title, author, summary, body) VALUES (new.id, new.title, new.author, new.summary, new.body);
END;
ATTACH '{rows}' AS src;
BEGIN; INSERT INTO items(feed, guid, title, link, author, published, summary, body)
  SELECT feed, guid, title, link, author, published, summary, body FROM src.items; COMMIT;
"""
        start = time.monotonic()
        subprocess.run(["sqlite3", db], input=sql, text=True, check=True, stdout=subprocess.DEVNULL)
        results["floor_sqlite"].append(time.monotonic() - start)
    log(f"  floors: fetch {results['floor_fetch'][-1]:.2f} s, libxml2 {results['floor_parse'][-1]:.2f} s, "
        f"sqlite+fts5 {results['floor_sqlite'][-1]:.2f} s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--floor-xml", required=True)
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RADNET_BENCH_RUNS", "3")))
    ap.add_argument("--jobs", type=int, default=8)
    args = ap.parse_args()

    shared = os.environ.get("RADNET_SHARED_DIR", "")
    data = os.environ.get("RADNET_BENCH_DATA", "")
    if not os.path.exists(os.path.join(shared, "bench", "gen_corpus.py")) or not data:
        log("SKIP: ../shared/bench is not there")
        return SKIP
    if not shutil.which("nginx") or not shutil.which("sqlite3") or not shutil.which("curl"):
        log("SKIP: nginx, sqlite3 or curl is missing")
        return SKIP
    os.makedirs(data, exist_ok=True)

    port = free_port()
    corpus, rows = ensure_corpus(shared, data, port)
    nginx = Nginx(shared, corpus, port)
    results = {k: [] for k in ("cold", "cold_rss", "cold_db", "304", "304_rss", "restart_validated",
                               "restart_304", "200", "200_rss", "200_rewritten", "nb_cold", "nb_cold_rss",
                               "nb_304", "floor_fetch", "floor_parse", "floor_sqlite")}
    have_newsboat = shutil.which("newsboat") is not None
    try:
        for i in range(args.runs):
            log(f"run {i + 1} of {args.runs}")
            run_radnet(args.cli, corpus, nginx, args.jobs, results)
            if have_newsboat:
                run_newsboat(corpus, results)
            floors(corpus, rows, args.floor_xml, results)
    finally:
        nginx.stop()

    floor_sum = [a + b + c for a, b, c in zip(results["floor_fetch"], results["floor_parse"], results["floor_sqlite"])]
    log("")
    log("| benchmark | RadNet | newsboat 2.21 | RadNet / newsboat | floors |")
    log("| --- | --- | --- | --- | --- |")
    nb_cold = statistics.median(results["nb_cold"]) if results["nb_cold"] else None
    cold = statistics.median(results["cold"])
    fsum = statistics.median(floor_sum)
    log(f"| refresh-1000-cold | {fmt(results['cold'])}, {fmt(results['cold_rss'], 'MiB')}, "
        f"DB {fmt(results['cold_db'], 'MiB')} | {fmt(results['nb_cold'])}, {fmt(results['nb_cold_rss'], 'MiB')} | "
        f"{(cold / nb_cold) if nb_cold else float('nan'):.2f} | sum {fmt(floor_sum)} "
        f"(fetch {fmt(results['floor_fetch'])}, libxml2 {fmt(results['floor_parse'])}, "
        f"sqlite+fts5 {fmt(results['floor_sqlite'])}); RadNet / floors {cold / fsum:.2f} |")
    nb_304 = statistics.median(results["nb_304"]) if results["nb_304"] else None
    log(f"| refresh-1000-304 | {fmt(results['304'])}, {fmt(results['304_rss'], 'MiB')} | {fmt(results['nb_304'])} | "
        f"{(statistics.median(results['304']) / nb_304) if nb_304 else float('nan'):.3f} | |")
    log(f"| refresh-1000-200 | {fmt(results['200'])}, {fmt(results['200_rss'], 'MiB')}; "
        f"runs with rewritten rows: {sum(results['200_rewritten'])} | | | |")
    log(f"| refresh-restart-304 | {fmt(results['304'])}; 304 answers {results['restart_304']}, "
        f"requests with validators {results['restart_validated']} | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
