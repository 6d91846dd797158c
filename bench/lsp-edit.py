#!/usr/bin/env python3
"""One `rolec lsp` session for bench/lsp.sh: opens FILE of policy folder ROOT, then makes CHANGES
one-character edits (a character typed into a role's title, then taken out again), each sent
PAUSE seconds after the diagnostics of the one before arrived. Prints the milliseconds from
each change being written to the server until the server's publication of that file at that
version has been read, one per line, after the time of the first publication on open.
Usage: lsp-edit.py ROLEC ROOT FILE CHANGES PAUSE ANALYSIS
"""
import json, os, subprocess, sys, time

rolec, root, name, changes, pause, analysis = sys.argv[1:7]
changes, pause = int(changes), float(pause)
proc = subprocess.Popen([rolec, "lsp", "--analysis", analysis], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
buf = b""

def send(m):
    body = json.dumps(dict({"jsonrpc": "2.0"}, **m)).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()

def read():
    global buf
    while b"\r\n\r\n" not in buf:
        buf += os.read(proc.stdout.fileno(), 1 << 16)
    head, rest = buf.split(b"\r\n\r\n", 1)
    n = int(head.split(b":")[1])
    while len(rest) < n:
        rest += os.read(proc.stdout.fileno(), 1 << 16)
    buf = rest[n:]
    return json.loads(rest[:n])

path = os.path.join(root, name)
uri = "file://" + path
text = open(path).read()

def until(version):
    while True:
        m = read()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                and m["params"].get("version") == version:
            return

send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": "file://" + root, "capabilities": {}}})
while read().get("id") != 1:
    pass
start = time.perf_counter()
send({"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}}})
until(1)
print("%.2f" % ((time.perf_counter() - start) * 1000))
lines = text.split("\n")
line = next(i for i, l in enumerate(lines) if l.startswith("title = "))
column = len(lines[line]) - 1  # before the closing quote
for version in range(2, changes + 2):
    typed = version % 2 == 0
    change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + (0 if typed else 1)}},
              "text": "x" if typed else ""}
    start = time.perf_counter()
    send({"method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
    until(version)
    print("%.2f" % ((time.perf_counter() - start) * 1000))
    time.sleep(pause)
send({"id": 2, "method": "shutdown"})
send({"method": "exit"})
proc.stdin.close()
proc.wait()
