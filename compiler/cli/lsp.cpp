#include "cli/lsp.hpp"

#include <unistd.h>

#include <csignal>

#include "analyze/lint.hpp"
#include "cli/common.hpp"
#include "lsp/server.hpp"

namespace rolec::cli {

int run_lsp(const lsp_options& options) {
  // A client that goes away mid-write must end the server with an error, not a signal.
  std::signal(SIGPIPE, SIG_IGN);
  lsp::server_options server;
  server.refine = analyze::refine_findings;
  server.docs_base = rules_url(options.docs_base);
  server.analysis = options.analysis == "inline" ? lsp::analysis_mode::inline_
                    : options.analysis == "off"  ? lsp::analysis_mode::off
                                                 : lsp::analysis_mode::background;
  return lsp::run(std::move(server), STDIN_FILENO, STDOUT_FILENO);
}

}  // namespace rolec::cli
