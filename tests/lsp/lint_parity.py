#!/usr/bin/env python3
"""The findings `rolec lsp` publishes are the findings of `rolec lint`: for every example policy and
every lint case, each copied into a folder of its own, the server (analysis inline, positions in
UTF-8) is given every file of the folder, and its last publication of each file is compared with
`rolec lint --format json` of the folder: rule, severity, message, help, file and range.

Usage: lint_parity.py ROLEC REPOSITORY
"""
import glob, json, os, shutil, subprocess, sys, tempfile

def lsp_findings(rolec, root, files):
    proc = subprocess.Popen([rolec, "lsp", "--analysis", "inline"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, cwd=os.path.dirname(root))
    def send(m):
        body = json.dumps(dict({"jsonrpc": "2.0"}, **m)).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    # The folder is named as the policy, as rolec lint is given it: with its subfolders.
    send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": "file://" + root,
          "capabilities": {"general": {"positionEncodings": ["utf-8"]}}, "initializationOptions": {"policies": ["."]}}})
    for f in files:
        send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file://" + f, "languageId": "toml", "version": 1, "text": open(f, encoding="utf-8").read()}}})
    send({"id": 2, "method": "shutdown"})
    send({"method": "exit"})
    proc.stdin.close()
    data = proc.stdout.read()
    if proc.wait() != 0:
        raise SystemExit("rolec lsp exited with %d in %s" % (proc.returncode, root))
    last = {}
    while data:
        head, rest = data.split(b"\r\n\r\n", 1)
        n = int(head.decode().split(":")[1])
        m = json.loads(rest[:n])
        data = rest[n:]
        if m.get("method") == "textDocument/publishDiagnostics":
            last[m["params"]["uri"]] = m["params"]["diagnostics"]
    found = []
    severities = {1: "error", 2: "warning", 3: "info"}
    for uri, diagnostics in last.items():
        path = os.path.relpath(uri[len("file://"):], os.path.dirname(root))
        for d in diagnostics:
            r = d["range"]
            found.append((path, r["start"]["line"] + 1, r["start"]["character"] + 1, r["end"]["line"] + 1,
                          r["end"]["character"] + 1, d["code"], severities[d["severity"]], d["message"]))
    return sorted(found)

def lint_findings(rolec, root):
    run = subprocess.run([rolec, "lint", "--format", "json", "--no-config", os.path.basename(root)],
                         cwd=os.path.dirname(root), capture_output=True, text=True)
    found = []
    for d in json.loads(run.stdout)["diagnostics"]:
        message = d["message"]
        for n in d.get("notes", []):
            if "line" not in n:
                message += "\nnote: " + n["message"]
        if d.get("help"):
            message += "\nhelp: " + d["help"]
        found.append((d["file"], d["line"], d["column"], d["end_line"], d["end_column"], d["rule"], d["severity"], message))
    return sorted(found)

def main():
    rolec, repo = os.path.abspath(sys.argv[1]), sys.argv[2]
    inputs = sorted(p for p in glob.glob(os.path.join(repo, "examples", "*")) if glob.glob(os.path.join(p, "*.toml")))
    inputs += sorted(glob.glob(os.path.join(repo, "tests", "lint", "cases", "*")))
    failed, compared, findings = 0, 0, 0
    for source in inputs:
        tmp = os.path.realpath(tempfile.mkdtemp(prefix="rolec-parity-"))
        root = os.path.join(tmp, "policy")
        if os.path.isdir(source):
            shutil.copytree(source, root)
        else:
            os.mkdir(root)
            shutil.copy(source, root)
        files = sorted(f for f in glob.glob(os.path.join(root, "**", "*.toml"), recursive=True)
                       if not os.path.basename(f).startswith("."))
        expected, got = lint_findings(rolec, root), lsp_findings(rolec, root, files)
        compared += 1
        findings += len(expected)
        if expected != got:
            failed += 1
            print("DIFFERENT: %s" % os.path.relpath(source, repo))
            for x in sorted(set(expected) - set(got)):
                print("  lint only:", x)
            for x in sorted(set(got) - set(expected)):
                print("  lsp only: ", x)
        shutil.rmtree(tmp)
    print("%d policies, %d findings of lint: %d differ" % (compared, findings, failed))
    return 1 if failed or compared == 0 else 0

if __name__ == "__main__":
    sys.exit(main())
