#pragma once
/// `rolec lsp`: the language server, over standard input and output.

#include <string>

namespace rolec::cli {

/// Options of `rolec lsp`.
struct lsp_options {
  std::string analysis = "background";  ///< background, inline or off
  std::string docs_base;                ///< `--docs-url`
  bool stdio = false;                   ///< `--stdio`, which editors pass: the only transport
};

/// Runs the language server until the client sends `exit`; returns the process exit code.
[[nodiscard]] int run_lsp(const lsp_options& options);

}  // namespace rolec::cli
