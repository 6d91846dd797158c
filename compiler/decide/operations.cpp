#include "decide/operations.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "decide/decide.hpp"
#include "eval/json.hpp"

namespace rolec::decide {
namespace {

// `document` under another id: Studio checks a publish as creating the draft's content under the
// published id, and a duplicate as creating a copy under a placeholder id. A form that does not
// exist copies to a document with nothing but the id.
nlohmann::json copy_with_id(const std::optional<nlohmann::json>& document, const std::string& id) {
  nlohmann::json out = document ? *document : nlohmann::json::object();
  out["_id"] = id;
  return out;
}

check on(action what, const std::optional<nlohmann::json>& form, std::string id, std::string purpose) {
  return {what, std::move(purpose), form ? (*form)["_id"].get<std::string>() : std::move(id), form};
}

check on_copy(action what, const std::optional<nlohmann::json>& form, const std::string& id, std::string purpose) {
  return {what, std::move(purpose), id, copy_with_id(form, id)};
}

}  // namespace

const nlohmann::json& document_forms::effective() const {
  if (version) return *version;
  if (draft) return *draft;
  return *published;
}

std::string published_id(std::string_view id) {
  if (id.starts_with("drafts.")) return std::string(id.substr(7));
  if (id.starts_with("versions.")) {
    const std::size_t dot = id.find('.', 9);
    return dot == std::string_view::npos ? std::string(id) : std::string(id.substr(dot + 1));
  }
  return std::string(id);
}

std::optional<document_forms> forms_of(const std::vector<nlohmann::json>& documents, std::string& error) {
  document_forms out;
  if (documents.empty()) {
    error = "no document given";
    return std::nullopt;
  }
  for (const nlohmann::json& d : documents) {
    const std::string id = d["_id"].get<std::string>();
    const std::string base = published_id(id);
    const bool malformed = base.empty() || (id.starts_with("versions.") && base == id);
    if (malformed) {
      error = fmt::format("`{}` is not a document id: write `x` for a published document, `drafts.x` for its draft, "
                          "`versions.RELEASE.x` for a release version",
                          id);
      return std::nullopt;
    }
    if (out.id.empty()) out.id = base;
    if (base != out.id) {
      error = fmt::format("`{}` is not a form of `{}`: give the published, draft and release version forms of one "
                          "document",
                          id, out.id);
      return std::nullopt;
    }
    const id_kind kind = kind_of(id);
    std::optional<nlohmann::json>& slot = kind == id_kind::published ? out.published
                                          : kind == id_kind::draft   ? out.draft
                                                                     : out.version;
    if (slot) {
      error = fmt::format("two {} forms given (`{}` and `{}`): give each form once", name_of(kind),
                          (*slot)["_id"].get<std::string>(), id);
      return std::nullopt;
    }
    slot = d;
  }
  return out;
}

std::string_view name_of(operation op) {
  switch (op) {
    case operation::update: return "update";
    case operation::remove: return "delete";
    case operation::discard_draft: return "discardDraft";
    case operation::discard_version: return "discardVersion";
    case operation::publish: return "publish";
    case operation::unpublish: return "unpublish";
    case operation::duplicate: return "duplicate";
  }
  return "";
}

std::optional<operation> operation_named(std::string_view name) {
  for (const operation op : all_operations) {
    if (name_of(op) == name) return op;
  }
  return std::nullopt;
}

std::vector<std::string> askable_names() {
  std::vector<std::string> out;
  for (const action a : all_actions) out.emplace_back(name_of(a));
  for (const operation op : all_operations) {
    if (op != operation::update) out.emplace_back(name_of(op));
  }
  return out;
}

std::vector<check> checks_of(std::string_view name, const document_forms& f, bool live_edit) {
  const std::string& x = f.id;
  const std::string draft_id = "drafts." + x;
  const auto op = operation_named(name);
  if (!op) {
    const auto a = action_named(name);
    if (!a) return {};  // callers ask for known names only
    const nlohmann::json& e = f.effective();
    return {{*a, "", e["_id"].get<std::string>(), e}};
  }
  // A live-edit type has no drafts: Studio checks only the published form, and only for the
  // operations that write it.
  if (live_edit) {
    switch (*op) {
      case operation::update: return {on(action::update, f.published, x, "to update the published document (live edit)")};
      case operation::remove: return {on(action::update, f.published, x, "to delete the published document (live edit)")};
      case operation::duplicate:
        return {on_copy(action::create, f.published, "dummy-id", "to create a copy (Studio checks the id `dummy-id`)")};
      default: return {};
    }
  }
  switch (*op) {
    case operation::update: {
      const std::optional<nlohmann::json> e = f.effective();
      return {on(action::update, e, x, "")};  // the plain action on the form Studio edits
    }
    case operation::remove:
      return {on(action::update, f.draft, draft_id, "to delete the draft"),
              on(action::update, f.published, x, "to delete the published document")};
    case operation::discard_draft: return {on(action::update, f.draft, draft_id, "to delete the draft")};
    case operation::discard_version:
      return {on(action::update, f.version, fmt::format("versions.<release>.{}", x), "to delete the release version")};
    case operation::publish: {
      check create = on_copy(action::create, f.draft, x, "to create the published document from the draft");
      if (!f.draft) create.document.reset();
      return {on(action::update, f.published, x, "to replace the published document"),
              on(action::update, f.draft, draft_id, "to delete the draft"), std::move(create)};
    }
    case operation::unpublish: {
      check create = on_copy(action::create, f.published, draft_id, "to create the draft from the published document");
      if (!f.published) create.document.reset();
      return {on(action::create, f.draft, draft_id, "to create the draft if it is missing"),
              on(action::update, f.published, x, "to delete the published document"), std::move(create)};
    }
    case operation::duplicate:
      return {on_copy(action::create, f.effective(), "drafts.dummy-id",
                      "to create a copy as a new draft (Studio checks the id `drafts.dummy-id`)")};
  }
  return {};
}

bool reads_only(const std::vector<check>& checks) {
  return !checks.empty() && std::all_of(checks.begin(), checks.end(), [](const check& c) { return c.what == action::read; });
}

bool allowed(const model& m, const std::vector<std::string>& roles, const std::vector<check>& checks, util::arena& arena) {
  if (m.ctx().anonymous && !reads_only(checks)) return false;
  for (const check& c : checks) {
    if (!c.document) continue;
    if (!decide(m, roles, c.what, eval::from_nlohmann(*c.document, arena), arena).allowed) return false;
  }
  return true;
}

}  // namespace rolec::decide
