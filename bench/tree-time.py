#!/usr/bin/env python3
"""Run a command and account for its whole process tree (Linux): wall time until the command exits,
wall time until its last descendant is gone, and the CPU time (user + system) of every process in
the tree. This process becomes a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so the processes
the command leaves behind (a browser's helpers, an orphan doing its teardown) are reparented to it,
waited for and counted, instead of escaping to init.

Usage: tree-time.py STDOUT_FILE STDERR_FILE COMMAND [ARGS...]; prints one JSON line.
"""
import ctypes
import json
import os
import resource
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit("tree-time: prctl(PR_SET_CHILD_SUBREAPER) failed")

out_path, err_path, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
before = resource.getrusage(resource.RUSAGE_CHILDREN)
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(out, 1)
    os.dup2(err, 2)
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
exited = None
code = None
while True:
    try:
        wpid, status = os.wait()
    except ChildProcessError:
        break
    if wpid == pid:
        exited = time.perf_counter()
        code = os.waitstatus_to_exitcode(status)
done = time.perf_counter()
after = resource.getrusage(resource.RUSAGE_CHILDREN)
user = after.ru_utime - before.ru_utime
system = after.ru_stime - before.ru_stime
print(json.dumps({
    "code": code,
    "wallMs": (exited - t0) * 1000,
    "treeMs": (done - t0) * 1000,
    "cpuMs": (user + system) * 1000,
    "userMs": user * 1000,
    "sysMs": system * 1000,
    "maxRssKb": after.ru_maxrss,
}))
