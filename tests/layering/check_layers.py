#!/usr/bin/env python3
"""The stage layering, checked three ways against the graph compiler/CMakeLists.txt declares:
every #include of a stage names only itself or a stage below it, every folder of compiler/ is a
declared stage (or the command line), and docs/architecture.md names exactly those folders, each
with the stages it uses. Usage: check_layers.py SOURCE_DIR 'stage:dep,dep stage:dep ...'"""

import os
import re
import sys


def parse_graph(text):
    graph = {}
    for entry in re.split(r"[;\s]+", text.strip()):
        if not entry:
            continue
        name, _, deps = entry.partition(":")
        graph[name] = [d for d in deps.split(",") if d]
    return graph


def closure(graph, stage):
    seen, pending = set(), list(graph.get(stage, []))
    while pending:
        dep = pending.pop()
        if dep not in seen:
            seen.add(dep)
            pending.extend(graph.get(dep, []))
    return seen


def main():
    source, graph = sys.argv[1], parse_graph(sys.argv[2])
    compiler = os.path.join(source, "compiler")
    folders = sorted(d for d in os.listdir(compiler) if os.path.isdir(os.path.join(compiler, d)))
    problems = []

    # Every folder is a stage, but the command line, which may use them all.
    for folder in folders:
        if folder not in graph and folder != "cli":
            problems.append(f"compiler/{folder}/ is not a stage of compiler/CMakeLists.txt (rolec_stage)")
    for stage in graph:
        if stage not in folders:
            problems.append(f"stage `{stage}` has no folder compiler/{stage}/")

    # Every include of a stage folder names the stage itself or one below it.
    include = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')
    for stage in graph:
        allowed = closure(graph, stage) | {stage}
        for root, _, files in os.walk(os.path.join(compiler, stage)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        m = include.match(line)
                        if m and m.group(1) in folders and m.group(1) not in allowed:
                            problems.append(f"{os.path.relpath(path, source)}:{number}: stage `{stage}` includes "
                                            f"`{m.group(1)}/`, which it does not declare")

    # docs/architecture.md: one row per folder, with the stages it uses.
    with open(os.path.join(source, "docs", "architecture.md"), encoding="utf-8") as f:
        rows = [line for line in f if line.startswith("| ") and "`compiler/" in line]
    named = {}
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        m = re.fullmatch(r"`compiler/([a-z_]+)/`", cells[1])
        if m:
            named[m.group(1)] = cells[-1]
    for folder in folders:
        if folder not in named:
            problems.append(f"docs/architecture.md has no row for compiler/{folder}/")
    for folder, uses in named.items():
        if folder not in folders:
            problems.append(f"docs/architecture.md names compiler/{folder}/, which does not exist")
        elif folder in graph:
            written = sorted(u.strip() for u in uses.split(",") if u.strip())
            if written != sorted(graph[folder]):
                problems.append(f"docs/architecture.md says `{folder}` uses {', '.join(written) or 'nothing'}; "
                                f"compiler/CMakeLists.txt declares {', '.join(sorted(graph[folder])) or 'nothing'}")

    for p in problems:
        print(p)
    print(f"{len(graph)} stages, {len(folders)} folders: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
