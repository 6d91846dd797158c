#!/usr/bin/python3
"""Runs the CI recipes of docs/ci/ the way GitHub Actions and GitLab CI would, on this machine.

Every `run:` step and `script:` line of docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml runs
in bash, with the built rolec on the PATH, against rolec-emulator started here in place of the
Access API (SANITY_API_URL points at it). What a hosted runner provides is played by the test:

- the steps that install rolec from the .deb (checked to download $ROLEC_DEB_URL and install it
  with apt-get; the .deb itself is installed and run by .ci/run);
- the actions a workflow uses: checkout, upload-sarif (the file must be SARIF from rolec),
  upload-artifact and download-artifact;
- git as the CI systems leave it: the scenario's repository is a real one, with the base policy on
  `main` and the pull request's commit on a branch; a checkout holds that one commit, one deep,
  with the scenario's repository as `origin` and no other branch, as actions/checkout and GitLab's
  runner fetch it. In a GitHub `container:` job, checkout without git installed by an earlier step
  gives the files only (actions/checkout's REST API download), and git refuses the workspace until
  a step declares it a safe.directory (the steps run as root, the workspace is the runner's user's);
- the job summary ($GITHUB_STEP_SUMMARY) and a fresh HOME per GitHub job;
- `gh pr comment` (a stand-in `gh` that keeps the comment) and GitLab's notes API (a local HTTP
  server that keeps the note, reached by the real curl);
- `${{ }}` expressions, `if:` conditions and GitLab `rules:`; an expression or action this test
  does not know fails it, so that a recipe cannot use one untested.

Scenarios: a pull request (merge request) with a new policy or a new role, its merge, a merge that
changes nothing, a pull request with an error, and one more pull request, so that each recipe's
`rolec diff` meets a base branch with the policy and one without (a repository's first policy).
After each, the project is checked over the API, and a pull request's access changes in the
annotations and the job summary (GitHub) or the diff job's log (GitLab).

Usage: ci_recipes_test.py SOURCE_DIR BUILD_DIR
"""

import fnmatch
import http.server
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading

import yaml

TOKEN = "ci-recipes-secret-token-5f1c"
PROJECT = "blog0001"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Emulator:
    def __init__(self, build):
        self.process = subprocess.Popen(
            [str(build / "rolec-emulator"), "--port", "0", "--project", PROJECT, "--token", f"{TOKEN}=administrator"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline().strip()
        check(line.startswith("listening on http://127.0.0.1:"), f"the emulator did not start: {line!r}")
        self.url = line[len("listening on "):]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class NotesServer(http.server.ThreadingHTTPServer):
    """GitLab's POST /projects/:id/merge_requests/:iid/notes, keeping what was posted."""

    def __init__(self):
        self.notes = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                outer.notes.append({"path": self.path, "token": self.headers.get("PRIVATE-TOKEN"), "body": body})
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"id": 1}')

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server_address[1]}/api/v4"


def install_step_is_the_deb(script):
    """The install steps download $ROLEC_DEB_URL and install it with apt-get."""
    return '"$ROLEC_DEB_URL"' in script and re.search(r"apt-get install .*/tmp/rolec\.deb", script) is not None


class Runner:
    """What both CI systems share: a workspace per job, the environment, bash, the outputs."""

    def __init__(self, source, build, emulator, scratch):
        self.source = source
        self.build = build
        self.emulator = emulator
        self.scratch = scratch
        self.fakes = scratch / "fakes"
        self.fakes.mkdir()
        self.comments = scratch / "comments"
        self.comments.mkdir()
        gh = self.fakes / "gh"
        gh.write_text(
            "#!/bin/bash\n"
            "# Stands in for the GitHub CLI: keeps `gh pr comment N --repo R --body-file F`.\n"
            "[ \"$1 $2\" = 'pr comment' ] || { echo \"gh: not faked: $*\" >&2; exit 1; }\n"
            "n=$3; shift 3; file=\n"
            "while [ $# -gt 0 ]; do case $1 in --body-file) file=$2; shift 2 ;; --repo) shift 2 ;; *) echo \"gh: unknown $1\" >&2; exit 1 ;; esac; done\n"
            f"[ -n \"$GH_TOKEN\" ] || {{ echo 'gh: no GH_TOKEN' >&2; exit 1; }}\n"
            f"cp \"$file\" \"{self.comments}/pr-$n-$(date +%s%N).md\"\n")
        gh.chmod(0o755)
        real_git = shutil.which("git")
        check(real_git is not None, "the test needs git")
        # The test's own git, away from the configuration of whoever runs it.
        self.git_env = {"PATH": "/usr/bin:/bin", "HOME": str(scratch), "GIT_CONFIG_NOSYSTEM": "1",
                        "GIT_AUTHOR_NAME": "ci", "GIT_AUTHOR_EMAIL": "ci@example.invalid",
                        "GIT_COMMITTER_NAME": "ci", "GIT_COMMITTER_EMAIL": "ci@example.invalid"}
        self.container_fakes = scratch / "container-fakes"
        self.container_fakes.mkdir()
        container_git = self.container_fakes / "git"
        container_git.write_text(
            "#!/bin/bash\n"
            "# git in a container job: root, in a workspace the runner's user owns. git refuses such a\n"
            "# repository until it is declared a safe.directory; `git config` works, so that it can be.\n"
            f"safe=$({real_git} config --global --get-all safe.directory)\n"
            "if [ \"$1\" != config ] && ! grep -qxF -e \"$GITHUB_WORKSPACE\" -e '*' <<< \"$safe\"; then\n"
            "  echo \"fatal: detected dubious ownership in repository at '$GITHUB_WORKSPACE'\" >&2\n"
            "  exit 128\n"
            "fi\n"
            f"exec {real_git} \"$@\"\n")
        container_git.chmod(0o755)
        self.outputs = []  # every byte a job printed, for the token check
        self.substituted = 0

    def git(self, cwd, *args):
        run = subprocess.run(["git", *args], cwd=cwd, env=self.git_env, capture_output=True, text=True)
        check(run.returncode == 0, f"git {' '.join(args)}: {run.stderr}")

    def repository(self, policy_edit=None, main_has_policy=True):
        """The repository the CI system hosts: on `main` the documents, a README and the blog policy
        in access/ (unless not main_has_policy); checked out, a pull request's branch with one commit
        on top, the blog policy with `policy_edit` applied. Its working tree is the pull request's."""
        repo = self.scratch / "repository"
        if repo.exists():
            shutil.rmtree(repo)
        shutil.copytree(self.source / "examples/documents", repo / "documents")
        (repo / "README.md").write_text("# site\n")
        path = repo / "access/policy.toml"
        path.parent.mkdir()
        blog = (self.source / "examples/blog/policy.toml").read_text()
        if main_has_policy:
            path.write_text(blog)
        self.git(repo, "init", "-q", "-b", "main")
        self.git(repo, "add", "-A")
        self.git(repo, "commit", "-q", "-m", "the site")
        self.git(repo, "checkout", "-q", "-b", "pull-request")
        edited = policy_edit(blog) if policy_edit else blog
        check(policy_edit is None or edited != blog, "the scenario's policy edit did not apply")
        path.write_text(edited)
        self.git(repo, "add", "-A")
        self.git(repo, "commit", "-q", "--allow-empty", "-m", "the pull request")
        return repo

    def checkout(self, repo, work):
        """A checkout as actions/checkout and GitLab's runner make one: `origin` is the scenario's
        repository, and only the commit built is fetched, one deep; no other branch is known."""
        self.git(work, "init", "-q")
        self.git(work, "remote", "add", "origin", repo.as_uri())
        self.git(work, "fetch", "-q", "--depth=1", "origin", "HEAD")
        self.git(work, "checkout", "-q", "FETCH_HEAD")

    def workspace(self, job):
        path = self.scratch / "jobs" / job
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        return path

    def env(self, extra):
        env = {
            "PATH": f"{self.fakes}:{self.build}:/usr/bin:/bin",
            "HOME": str(self.scratch),
            "LANG": "C.UTF-8",
            "SANITY_API_URL": self.emulator.url,
        }
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def bash(self, script, cwd, env):
        run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                             env=env, capture_output=True, text=True, timeout=120)
        self.outputs.append(run.stdout + run.stderr)
        return run

    def comments_posted(self):
        return sorted(self.comments.iterdir())

    def project_matches_policy(self, repo):
        """`rolec plan` of the policy against the project: exit 0 means nothing left to change."""
        run = subprocess.run([str(self.build / "rolec"), "plan", "access", "--env", "production", "--detailed-exitcode"],
                             cwd=repo, env=self.env({"SANITY_AUTH_TOKEN": TOKEN}), capture_output=True, text=True)
        return run.returncode == 0, run.stdout + run.stderr


class GitHub:
    """Runs a workflow for one event."""

    def __init__(self, runner, workflow):
        self.runner = runner
        self.workflow = workflow
        self.artifacts = {}

    def expression(self, text, context):
        text = text.strip()
        if text in context:
            return context[text]
        raise Failure(f"github-actions.yml: the test does not know the expression `{text}`")

    def substitute(self, value, context):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(self.expression(m.group(1), context)), str(value))

    def condition(self, text, context):
        """`always()`, `X == 'literal'` and `&&` of those, as the recipe uses them."""
        text = re.sub(r"^\$\{\{(.*)\}\}$", r"\1", str(text).strip()).strip()
        result = True
        for part in (p.strip() for p in text.split("&&")):
            if part == "always()":
                continue
            m = re.fullmatch(r"([\w.-]+) == '([^']*)'", part)
            if not m:
                raise Failure(f"github-actions.yml: the test does not know the condition `{part}`")
            result = result and str(self.expression(m.group(1), context)) == m.group(2)
        return result

    def run(self, event, repo, pr_number=None):
        """Runs every job whose `needs` succeeded and whose `if` holds; returns their results."""
        results = {}
        outputs = {}
        self.failed_step = None
        self.logs = {}  # what each job printed
        self.summaries = {}  # each job's summary
        for name, job in self.workflow["jobs"].items():
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            context = {
                "github.event_name": event,
                "github.base_ref": "main" if event == "pull_request" else "",
                "github.token": "github-job-token",
                "secrets.SANITY_AUTH_TOKEN": TOKEN,
                "vars.ROLEC_DEB_URL": "https://packages.example/rolec.deb",
            }
            if pr_number is not None:
                context["github.event.pull_request.number"] = pr_number
            for need in needs:
                for key, value in outputs.get(need, {}).items():
                    context[f"needs.{need}.outputs.{key}"] = value
            if any(results.get(n) != "success" for n in needs):
                results[name] = "skipped (needs)"
                continue
            if "if" in job and not self.condition(job["if"], context):
                results[name] = "skipped (if)"
                continue
            results[name], step_outputs = self.run_job(name, job, context, repo)
            outputs[name] = {k: self.substitute(v, {**context, **step_outputs}) for k, v in job.get("outputs", {}).items()}
        return results

    def run_job(self, name, job, context, repo):
        work = self.runner.workspace(name)
        # The runner's folder for the job, outside the workspace: HOME (a container's starts empty)
        # and the summary.
        temp = self.runner.workspace(f"{name}.temp")
        summary = temp / "step-summary.md"
        env = {**self.workflow.get("env", {}), **job.get("env", {})}
        # ubuntu-latest has git; debian:bookworm has it once a step installs it.
        container = "container" in job
        has_git = not container
        failed = False
        step_outputs = {}
        self.logs[name] = ""
        for step in job["steps"]:
            here = {**context, **step_outputs}
            if "if" in step and not self.condition(step["if"], {**here, "job.failed": failed}):
                continue
            if failed and "always()" not in str(step.get("if", "")):
                continue
            if "uses" in step:
                self.use(step, work, repo, has_git)
                continue
            script = step["run"]
            if step.get("name") == "Install rolec":
                check(install_step_is_the_deb(script), f"{name}: the install step does not install the .deb")
                self.runner.substituted += 1
                has_git = has_git or re.search(r"apt-get install [^\n]*\bgit\b", script) is not None
                continue
            output_file = work / ".github_output"
            output_file.write_text("")
            step_env = {**env, **step.get("env", {})}
            step_env = {k: self.substitute(v, here) for k, v in step_env.items()}
            step_env.update({"GITHUB_OUTPUT": output_file, "GITHUB_REPOSITORY": "example/site", "CI": "true",
                             "GITHUB_WORKSPACE": work, "GITHUB_STEP_SUMMARY": summary, "HOME": temp})
            step_env = self.runner.env(step_env)
            if container:
                step_env["PATH"] = f"{self.runner.container_fakes}:{step_env['PATH']}"
            run = self.runner.bash(script, work, step_env)
            self.last_output = run.stdout + run.stderr
            self.logs[name] += self.last_output
            if "id" in step:
                for line in output_file.read_text().splitlines():
                    key, _, value = line.partition("=")
                    step_outputs[f"steps.{step['id']}.outputs.{key}"] = value
            if run.returncode != 0:
                failed = True
                self.failed_step = (name, step.get("name"), self.last_output)
        self.summaries[name] = summary.read_text() if summary.exists() else ""
        return ("failure" if failed else "success"), step_outputs

    def use(self, step, work, repo, has_git):
        action, _, _ = step["uses"].partition("@")
        given = step.get("with", {})
        if action == "actions/checkout":
            self.runner.checkout(repo, work)
            if not has_git:
                # Without git, actions/checkout downloads the files over the REST API: no repository.
                shutil.rmtree(work / ".git")
        elif action == "github/codeql-action/upload-sarif":
            sarif = json.loads((work / given["sarif_file"]).read_text())
            check(sarif.get("version") == "2.1.0", "upload-sarif: not SARIF 2.1.0")
            check(sarif["runs"][0]["tool"]["driver"]["name"] == "rolec", "upload-sarif: not rolec's SARIF")
            self.sarif = sarif
        elif action == "actions/upload-artifact":
            stored = self.runner.scratch / "artifacts" / given["name"]
            if stored.exists():
                shutil.rmtree(stored)
            stored.mkdir(parents=True)
            shutil.copy(work / given["path"], stored)
            self.artifacts[given["name"]] = stored
        elif action == "actions/download-artifact":
            check(given["name"] in self.artifacts, f"download-artifact: no artifact {given['name']} in this run")
            shutil.copytree(self.artifacts[given["name"]], work, dirs_exist_ok=True)
        else:
            raise Failure(f"github-actions.yml: the test does not know the action {step['uses']}")

    def why(self):
        """For a failure message: the step that failed, and what it printed."""
        return "" if self.failed_step is None else "\n{} / {}:\n{}".format(*self.failed_step)


class GitLab:
    """Runs a pipeline for one event."""

    def __init__(self, runner, pipeline, notes):
        self.runner = runner
        self.pipeline = pipeline
        self.notes = notes

    def holds(self, condition, variables):
        """GitLab `if:` of the forms the recipe uses: `$A == "x"`, `$A == $B`, joined by &&."""
        result = True
        for part in (p.strip() for p in condition.split("&&")):
            m = re.fullmatch(r'\$(\w+) == (?:"([^"]*)"|\$(\w+))', part)
            if not m:
                raise Failure(f"gitlab-ci.yml: the test does not know the rule `{part}`")
            right = m.group(2) if m.group(2) is not None else variables.get(m.group(3), "")
            result = result and variables.get(m.group(1), "") == right
        return result

    def rule(self, job, variables, changed):
        """The `when` of the first rule that matches, or None."""
        for r in job.get("rules", []):
            if "if" in r and not self.holds(r["if"], variables):
                continue
            if "changes" in r and not any(fnmatch.fnmatch(f, p.replace("**/", "")) or fnmatch.fnmatch(f, p)
                                          for f in changed for p in r["changes"]):
                continue
            return r.get("when", "on_success")
        return None

    def run(self, variables, repo, changed):
        results = {}
        self.reports = {}
        self.logs = {}  # what each job printed
        artifacts = self.runner.scratch / "gitlab-artifacts"
        if artifacts.exists():
            shutil.rmtree(artifacts)
        artifacts.mkdir()
        for stage in self.pipeline["stages"]:
            # The jobs of a stage run side by side: one failing does not stop the others.
            earlier_stage_failed = "failure" in results.values()
            for name, job in self.pipeline.items():
                if not isinstance(job, dict) or job.get("stage") != stage:
                    continue
                when = self.rule(job, variables, changed)
                if when is None:
                    results[name] = "not in pipeline"
                    continue
                if earlier_stage_failed:
                    results[name] = "skipped (earlier stage failed)"
                    continue
                # A manual job runs here as if someone had pressed its button.
                results[name] = self.run_job(name, job, variables, repo, artifacts)
                if when == "manual":
                    results[name] += " (manual)"
        self.results = results
        return results

    def run_job(self, name, job, variables, repo, artifacts):
        work = self.runner.workspace(name)
        self.runner.checkout(repo, work)
        shutil.copytree(artifacts, work, dirs_exist_ok=True)
        before = "\n".join(job.get("before_script", self.pipeline["default"].get("before_script", [])))
        check(install_step_is_the_deb(before), f"{name}: before_script does not install the .deb")
        self.runner.substituted += 1
        env = {**self.pipeline.get("variables", {}), **job.get("variables", {}), **variables}
        run = self.runner.bash("\n".join(job["script"]), work, self.runner.env(env))
        self.last_output = self.logs[name] = run.stdout + run.stderr
        spec = job.get("artifacts", {})
        if run.returncode == 0 or spec.get("when") == "always":
            for path in spec.get("paths", []):
                shutil.copy(work / path, artifacts)
            self.reports.update({kind: work / file for kind, file in spec.get("reports", {}).items()})
        return "success" if run.returncode == 0 else "failure"

    def why(self):
        """For a failure message: what the jobs that failed printed."""
        return "".join(f"\n{name}:\n{self.logs[name]}" for name, result in self.results.items() if result == "failure")


def with_join(text):
    return text.replace("filter = '_type == \"post\"'", "filter = '_type == \"post\" && author._ref in *[_type == \"author\"]._id'")


def with_new_role(text):
    return text + '\n[roles.proofreader]\ntitle = "Proofreader"\napplies_to_robots = false\ngrants = [{ permission = "posts", mode = "read" }]\n'


def access_annotations(log):
    """rolec diff's annotations in a log: (command, file or "", role, what its access does)."""
    return re.findall(r"^::(warning|notice) (?:file=([^,]+),line=\d+,col=\d+,)?title=rolec diff%3A (\S+) (\w+)::", log, re.M)


def github_scenarios(runner, workflow_text):
    gh = GitHub(runner, yaml.safe_load(workflow_text))
    # PyYAML reads the key `on` as True; the triggers must be the documented ones.
    triggers = gh.workflow.get("on", gh.workflow.get(True))
    check(set(triggers) == {"pull_request", "push"}, f"github: triggers {triggers}")

    print("github: a pull request with a new policy (main has none): lint, tests, access, plan, comment; no apply")
    repo = runner.repository(main_has_policy=False)
    results = gh.run("pull_request", repo, pr_number=7)
    check(results == {"lint": "success", "plan": "success", "apply": "skipped (if)"},
          f"github: pull request: {results}{gh.why()}")
    check(gh.sarif["runs"][0]["results"] == [], "github: the clean policy has SARIF results")
    annotations = access_annotations(gh.logs["lint"])
    check({(c, v) for c, _, _, v in annotations} == {("warning", "widens")}
          and {r for _, _, r, _ in annotations} == {"writer", "publisher", "search-indexer", "(anyone)"},
          f"github: a new policy's access annotations: {annotations}\n{gh.logs['lint']}")
    summary = gh.summaries["lint"]
    check("### What this pull request does to access" in summary and "`writer` may now" in summary,
          f"github: the job summary:\n{summary}")
    comments = runner.comments_posted()
    check(len(comments) == 1 and comments[0].name.startswith("pr-7-"), f"github: comments {comments}")
    comment = comments[0].read_text()
    check("### rolec plan for `production`" in comment and re.search(r"Plan: \d+ to create", comment),
          f"github: the comment does not show the plan:\n{comment}")
    check(not runner.project_matches_policy(repo)[0], "github: a pull request changed the project")

    print("github: the merge: a new plan, saved, then applied")
    results = gh.run("push", repo)
    check(results == {"lint": "success", "plan": "success", "apply": "success"},
          f"github: merge: {results}{gh.why()}")
    check("Apply complete" in gh.last_output, f"github: apply said:\n{gh.last_output}")
    matches, shown = runner.project_matches_policy(repo)
    check(matches, f"github: after apply the project still differs:\n{shown}")

    print("github: a merge that changes nothing: no apply")
    results = gh.run("push", repo)
    check(results == {"lint": "success", "plan": "success", "apply": "skipped (if)"},
          f"github: no-op merge: {results}{gh.why()}")

    print("github: a pull request with a join in a filter: annotations and SARIF, no plan")
    repo = runner.repository(with_join)
    results = gh.run("pull_request", repo, pr_number=8)
    check(results == {"lint": "failure", "plan": "skipped (needs)", "apply": "skipped (needs)"},
          f"github: broken: {results}{gh.why()}")
    check(gh.failed_step[1] == "Lint (annotations; fails on errors)", f"github: failed at {gh.failed_step[1]}")
    check(re.search(r"^::error file=access/policy.toml,line=\d+,col=\d+,.*title=RC201 ", gh.failed_step[2], re.M),
          f"github: no RC201 annotation:\n{gh.failed_step[2]}")
    rules = [r["ruleId"] for r in gh.sarif["runs"][0]["results"]]
    check(rules == ["RC201"], f"github: SARIF results {rules}")
    check(not access_annotations(gh.logs["lint"]) and not gh.summaries["lint"],
          f"github: access changes of a policy with errors:\n{gh.logs['lint']}")

    print("github: a pull request that adds a role: its widening annotated, and in the job summary")
    repo = runner.repository(with_new_role)
    results = gh.run("pull_request", repo, pr_number=9)
    check(results == {"lint": "success", "plan": "success", "apply": "skipped (if)"},
          f"github: new role: {results}{gh.why()}")
    annotations = access_annotations(gh.logs["lint"])
    check(annotations == [("warning", "access/policy.toml", "proofreader", "widens")],
          f"github: a new role's access annotations: {annotations}\n{gh.logs['lint']}")
    summary = gh.summaries["lint"]
    check("`proofreader` may now `read`" in summary and "`writer`" not in summary, f"github: the job summary:\n{summary}")


def gitlab_scenarios(runner, pipeline_text, notes):
    lab = GitLab(runner, yaml.safe_load(pipeline_text), notes)
    merge_request = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "12", "CI_DEFAULT_BRANCH": "main",
                     "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
                     "CI_PROJECT_ID": "99", "CI_API_V4_URL": notes.url, "GITLAB_API_TOKEN": "gitlab-api-token",
                     "SANITY_AUTH_TOKEN": TOKEN}
    default_branch = {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main",
                      "CI_PROJECT_ID": "99", "CI_API_V4_URL": notes.url, "SANITY_AUTH_TOKEN": TOKEN}
    changed = ["access/policy.toml"]

    print("gitlab: a merge request with a new role: Code Quality, tests, plan, note, access; no apply")
    repo = runner.repository(with_new_role)
    results = lab.run(merge_request, repo, changed)
    check(results == {"lint": "success", "plan": "success", "diff": "success", "apply": "not in pipeline"},
          f"gitlab: merge request: {results}{lab.why()}")
    check("`proofreader` may now `read`" in lab.logs["diff"] and "`writer`" not in lab.logs["diff"],
          f"gitlab: the diff job said:\n{lab.logs['diff']}")
    check(json.loads(lab.reports["codequality"].read_text()) == [], "gitlab: the clean policy has Code Quality issues")
    check("<testsuite" in lab.reports["junit"].read_text(), "gitlab: no JUnit report")
    check(len(notes.notes) == 1 and notes.notes[0]["path"] == "/api/v4/projects/99/merge_requests/12/notes",
          f"gitlab: notes {notes.notes}")
    check(notes.notes[0]["token"] == "gitlab-api-token", "gitlab: the note was not sent with the API token")
    from urllib.parse import parse_qs
    note = parse_qs(notes.notes[0]["body"])["body"][0]
    check("### rolec plan for `production`" in note and "+ create role `proofreader`" in note, f"gitlab: the note:\n{note}")

    print("gitlab: the default branch: plan saved, applied by the manual job")
    results = lab.run(default_branch, repo, changed)
    check(results == {"lint": "success", "plan": "success", "diff": "not in pipeline", "apply": "success (manual)"},
          f"gitlab: default branch: {results}{lab.why()}")
    check("Apply complete" in lab.last_output, f"gitlab: apply said:\n{lab.last_output}")
    matches, shown = runner.project_matches_policy(repo)
    check(matches, f"gitlab: after apply the project still differs:\n{shown}")

    print("gitlab: a commit that does not touch the policy runs nothing")
    results = lab.run(default_branch, repo, ["README.md"])
    check(set(results.values()) == {"not in pipeline"}, f"gitlab: unrelated change: {results}")

    print("gitlab: a merge request with a join in a filter: a Code Quality issue, and no plan")
    repo = runner.repository(lambda t: with_join(with_new_role(t)))
    results = lab.run(merge_request, repo, changed)
    check(results == {"lint": "failure", "plan": "skipped (earlier stage failed)", "diff": "skipped (earlier stage failed)",
                      "apply": "not in pipeline"}, f"gitlab: broken: {results}{lab.why()}")
    issues = json.loads(lab.reports["codequality"].read_text())
    check([i["check_name"] for i in issues] == ["RC201"], f"gitlab: Code Quality issues {issues}")
    check(issues[0]["location"]["path"] == "access/policy.toml", f"gitlab: issue at {issues[0]['location']}")

    print("gitlab: a merge request that adds the policy (main has none): all of it new in the diff job's log")
    repo = runner.repository(with_new_role, main_has_policy=False)
    results = lab.run(merge_request, repo, changed)
    check(results == {"lint": "success", "plan": "success", "diff": "success", "apply": "not in pipeline"},
          f"gitlab: a new policy: {results}{lab.why()}")
    check(all(f"`{role}` may now" in lab.logs["diff"] for role in ("writer", "publisher", "search-indexer", "proofreader")),
          f"gitlab: the diff job said:\n{lab.logs['diff']}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, build = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="rolec-ci-recipes-"))
    emulator = Emulator(build)
    notes = NotesServer()
    runner = Runner(source, build, emulator, scratch)
    try:
        github_scenarios(runner, (source / "docs/ci/github-actions.yml").read_text())
        gitlab_scenarios(runner, (source / "docs/ci/gitlab-ci.yml").read_text(), notes)
        leaked = [i for i, text in enumerate(runner.outputs) if TOKEN in text]
        check(not leaked, f"the token appears in the output of {len(leaked)} step(s)")
        for path in scratch.rglob("*"):
            if path.is_file() and TOKEN.encode() in path.read_bytes():
                raise Failure(f"the token appears in {path.relative_to(scratch)}")
        print(f"ok: {len(runner.outputs)} steps and scripts run, {runner.substituted} install steps played by the test")
        return 0
    except Failure as e:
        print(f"FAIL: {e}")
        return 1
    finally:
        emulator.stop()
        notes.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
