#include "lint/configure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace rolec::lint {
namespace {

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::vector<suppression> find_suppressions(const diag::source_file& file, diag::source_id id) {
  std::vector<suppression> found;
  if (file.text().find("rolec-ignore") == std::string_view::npos) return found;  // most files: a quick search
  std::string_view open_multiline;  // `"""` or `'''` while inside a multi-line string
  std::vector<suppression> waiting;  // on lines of their own: they cover the next line with code
  for (std::uint32_t line = 1; line <= file.line_count(); ++line) {
    // A suppression above a multi-line filter covers the whole string, where its findings are.
    if (!open_multiline.empty()) {
      for (suppression& s : found) s.last_line += s.last_line + 1 == line ? 1 : 0;
    }
    const std::string_view text = file.line_text(line);
    std::size_t i = 0;
    std::size_t comment = std::string_view::npos;
    while (i < text.size()) {
      if (!open_multiline.empty()) {
        const auto close = text.find(open_multiline, i);
        if (close == std::string_view::npos) {
          i = text.size();
          break;
        }
        i = close + 3;
        open_multiline = {};
        continue;
      }
      const char c = text[i];
      if (c == '#') {
        comment = i;
        break;
      }
      if (c == '"' || c == '\'') {
        if (text.substr(i, 3) == std::string(3, c)) {
          open_multiline = c == '"' ? "\"\"\"" : "'''";
          i += 3;
          continue;
        }
        // A single-line string: skip to its closing quote (basic strings have escapes).
        std::size_t j = i + 1;
        while (j < text.size() && text[j] != c) j += (c == '"' && text[j] == '\\') ? 2 : 1;
        i = j + 1;
        continue;
      }
      ++i;
    }
    const bool has_code = !is_blank(text.substr(0, comment == std::string_view::npos ? text.size() : comment));
    if (has_code) {
      for (suppression& s : waiting) {
        s.first_line = s.last_line = line;
        found.push_back(std::move(s));
      }
      waiting.clear();
    }
    if (comment == std::string_view::npos) continue;
    const std::string_view body = trim(text.substr(comment + 1));
    constexpr std::string_view marker = "rolec-ignore:";
    if (body.rfind(marker, 0) != 0) continue;
    suppression s;
    s.source = id;
    const std::uint32_t offset = file.offset_of_code_point(line, 1) + static_cast<std::uint32_t>(comment);
    s.where = {offset, offset + static_cast<std::uint32_t>(text.size() - comment)};
    std::string_view rest = body.substr(marker.size());
    const auto dashes = rest.find("--");
    s.has_reason = dashes != std::string_view::npos && !trim(rest.substr(dashes + 2)).empty();
    const std::string_view list = rest.substr(0, dashes);
    std::size_t start = 0;
    while (start < list.size()) {
      std::size_t end = list.find_first_of(", ", start);
      if (end == std::string_view::npos) end = list.size();
      const std::string_view name = trim(list.substr(start, end - start));
      if (!name.empty()) s.rules.emplace_back(name);
      start = end + 1;
    }
    if (has_code) {
      s.first_line = s.last_line = line;
      found.push_back(std::move(s));
    } else {
      waiting.push_back(std::move(s));
    }
  }
  // Comments after the last line of code cover nothing, but are still checked for a reason.
  for (suppression& s : waiting) found.push_back(std::move(s));
  return found;
}

std::vector<level_override> levels_of(const policy::policy& p) {
  std::vector<level_override> out;
  for (const auto& level : p.lint_levels) {
    const auto r = diag::find_rule(level.rule.value);
    const auto s = diag::severity_named(level.level.value);
    if (r && s) out.emplace_back(*r, *s);
  }
  return out;
}

std::vector<diag::diagnostic> configure(std::vector<diag::diagnostic> found, const policy::policy& p,
                                        const diag::source_manager& sources, bool check_comments,
                                        const outside_levels& outside) {
  // Levels: later entries win, the policy's over a shared file's, the command line's over both.
  std::map<diag::rule, diag::severity> levels;
  for (const auto& [r, level] : outside.shared) levels[r] = level;
  for (const auto& [r, level] : levels_of(p)) levels[r] = level;
  for (const auto& [r, level] : outside.command_line) levels[r] = level;
  std::vector<suppression> suppressions;
  for (diag::source_id id : p.files) {
    auto in_file = find_suppressions(sources.file(id), id);
    suppressions.insert(suppressions.end(), in_file.begin(), in_file.end());
  }
  for (const suppression& s : check_comments ? suppressions : std::vector<suppression>{}) {
    if (!s.has_reason) {
      diag::diagnostic d = diag::make(diag::rule::unexplained_suppression, s.where,
                                      "this rolec-ignore comment gives no reason",
                                      "write `# rolec-ignore: RULE -- why the finding does not apply here`");
      d.source = s.source;
      found.push_back(std::move(d));
    }
    for (const std::string& name : s.rules) {
      if (diag::find_rule(name)) continue;
      diag::diagnostic d = diag::make(diag::rule::unexplained_suppression, s.where,
                                      fmt::format("`{}` is not a rule, so this comment suppresses nothing", name),
                                      "name a rule by id (`RC402`) or name (`unused-permission`); `rolec rules` lists them");
      d.source = s.source;
      found.push_back(std::move(d));
    }
  }
  std::vector<diag::diagnostic> kept;
  kept.reserve(found.size());
  for (diag::diagnostic& d : found) {
    if (const auto it = levels.find(d.rule); it != levels.end()) d.level = it->second;
    if (d.level == diag::severity::off) continue;
    const std::uint32_t line = sources.file(d.source).position_of(d.where.begin).line;
    const bool suppressed = std::any_of(suppressions.begin(), suppressions.end(), [&](const suppression& s) {
      return s.source == d.source && s.first_line <= line && line <= s.last_line &&
             std::any_of(s.rules.begin(), s.rules.end(), [&](const std::string& name) { return diag::find_rule(name) == d.rule; });
    });
    if (!suppressed) kept.push_back(std::move(d));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const diag::diagnostic& a, const diag::diagnostic& b) {
    return std::tie(a.source, a.where.begin, a.where.end) < std::tie(b.source, b.where.begin, b.where.end);
  });
  return kept;
}

}  // namespace rolec::lint
