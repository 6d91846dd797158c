#!/usr/bin/env bash
# `rolec lsp` under Neovim's own LSP client, started as docs/editors.md sets it up: a policy with a
# misspelt permission gets its finding, a hover and a completion. Usage: neovim_test.sh ROLEC
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rolec=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/fixtures/team/*.toml "$work/"
sed -i 's/"own-posts", mode/"own-post", mode/' "$work/roles.toml"
cd "$work"
# Standard input from /dev/null: Neovim reads a pipe there as text to edit, and waits for its end.
got=$(ROLEC="$rolec" nvim --headless --clean -c "luafile $here/neovim.lua" roles.toml </dev/null 2>&1)
expected='diagnostics arrived: true
4:18 RC307 unknown permission `own-post` | help: did you mean `own-posts`?
hover: **permission `posts`**: Posts 📰
completion: posts own-posts pages
stopped'
if [ "$got" != "$expected" ]; then
  diff <(echo "$expected") <(echo "$got") || true
  exit 1
fi
echo "ok: Neovim $(nvim --version | head -1 | cut -d' ' -f2) shows rolec's findings, hover and completion"
