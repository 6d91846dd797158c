#include "model/documents.hpp"

namespace rolec::model {
namespace {

constexpr std::array<std::string_view, 6> action_names{"read", "create", "update", "manage", "history", "editHistory"};

void give(document_scope& s, document_action a, kinds k) { s[static_cast<std::size_t>(a)] |= k; }

}  // namespace

std::string_view name_of(document_action a) { return action_names[static_cast<std::size_t>(a)]; }

std::optional<document_action> action_named(std::string_view name) {
  for (std::size_t i = 0; i < action_names.size(); ++i) {
    if (action_names[i] == name) return all_actions[i];
  }
  return std::nullopt;
}

id_kind kind_of(std::string_view id) {
  if (id.starts_with("drafts.")) return id_kind::draft;
  if (id.starts_with("versions.")) return id_kind::version;
  return id_kind::published;
}

std::string_view name_of(id_kind k) {
  switch (k) {
    case id_kind::draft: return "draft";
    case id_kind::version: return "version";
    case id_kind::published: break;
  }
  return "published";
}

document_scope allowed_by(mode m, bool history) {
  document_scope s{};
  switch (m) {
    case mode::read:
      give(s, document_action::read, every_kind);
      if (history) give(s, document_action::history, every_kind);
      break;
    case mode::create:
      give(s, document_action::read, every_kind);
      give(s, document_action::create, draft_kinds);
      give(s, document_action::update, draft_kinds);
      if (history) give(s, document_action::history, draft_kinds);
      break;
    case mode::publish:
      give(s, document_action::read, every_kind);
      give(s, document_action::create, every_kind);
      give(s, document_action::update, every_kind);
      if (history) give(s, document_action::history, every_kind);
      break;
  }
  return s;
}

document_scope allowed_by(document_action a) {
  document_scope s{};
  give(s, a, every_kind);
  return s;
}

bool covers(mode wider, bool wider_history, mode narrower, bool narrower_history) {
  const document_scope big = allowed_by(wider, wider_history);
  const document_scope small = allowed_by(narrower, narrower_history);
  for (std::size_t i = 0; i < big.size(); ++i) {
    if ((small[i] & ~big[i]) != 0) return false;
  }
  return true;
}

}  // namespace rolec::model
