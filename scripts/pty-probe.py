#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal, as a person's terminal would, and
reports timings as JSON: when the screen first showed MARKER, how long each
key took to produce the next frame, and the process's peak RSS.

usage: pty-probe.py COLS ROWS MARKER KEYS_JSON -- COMMAND...
KEYS_JSON: a list of [key, wait_marker_or_null]; each key is written after
the previous frame settled, and its latency is the time to the first output
byte after it (to wait_marker when given)."""
import json, os, pty, select, signal, struct, sys, time, fcntl, termios

def main():
    cols, rows, marker, keys = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode(), json.loads(sys.argv[4])
    cmd = sys.argv[sys.argv.index('--') + 1:]
    env = dict(os.environ)
    env.pop('CI', None)
    env['TERM'] = 'xterm-256color'
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    seen = b''
    first = None
    def read_until(pred, timeout):
        nonlocal seen
        end = time.monotonic() + timeout
        got = b''
        while time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.01)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return None
                if not chunk:
                    return None
                got += chunk
                seen = (seen + chunk)[-200000:]
                if pred(got):
                    return got
        return None
    if read_until(lambda got: marker in seen, 30) is not None:
        first = time.monotonic() - start
    latencies = []
    # Let the list settle (layer counts arrive after the first frame).
    read_until(lambda got: False, 0.5)
    for key, wait in keys:
        t = time.monotonic()
        os.write(fd, key.encode())
        want = wait.encode() if wait else None
        got = read_until(lambda g: (want in g) if want else len(g) > 0, 5)
        latencies.append(None if got is None else time.monotonic() - t)
        read_until(lambda g: False, 0.02)
    rss = 0
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    rss = int(line.split()[1]) * 1024
    except OSError:
        pass
    os.write(fd, b'\x03')
    read_until(lambda g: False, 0.3)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    print(json.dumps({'first_frame': first, 'latencies': latencies, 'peak_rss': rss}))

main()
