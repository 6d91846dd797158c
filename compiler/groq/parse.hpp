#pragma once
/// Stage `groq::parse`: GROQ text to AST, with syntax diagnostics.

#include <cstdint>
#include <memory>
#include "util/arena.hpp"
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "groq/ast.hpp"
#include "groq/limits.hpp"

namespace rolec::groq {

/// The AST of one query plus what was wrong with it. Owns the nodes; the parsed text must
/// outlive it (nodes point into it).
class parse_result {
 public:
  parse_result() = default;
  parse_result(parse_result&&) noexcept = default;
  parse_result& operator=(parse_result&&) noexcept = default;

  node* root = nullptr;                   ///< null when the text did not parse
  std::vector<function_decl> functions;   ///< custom function declarations, in order
  std::vector<diag::diagnostic> diagnostics;
  std::string_view text;                  ///< the parsed text
  std::uint32_t node_count = 0;           ///< nodes have indexes 0..node_count-1

  /// True when the text parsed and no stage reported an error.
  [[nodiscard]] bool ok() const { return root != nullptr && !diag::has_errors(diagnostics); }
  /// The arena that holds the nodes; later stages may allocate in it too.
  [[nodiscard]] util::arena& arena() { return shared_ != nullptr ? *shared_ : arena_; }

 private:
  friend parse_result parse(std::string_view text, util::arena* into);
  util::arena arena_;            // the result's own, unless it was parsed into a shared one
  util::arena* shared_ = nullptr;
};

/// Parses `text` as a GROQ query (`FuncDecl* Expression`). On a syntax error `root` is null
/// and `diagnostics` holds one error at the offending token. The nodes live in the result's own
/// arena, or in `into` when given (which must then outlive the result): many parses that are
/// kept together share its chunks rather than holding one each.
[[nodiscard]] parse_result parse(std::string_view text, util::arena* into = nullptr);

/// How many texts `parse` has parsed in this process: on this thread, and on threads that have
/// ended (`ROLEC_STATS=1` prints it). Tests count with it that a command parses each filter once.
[[nodiscard]] std::uint64_t parse_count();

}  // namespace rolec::groq
