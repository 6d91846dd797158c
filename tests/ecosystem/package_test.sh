#!/usr/bin/env bash
# The Debian package, installed: what it puts where, that its Depends cover every library the
# binaries load, and that the installed rolec lints, tests, plans and applies the installed
# examples against the installed emulator. It installs and removes the package, so it needs
# root and runs in CI (.ci/run), not in ctest.
#
#   package_test.sh PACKAGE.deb [ROOT]
#
# With ROOT (a folder holding a Debian system, such as one made by debootstrap), the package is
# installed and checked there, through chroot: a clean system with nothing else installed.
set -euo pipefail
source "$(dirname "$0")/common.sh"
deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=${2:-}
[ "$(id -u)" = 0 ] || fail "needs root: it installs $deb"
[ -f "$deb" ] || fail "no package $deb"

# Runs a command in the system under test.
in_system() {
  if [ -n "$root" ]; then chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
  else "$@"; fi
}

step "the package installs, with its dependencies"
if [ -n "$root" ]; then
  cp "$deb" "$root/tmp/rolec.deb"
  target=/tmp/rolec.deb
else
  target=$deb
fi
run in_system bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $target"
expect_status 0
[ "$last_status" = 0 ] || fail "the package did not install"

step "its files are in place"
for file in /usr/bin/rolec /usr/bin/rolec-emulator /usr/share/man/man1/rolec.1 /usr/share/man/man1/rolec-emulator.1 \
            /usr/share/bash-completion/completions/rolec /usr/share/zsh/vendor-completions/_rolec \
            /usr/share/rolec/policy.schema.json /usr/share/doc/rolec/examples/blog/policy.toml \
            /usr/share/doc/rolec/rules/README.md /usr/share/doc/rolec/rules/RC201.md; do
  in_system test -f "$file" || check_failed "no $file"
done

step "every library the binaries need comes from a package they depend on"
# Their own NEEDED entries (those libraries' packages bring what they need in turn), libcurl,
# which rolec loads with dlopen when a command first reaches the network, ICU's libicuuc,
# loaded when a text first needs more than ASCII case mapping, and Z3's libz3, loaded when
# `rolec diff` first needs the solver.
need readelf
extracted=$(mktemp -d)
trap 'rm -rf "$extracted"' EXIT
dpkg-deb -x "$deb" "$extracted"
sonames=$(readelf -d "$extracted/usr/bin/rolec" "$extracted/usr/bin/rolec-emulator" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
depends=$(in_system dpkg-query -W -f '${Depends}' rolec | tr ',' '\n' | sed 's/^ *//; s/ .*//')
icu=$(sed -n "s/^#define U_ICU_VERSION_MAJOR_NUM //p" /usr/include/unicode/uvernum.h 2>/dev/null || true)
for soname in $sonames libcurl.so.4 "libicuuc.so.${icu:-72}" libz3.so.4; do
  path=$(in_system bash -c "ldconfig -p | awk -v name='$soname' '\$1 == name && /x86-64/ {print \$NF; exit}'")
  if [ -z "$path" ]; then
    check_failed "$soname is not installed"
    continue
  fi
  # dpkg knows a file by the path its package ships it at, /lib or /usr/lib (merged /usr), and
  # by its name or the name a symbolic link gives it.
  real=$(in_system readlink -f "$path")
  owner=""
  for candidate in "$path" "$real" "${path#/usr}" "/usr$path" "${real#/usr}" "/usr${real#/usr}"; do
    owner=$(in_system dpkg-query -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1 || true)
    [ -n "$owner" ] && break
  done
  grep -qxF -- "$owner" <<<"$depends" || check_failed "$soname comes from ${owner:-no package}, which rolec does not depend on"
done
run in_system ldd /usr/bin/rolec /usr/bin/rolec-emulator
expect_no_output "not found"

step "the installed rolec runs the installed examples"
run in_system rolec --version
expect_output "^rolec [0-9]+\.[0-9]+\.[0-9]+ \(revision [0-9a-f]{12}(-dirty)?\)$"
run in_system rolec lint /usr/share/doc/rolec/examples/blog
expect_status 0
expect_output "no findings"
# SARIF links each rule to its installed page.
run in_system bash -c 'rolec lint --format sarif /usr/share/doc/rolec/examples/blog | grep -m1 helpUri'
expect_output '"helpUri": "file:///usr/share/doc/rolec/rules/RC[0-9]{3}\.md"'
# Every test the example holds, counted in the installed file itself.
blog_tests=$(in_system grep -c '^\[\[tests\]\]' /usr/share/doc/rolec/examples/blog/policy.toml)
run in_system rolec test /usr/share/doc/rolec/examples/blog
expect_status 0
expect_output "$blog_tests tests, $blog_tests passed, 0 failed"
run in_system bash -c 'cd /tmp && cp /usr/share/doc/rolec/examples/blog/policy.toml old.toml &&
  sed "s/_type == \"post\"/_type in [\"post\", \"page\"]/" old.toml > new.toml && rolec diff old.toml new.toml --role writer --action read'
expect_status 0
expect_output '^`writer` may now `read` documents like \{"_id": "[a-z.]+", "_type": "page"\}'
run in_system rolec groq eval 'upper("straße")'
expect_status 0
expect_output '^"STRASSE"$'

step "the installed rolec plans and applies against the installed emulator"
run in_system bash -c '
  set -e
  rolec-emulator --port 0 --project blog0001 --token package-test-token=administrator > /tmp/emulator.out 2>/dev/null &
  emulator=$!
  trap "kill $emulator" EXIT
  for _ in $(seq 50); do grep -q listening /tmp/emulator.out && break; sleep 0.1; done
  export SANITY_API_URL=$(sed -n "s/^listening on //p" /tmp/emulator.out) SANITY_AUTH_TOKEN=package-test-token
  cd /usr/share/doc/rolec/examples
  status=0; rolec plan blog -o /tmp/plan.json --detailed-exitcode || status=$?
  [ "$status" = 2 ] || { echo "plan exited $status"; exit 1; }
  rolec apply /tmp/plan.json
  rolec plan blog --detailed-exitcode'
expect_status 0
expect_output "Apply complete: [0-9]+ changes made"
expect_output '^No changes: project `blog0001` matches the policy'

step "the completions load"
run in_system bash -c 'source /usr/share/bash-completion/completions/rolec && complete -p rolec'
expect_output "complete -o filenames -F _rolec rolec"

step "the package removes cleanly"
run in_system bash -c "DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq rolec"
expect_status 0
in_system test ! -e /usr/bin/rolec || check_failed "/usr/bin/rolec is still there"

finish
