#!/usr/bin/env python3
"""Drives `rolec lsp` as an editor does and prints what it answers, for golden comparison.

Usage: drive.py ROLEC SESSION.json [GOLDEN.out]

A session names a fixture folder (copied to a fresh temporary folder, `$ROOT` in messages and in
the transcript), the arguments of `rolec lsp`, and steps:
  {"send": MESSAGE}                 a JSON-RPC message ("jsonrpc" is added); a request has an "id"
                                    ("labels": true beside it shows a completion's labels only)
  {"raw": "BYTES"}                  bytes as they are, for broken frames
  {"open": "FILE"}                  didOpen of a fixture file with its text, version 1
  {"change": "FILE", "version": N, "edits": [[LINE, CHAR, LINE, CHAR, "TEXT"], ...]}
  {"await": "FILE", "version": N, "has": "RC411"}
                                    read until a publication of FILE (at VERSION, when given)
                                    holds a finding of rule "has" (or none, when "has" is "")
  {"eof": true}                     close the server's input
Every message the server sends is printed in order. With `"quiet_publications": true` only the
publications awaited are printed: the analysis on its thread makes the others' order vary.
The exit code of the server ends the transcript. Reads have no time limit of their own: ctest's
TIMEOUT ends a hung run.
With GOLDEN, the transcript is compared with it (ROLEC_UPDATE_GOLDEN=1 writes it instead).
"""
import json, os, shutil, subprocess, sys, tempfile

def main():
    rolec, session_path = os.path.abspath(sys.argv[1]), sys.argv[2]
    golden = sys.argv[3] if len(sys.argv) > 3 else None
    session = json.load(open(session_path))
    here = os.path.dirname(os.path.abspath(__file__))
    tmp = tempfile.mkdtemp(prefix="rolec-lsp-")
    root = os.path.join(os.path.realpath(tmp), "policy")
    shutil.copytree(os.path.join(here, "fixtures", session["fixture"]), root)
    env = dict(os.environ, ROLEC_DOCS_URL="https://rolec.example/docs/rules/", NO_COLOR="1")
    proc = subprocess.Popen([rolec, "lsp"] + session.get("args", []), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env, cwd=tmp)
    out, buf = [], b""
    quiet = session.get("quiet_publications", False)

    def fill(text):
        return json.loads(json.dumps(text).replace("$ROOT", root))

    def show(message):
        text = json.dumps(message, indent=1, sort_keys=True, ensure_ascii=False)
        out.append(text.replace("file://" + root, "file://$ROOT").replace(root, "$ROOT"))

    def read():
        nonlocal buf
        while b"\r\n\r\n" not in buf:
            data = os.read(proc.stdout.fileno(), 65536)
            if not data:
                return None
            buf += data
        head, rest = buf.split(b"\r\n\r\n", 1)
        length = int(head.decode().split(":")[1])
        while len(rest) < length:
            data = os.read(proc.stdout.fileno(), 65536)
            if not data:
                return None
            rest += data
        buf = rest[length:]
        return json.loads(rest[:length])

    def send_bytes(data):
        proc.stdin.write(data)
        proc.stdin.flush()

    def send(message):
        body = json.dumps(dict({"jsonrpc": "2.0"}, **message)).encode()
        send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def wait_for(predicate, labels=False):
        while True:
            m = read()
            if m is None:
                out.append("(the server closed its output)")
                return
            publication = m.get("method") == "textDocument/publishDiagnostics"
            if predicate(m):
                if labels and isinstance(m.get("result"), dict):
                    m["result"]["items"] = " ".join(i["label"] for i in m["result"]["items"])
                show(m)
                return
            if not (quiet and publication):
                show(m)

    def uri_of(name):
        return "file://" + os.path.join(root, name)

    for step in session["steps"]:
        if "send" in step:
            message = fill(step["send"])
            send(message)
            if "id" in message and "method" in message:
                wait_for(lambda m, i=message["id"]: m.get("id") == i and "method" not in m, step.get("labels", False))
        elif "raw" in step:
            send_bytes(step["raw"].encode())
            if step.get("reply", True):
                wait_for(lambda m: "error" in m)
        elif "open" in step:
            text = open(os.path.join(root, step["open"]), encoding="utf-8").read()
            send({"method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri_of(step["open"]), "languageId": "toml", "version": 1, "text": text}}})
        elif "change" in step:
            changes = [{"range": {"start": {"line": e[0], "character": e[1]}, "end": {"line": e[2], "character": e[3]}},
                        "text": e[4]} for e in step["edits"]]
            send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri_of(step["change"]), "version": step["version"]}, "contentChanges": changes}})
        elif "await" in step:
            uri, version, rule = uri_of(step["await"]), step.get("version"), step.get("has", "")
            def awaited(m):
                if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                    return False
                if version is not None and m["params"].get("version") != version:
                    return False
                codes = [d.get("code") for d in m["params"]["diagnostics"]]
                return rule in codes if rule else not codes
            wait_for(awaited)
        elif "eof" in step:
            proc.stdin.close()
    if not proc.stdin.closed:
        proc.stdin.close()
    while True:
        m = read()
        if m is None:
            break
        if not (quiet and m.get("method") == "textDocument/publishDiagnostics"):
            show(m)
    out.append("exit code %d" % proc.wait())
    shutil.rmtree(tmp)
    transcript = "\n".join(out) + "\n"
    if golden is None:
        sys.stdout.write(transcript)
        return 0
    if os.environ.get("ROLEC_UPDATE_GOLDEN") == "1":
        open(golden, "w").write(transcript)
        return 0
    expected = open(golden).read() if os.path.exists(golden) else ""
    if transcript != expected:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), transcript.splitlines(True),
                                                   golden, "transcript"))
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
