#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal, as a person's terminal would, and
reports what a person would notice, as one line of JSON.

usage: pty-probe.py [options] -- COMMAND...
  --size COLSxROWS     the terminal's size (default 100x30), set before exec
  --ready TEXT         the first frame is the moment every --ready TEXT has
                       appeared on the screen (ANSI sequences stripped); repeatable
  --keys JSON          after the first frame and a settle, keys to press: a list
                       of [label, text]; each is written once the previous
                       frame is complete and the screen has been quiet a while.
                       [label, text, MARKER]: the time is until MARKER shows
                       (within 60 s, or $PTY_PROBE_MARKER_S), for a key that starts slow work
  --gap-ms N           idle time between a frame completing and the next key
                       (default 60: a fast typist, ~10 keys a second)
  --quiet-ms N         a frame is complete when no byte arrived for N ms (default 15)
  --then KEY MARKER    at the first frame, press KEY at once and time until MARKER
                       shows (what a person pressing a key as soon as the list
                       appears waits for: the explorer ready for keys)
  --quit TEXT          what to type to leave (default Ctrl+C); SIGTERM if it lingers
  --exit               the floor: time from start to the process's exit

Output: {"first_frame": s|null, "then": s|null, "exit": s|null, "keys": [[label, s|null], ...],
         "peak_rss": bytes, "screen_tail": "..."}
A key's time runs from writing it to the last byte of the frame it caused
(null when nothing was drawn within 3 s)."""
import fcntl, json, os, pty, re, select, signal, struct, sys, termios, time

ANSI = re.compile(rb'\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])')


def parse(argv):
    opts = {'size': (100, 30), 'ready': [], 'keys': [], 'gap': 0.06, 'quiet': 0.015, 'quit': '\x03', 'exit': False, 'then': None}
    cmd = argv[argv.index('--') + 1:]
    args = argv[:argv.index('--')]
    i = 0
    while i < len(args):
        a = args[i]
        if a == '--exit':
            opts['exit'] = True
            i += 1
            continue
        v = args[i + 1]
        if a == '--then':
            opts['then'] = (v.encode(), args[i + 2].encode())
            i += 3
            continue
        if a == '--size':
            c, r = v.lower().split('x')
            opts['size'] = (int(c), int(r))
        elif a == '--ready':
            opts['ready'].append(v.encode())
        elif a == '--keys':
            opts['keys'] = json.loads(v)
        elif a == '--gap-ms':
            opts['gap'] = float(v) / 1000
        elif a == '--quiet-ms':
            opts['quiet'] = float(v) / 1000
        elif a == '--quit':
            opts['quit'] = v
        else:
            raise SystemExit(f'pty-probe: unknown option {a}')
        i += 2
    return opts, cmd


def main():
    opts, cmd = parse(sys.argv[1:])
    cols, rows = opts['size']
    env = dict(os.environ)
    env.pop('CI', None)  # Ink prints only the last frame when CI is set
    env['TERM'] = 'xterm-256color'
    env['COLUMNS'], env['LINES'] = str(cols), str(rows)
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        # The size is set before exec, so the program's first read of it is right.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    raw = bytearray()
    state = {'eof': False, 'exit': None}

    def pump(timeout):
        """Reads what is there within timeout; returns (bytes, time of the last byte)."""
        if state['eof']:
            time.sleep(max(0.0, timeout))
            return b'', None
        r, _, _ = select.select([fd], [], [], max(0.0, timeout))
        if not r:
            return b'', None
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b''
        now = time.monotonic()
        if not chunk:
            state['eof'] = True
            return b'', None
        raw.extend(chunk)
        return chunk, now

    def screen():
        return ANSI.sub(b'', bytes(raw[-400000:]))

    def quiet_for(seconds, limit):
        """Reads until no byte arrived for `seconds` (or `limit` passed); returns the last byte's time."""
        end = time.monotonic() + limit
        last = None
        while time.monotonic() < end:
            chunk, at = pump(seconds)
            if not chunk:
                return last
            last = at
        return last

    result = {'first_frame': None, 'then': None, 'exit': None, 'keys': [], 'peak_rss': 0}
    if opts['exit']:
        end = start + 30
        while time.monotonic() < end:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                result['exit'] = time.monotonic() - start
                break
            pump(0.001)
        print(json.dumps(result))
        return

    end = start + 30
    while time.monotonic() < end and not state['eof']:
        chunk, at = pump(0.05)
        if chunk and all(text in screen() for text in opts['ready']):
            result['first_frame'] = at - start
            break
    if result['first_frame'] is not None and opts['then']:
        key, marker = opts['then']
        seen_before = len(raw)
        os.write(fd, key)
        end = time.monotonic() + 10
        while time.monotonic() < end and not state['eof']:
            chunk, at = pump(0.05)
            if chunk and marker in ANSI.sub(b'', bytes(raw[seen_before:])):
                result['then'] = at - start
                break
    if result['first_frame'] is not None:
        # Let the list settle (layer counts and the like arrive after the first frame,
        # and the terminal is put in raw mode): then keys, and the quit key, are keys.
        quiet_for(0.3, 5)
    if result['first_frame'] is not None and opts['keys']:
        for key in opts['keys']:
            label, text = key[0], key[1]
            time.sleep(opts['gap'])
            quiet_for(opts['quiet'], 0.5)
            sent = time.monotonic()
            seen_before = len(raw)
            os.write(fd, text.encode())
            if len(key) > 2:
                marker, shown = key[2].encode(), None
                deadline = sent + float(os.environ.get('PTY_PROBE_MARKER_S', '60'))
                while time.monotonic() < deadline and not state['eof']:
                    chunk, at = pump(0.05)
                    if chunk and marker in ANSI.sub(b'', bytes(raw[seen_before:])):
                        shown = at
                        break
                if shown is not None:
                    quiet_for(opts['quiet'], 2)
                result['keys'].append([label, None if shown is None else shown - sent])
                continue
            # The first byte of the new frame, then the rest of it.
            first = None
            deadline = sent + 3
            while time.monotonic() < deadline and not state['eof']:
                chunk, at = pump(0.05)
                if chunk:
                    first = at
                    break
            last = quiet_for(opts['quiet'], 1) if first is not None else None
            result['keys'].append([label, None if first is None else (last or first) - sent])
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    result['peak_rss'] = int(line.split()[1]) * 1024
    except OSError:
        pass
    result['screen_tail'] = screen()[-600:].decode('utf8', 'replace')
    try:
        os.write(fd, opts['quit'].encode())
    except OSError:
        pass
    stop = time.monotonic() + 2
    exited = False
    while time.monotonic() < stop:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            exited = True
            break
        pump(0.01)
    if not exited:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    print(json.dumps(result))


main()
