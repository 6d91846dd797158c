-- Neovim's own LSP client (Debian 12 has Neovim 0.7) against `rolec lsp`, set up as
-- docs/editors.md says: the diagnostics it shows for the file it opened, a hover and a
-- completion, printed to standard output for neovim_test.sh to compare.
-- Run: ROLEC=... nvim --headless --clean -c "luafile neovim.lua" FILE
local out = io.stdout
local file = vim.api.nvim_buf_get_name(0)
local id = vim.lsp.start_client({
  name = "rolec",
  cmd = { os.getenv("ROLEC"), "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
vim.lsp.buf_attach_client(0, id)
-- Waits on the event itself; the bound only ends a run that would hang.
local shown = vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 20)
out:write("diagnostics arrived: ", tostring(shown), "\n")
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  out:write(string.format("%d:%d %s %s\n", d.lnum + 1, d.col + 1, code, d.message:gsub("\n", " | ")))
end
local uri = vim.uri_from_bufnr(0)
local hover = vim.lsp.buf_request_sync(0, "textDocument/hover",
  { textDocument = { uri = uri }, position = { line = 11, character = 20 } }, 120000)
for _, r in pairs(hover or {}) do
  out:write("hover: ", (r.result and r.result.contents.value or "none"):gsub("\n.*", ""), "\n")
end
local items = vim.lsp.buf_request_sync(0, "textDocument/completion",
  { textDocument = { uri = uri }, position = { line = 3, character = 19 } }, 120000)
for _, r in pairs(items or {}) do
  local labels = {}
  for _, item in ipairs(r.result.items) do
    if not item.label:find("^sanity") then table.insert(labels, item.label) end
  end
  out:write("completion: ", table.concat(labels, " "), "\n")
end
vim.lsp.stop_client(id)
vim.wait(120000, function() return vim.lsp.client_is_stopped(id) end, 20)
out:write("stopped\n")
vim.cmd("qa!")
