#include "analyze/readable.hpp"

#include <fmt/format.h>

#include <map>

#include "decide/operations.hpp"

namespace rolec::analyze {
namespace {

class renamer {
 public:
  renamer(const std::set<std::string>& literals, bool simplest) : literals_(literals), simplest_(simplest) {
    // The words of the filters' literals, which an id may need (`team-a` of `path("team-a.*")`).
    for (const std::string& l : literals) {
      std::size_t start = 0;
      while (true) {
        const std::size_t dot = l.find('.', start);
        words_.insert(l.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
      }
    }
  }

  // The readable name of `s` (the same every time), or `s` itself when a filter names it.
  std::string name(const std::string& s, std::string_view stem) {
    if (literals_.count(s) != 0) return s;
    if (const auto it = names_.find(s); it != names_.end()) return it->second;
    std::string fresh;
    do {
      fresh = fmt::format("{}-{}", stem, ++counter_[std::string(stem)]);
    } while (literals_.count(fresh) != 0);
    return names_.emplace(s, fresh).first->second;
  }

  void values(nlohmann::json& v, bool top) {
    if (v.is_string()) {
      v = name(v.get<std::string>(), "value");
    } else if (v.is_array()) {
      for (auto& item : v) values(item, false);
    } else if (v.is_object()) {
      for (auto& [key, item] : v.items()) {
        if (!(top && key == "_id")) values(item, false);
      }
    }
  }

  // A published id with its invented segments replaced (`team-a.\u{0}` is `team-a.x`), or,
  // `simplest`, just `x`.
  std::string id(const std::string& published) {
    if (simplest_) return "x";
    if (const auto it = ids_.find(published); it != ids_.end()) return it->second;
    std::string out;
    std::size_t start = 0;
    int invented = 0;
    while (true) {
      const std::size_t dot = published.find('.', start);
      const std::string segment = published.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (!out.empty() || start > 0) out += '.';
      out += words_.count(segment) != 0 ? segment : (invented++ == 0 ? "x" : fmt::format("x{}", invented));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return ids_.emplace(published, out).first->second;
  }

  // `id` with the same form (published, draft, release version, and the form of what a draft or
  // version names: `drafts.drafts.` is `drafts.drafts.x`) and a readable published id.
  std::string document_id(const std::string& whole) {
    if (whole.starts_with("drafts.")) return "drafts." + document_id(whole.substr(7));
    if (whole.starts_with("versions.")) {
      const std::size_t dot = whole.find('.', 9);
      if (dot != std::string::npos) {
        const std::string release = whole.substr(9, dot - 9);
        return fmt::format("versions.{}.{}", words_.count(release) != 0 ? release : "r1", document_id(whole.substr(dot + 1)));
      }
    }
    return whole.empty() ? std::string("x") : id(whole);
  }

 private:
  const std::set<std::string>& literals_;
  bool simplest_;
  std::set<std::string> words_;
  std::map<std::string, std::string> names_;
  std::map<std::string, std::string> ids_;
  std::map<std::string, int> counter_;
};

}  // namespace

witness make_readable(witness w, const std::set<std::string>& literals, const std::function<bool(witness&)>& confirms) {
  const auto rewrite = [&](int ids, bool values) {
    renamer r(literals, ids == 2);
    witness out = w;
    if (values) {
      // The principal first, so that a document field equal to the user id reads `user-1` too.
      out.who.identity = r.name(out.who.identity, "user");
      if (out.who.dataset) out.who.dataset = r.name(*out.who.dataset, "dataset");
      r.values(out.who.attributes, false);
      for (auto& d : out.documents) r.values(d, true);
    }
    if (ids != 0) {
      for (auto& d : out.documents) d["_id"] = r.document_id(d["_id"].get<std::string>());
    }
    return out;
  };
  // Ids: 2 the simplest (`x`, `drafts.x`), 1 invented segments replaced, 0 as found.
  for (const auto& [ids, values] : {std::pair{2, true}, std::pair{1, true}, std::pair{1, false}, std::pair{0, true}}) {
    witness candidate = rewrite(ids, values);
    if (confirms(candidate)) return candidate;
  }
  return w;
}

void collect_literals(const groq::node* n, std::set<std::string>& out) {
  if (n == nullptr) return;
  if (n->kind == groq::node_kind::string_literal) out.emplace(n->text);
  collect_literals(n->lhs, out);
  collect_literals(n->rhs, out);
  for (const groq::node* child : n->children()) collect_literals(child, out);
}

}  // namespace rolec::analyze
