#include "groq/parse.hpp"

#include <tao/pegtl.hpp>

#include <atomic>

#include "groq_grammar.hpp"
#include "groq/parse_actions.hpp"
#include "groq/parse_errors.hpp"

namespace rolec::groq {
namespace {

// Parses are counted per thread, and a thread's count joins the total when the thread ends: one
// counter shared by the threads of a batch would bounce between their cores at every parse.
std::atomic<std::uint64_t> finished_threads_parses{0};

struct thread_parses {
  std::uint64_t count = 0;
  ~thread_parses() { finished_threads_parses.fetch_add(count, std::memory_order_relaxed); }
};

thread_parses& this_thread_parses() {
  thread_local thread_parses counter;
  return counter;
}

}  // namespace

std::uint64_t parse_count() {
  return finished_threads_parses.load(std::memory_order_relaxed) + this_thread_parses().count;
}

parse_result parse(std::string_view text, util::arena* into) {
  ++this_thread_parses().count;
  parse_result result;
  result.shared_ = into;
  result.text = text;
  // The scratch stacks keep their capacity from one parse to the next (batches parse many).
  thread_local detail::parse_state st;
  st.nodes.clear();
  st.names.clear();
  st.operators.clear();
  st.frames.clear();
  st.brackets.clear();
  st.functions.clear();
  st.last_operator = {};
  st.string_open = 0;
  st.escape_at = 0;
  st.nesting = 0;
  st.node_count = 0;
  st.text = text;
  st.arena = &result.arena();
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> input(text.data(), text.size(), "");
  try {
    tao::pegtl::parse<grammar::query, detail::action, detail::control>(input, st);
    // INVARIANT: a successful parse leaves exactly the root on the node stack.
    result.root = st.nodes.back();
    result.functions = st.functions;
    result.node_count = st.node_count;
  } catch (detail::syntax_error& e) {
    result.diagnostics.push_back(std::move(e.diagnostic));
  }
  return result;
}

}  // namespace rolec::groq
