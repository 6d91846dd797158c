#pragma once
/// Permission filters as formulas: a symbolic evaluator of the GROQ filter fragment over a
/// document and a principal the solver chooses. Every expression becomes a symbolic GROQ value
/// (which kinds it may have, and when), so that the three-valued logic of GROQ is exact: a grant
/// holds only where its filter is exactly `true`. docs/analysis.md lists the fragment.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/smt.hpp"
#include "groq/ast.hpp"
#include "groq/parse.hpp"

namespace rolec::analyze {

/// The kinds a symbolic value may have (bit i of `value::may`, index i of `value::when`).
enum class kind : std::uint8_t { null, boolean, number, string, datetime, other };
inline constexpr std::size_t kind_count = 6;

struct leaf;

/// A GROQ value as a formula: for each kind it may have, when it has it, and its payload.
struct value {
  std::uint8_t may = 0;                   ///< bits of `kind`
  std::array<Z3_ast, kind_count> when{};  ///< for each kind in `may`: the condition
  Z3_ast b = nullptr;                     ///< the Boolean, when a boolean
  Z3_ast n = nullptr;                     ///< the number (a real), when a number
  Z3_ast s = nullptr;                     ///< the string, when a string
  Z3_ast dt = nullptr;                    ///< milliseconds since 1970, when a datetime
  leaf* source = nullptr;                 ///< the document or principal value it reads, if one
  std::optional<std::string> glob;        ///< a `path()` value
  bool listed = false;                    ///< `items` says what it holds when it is an array
  Z3_ast is_array = nullptr;              ///< when it is an array (with `listed`)
  std::vector<Z3_ast> present;            ///< for each of `items`: when the array holds it
  std::vector<value> items;               ///< the elements an array may hold

  [[nodiscard]] bool can(kind k) const { return (may & (1u << static_cast<unsigned>(k))) != 0; }
};

/// One step of a path into a document: `.field`, or `[index]` (an element slot of an array).
struct step {
  std::string field;
  int index = -1;
};

/// A value of the document or the principal that the solver chooses: its kind (a tag: null,
/// boolean, number, string, object, array) and one payload variable per kind.
struct leaf {
  std::string space;         ///< the document (`d0`, `d1`) or `attributes`
  std::vector<step> path;    ///< from the document (or the attributes object)
  Z3_ast tag = nullptr;      ///< 0 null, 1 boolean, 2 number, 3 string, 4 object, 5 array
  Z3_ast b = nullptr, n = nullptr, s = nullptr;
  Z3_ast length = nullptr;   ///< an array's length (0..slots)
  Z3_ast dt = nullptr;       ///< read as a date: the instant, in milliseconds
  Z3_ast dt_valid = nullptr; ///< ... when the string is an RFC 3339 date-time
  bool read_as_text = false;
  bool read_as_date = false;
};

/// A document the formulas talk about: its fields (a space of leaves) and its id.
struct document {
  std::string space;
  Z3_ast id = nullptr;
};

/// The unknowns of one question and the formulas of filters over them.
class world {
 public:
  /// `slots`: how many elements an array the filters look into may have (one per membership
  /// test is enough for a witness).
  world(smt& z, int slots);

  /// When `parsed` (a permission filter) is exactly true on `d`.
  [[nodiscard]] Z3_ast holds(const groq::parse_result& parsed, const document& d);

  /// What every witness satisfies: kinds in range, fields only inside objects, arrays within
  /// their slots, dates within years 1-9999.
  [[nodiscard]] const std::vector<Z3_ast>& constraints() const { return constraints_; }
  /// The first construct outside the fragment met, as users write it; empty when none.
  [[nodiscard]] std::string unsupported() const;

  [[nodiscard]] Z3_ast identity() const { return identity_; }
  [[nodiscard]] Z3_ast dataset() const { return dataset_; }
  [[nodiscard]] Z3_ast robot() const { return robot_; }
  [[nodiscard]] Z3_ast now() const { return now_; }
  [[nodiscard]] bool uses_dataset() const { return uses_dataset_; }
  [[nodiscard]] bool uses_now() const { return uses_now_; }
  void use_dataset() { uses_dataset_ = true; }

  /// The document `d` (with id `id`) in a model, as JSON.
  [[nodiscard]] nlohmann::json document_json(const solution& m, const std::string& space, const std::string& id) const;
  /// The principal's attributes in a model (null: none).
  [[nodiscard]] nlohmann::json attributes_json(const solution& m) const;

  [[nodiscard]] smt& z() { return z_; }

 private:
  value eval(const groq::node* n, const document& d);
  value chain(const groq::node* n, const document& d);
  value call(const groq::node* n, const document& d);
  value date_of(const groq::node* arg, const document& d);
  std::pair<Z3_ast, Z3_ast> version_parts(const document& d);
  value leaf_value(leaf& l);
  value array_view(leaf& l);
  leaf& leaf_at(const std::string& space, const std::vector<step>& path);
  Z3_ast text_of(const value& v);
  Z3_ast equal(const value& a, const value& b);
  value compare(groq::node_kind op, const value& a, const value& b);
  value membership(const value& a, const value& rhs);
  value truth(Z3_ast t, Z3_ast f);
  value unsupported(std::string what);
  value constant(kind k);
  Z3_ast is_true(const value& v);
  Z3_ast is_false(const value& v);
  void fill(nlohmann::json& into, const solution& m, const leaf& l) const;
  nlohmann::json leaf_json(const solution& m, const leaf& l) const;

  smt& z_;
  int slots_;
  std::vector<Z3_ast> constraints_;
  std::string unsupported_;
  std::map<std::pair<std::string, std::string>, leaf> leaves_;  // (space, path text)
  std::map<std::tuple<const groq::parse_result*, std::string, Z3_ast>, Z3_ast> cache_;
  std::map<std::pair<std::string, Z3_ast>, std::pair<Z3_ast, Z3_ast>> versions_;  // (release, rest) per document
  Z3_ast identity_, dataset_, robot_, now_;
  bool uses_dataset_ = false;
  bool uses_now_ = false;
};

/// An instant in milliseconds as `now()` prints it (`2026-01-01T00:00:00.000Z`).
[[nodiscard]] std::string format_instant(std::int64_t ms);

/// More membership tests than this in one question make a "no" answer unknown: the arrays of a
/// witness would need more elements than the formulas give them.
inline constexpr int max_slots = 4;

/// How many membership tests (`in`) of a document or principal value the filter holds that `seen`
/// (their canonical texts) does not: the array slots a question needs.
[[nodiscard]] int memberships(const groq::node* n, std::set<std::string>& seen);

}  // namespace rolec::analyze
