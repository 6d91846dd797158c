#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a sample repository: a policy
# folder beside other TOML files, the hooks configured as docs/pre-commit.md shows.
#
#   pre_commit_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
need pre-commit git
export PATH="$build_dir:$PATH"
make_work
export PRE_COMMIT_HOME="$work/cache" GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1
git config --global user.name "Policy Author"
git config --global user.email "author@example.com"
git config --global init.defaultBranch main

# The hooks' repository: this checkout's hooks file, committed, as a user's `rev` pins it.
hooks="$work/hooks"
mkdir -p "$hooks"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -qm "hooks"
rev=$(git -C "$hooks" rev-parse HEAD)

# The sample repository: the blog policy in access/, and a TOML file that is not a policy.
repo="$work/repo"
mkdir -p "$repo/access"
cp "$source_dir/examples/blog/policy.toml" "$repo/access/"
cp -r "$source_dir/examples/documents" "$repo/"
printf '[tool.other]\nsetting = true\n' >"$repo/pyproject.toml"
echo "# sample" >"$repo/README.md"
# The configuration of docs/pre-commit.md, with this checkout's hooks in place of the release.
sed -n '/^```yaml$/,/^```$/p' "$source_dir/docs/pre-commit.md" | sed '1d;$d' |
  sed -e "s|repo: .*rolec.*|repo: $hooks|" -e "s|rev: .*|rev: $rev|" >"$repo/.pre-commit-config.yaml"
grep -q "id: rolec-lint" "$repo/.pre-commit-config.yaml" || fail "docs/pre-commit.md has no rolec-lint configuration"
cd "$repo"
git init -q
git add -A
git commit -qm "a clean policy" --no-verify

step "a clean policy passes every hook"
run pre-commit run --all-files --color never
expect_status 0
expect_output "rolec lint[.]*Passed"
expect_output "rolec test[.]*Passed"
expect_output "rolec fmt[.]*Passed"

step "a file out of the layout fails the rolec-fmt hook, which names it and changes nothing"
cp access/policy.toml "$work/formatted.toml"
sed -i 's/^title = /title=/' access/policy.toml
git add access/policy.toml
run pre-commit run --color never
expect_status 1
expect_output "rolec lint[.]*Passed"
expect_output "rolec fmt[.]*Failed"
expect_output "access/policy.toml"
grep -q '^title=' access/policy.toml || fail "the hook changed the file"
cp "$work/formatted.toml" access/policy.toml
git add access/policy.toml

step "installed as a git hook, a commit with a broken filter is stopped at the finding"
run pre-commit install
expect_status 0
sed -i 's/^filter = .*_type == "post".*$/filter = '"'"'_type == "post" \&\& author._ref in *[_type == "author"]._id'"'"'/' access/policy.toml
grep -q 'in \*\[' access/policy.toml || fail "the sample edit did not apply"
git add access/policy.toml
run git commit -m "a join in a filter"
expect_status 1
expect_output "rolec lint[.]*Failed"
expect_output "access/policy.toml:[0-9]+:[0-9]+: error\[RC201\]"
[ "$(git rev-list --count HEAD)" = 1 ] || fail "the commit was made"

step "a change to files outside the policy's patterns skips the hooks"
git checkout -q HEAD -- access/policy.toml
git reset -q
echo "more" >>README.md
git add README.md
run pre-commit run --color never
expect_status 0
expect_output "rolec lint[.]*\(no files to check\)Skipped"

step "a failing policy test fails the rolec-test hook, with its explanation"
perl -0pi -e 's/allow = \["read"\]\ndeny = \["update", "create", "publish", "delete"\]/allow = ["read", "update"]\ndeny = ["create", "publish", "delete"]/' access/policy.toml
grep -q '^deny = \["create", "publish", "delete"\]$' access/policy.toml || fail "the sample edit did not apply"
git add access/policy.toml
run pre-commit run --color never
expect_status 1
expect_output "rolec lint[.]*Passed"
expect_output "rolec test[.]*Failed"
expect_output "FAIL a writer cannot change or publish the published post"

finish
