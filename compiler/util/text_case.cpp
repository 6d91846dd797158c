#include "util/text_case.hpp"

#include "util/utf8.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <unicode/uvernum.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <stdexcept>

namespace rolec::util {

namespace {

// The ICU functions used here, looked up once. ICU names its symbols after its version
// (`u_strToUpper_72`); its headers make each name a macro for that symbol, so the name's
// expansion, as text, is what to look up.
#define ROLEC_ICU_TEXT2(x) #x
#define ROLEC_ICU_TEXT(x) ROLEC_ICU_TEXT2(x)
#define ROLEC_ICU_SYMBOL(name) ROLEC_ICU_TEXT(name)

struct icu_api {
  decltype(&u_strToLower) to_lower = nullptr;
  decltype(&u_strToUpper) to_upper = nullptr;
};

const icu_api& icu() {
  static const icu_api api = [] {
    const std::string library = "libicuuc.so." ROLEC_ICU_TEXT(U_ICU_VERSION_MAJOR_NUM);
    void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) throw std::runtime_error(fmt::format("cannot load ICU ({}): {}", library, ::dlerror()));
    icu_api found;
    found.to_lower = reinterpret_cast<decltype(found.to_lower)>(::dlsym(handle, ROLEC_ICU_SYMBOL(u_strToLower)));
    found.to_upper = reinterpret_cast<decltype(found.to_upper)>(::dlsym(handle, ROLEC_ICU_SYMBOL(u_strToUpper)));
    if (found.to_lower == nullptr || found.to_upper == nullptr) throw std::runtime_error(fmt::format("{} lacks the case mappings", library));
    return found;
  }();
  return api;
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

using icu_case_mapping = decltype(&u_strToUpper);

// ICU's full case mapping of `text` in the root locale, which is JavaScript's (final sigma
// included); the result can be longer than the text (`ß` is `SS`).
std::u16string map_case(icu_case_mapping mapping, std::u16string_view text) {
  std::u16string out(text.size() + 8, u'\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = mapping(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()),
                                   reinterpret_cast<const UChar*>(text.data()), static_cast<int32_t>(text.size()), "", &status);
    if (U_SUCCESS(status)) {
      out.resize(static_cast<std::size_t>(length));
      return out;
    }
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    out.assign(static_cast<std::size_t>(length), u'\0');
  }
  throw std::runtime_error("ICU could not change the case of a text");
}

std::string map_text(std::string_view text, bool upper) {
  if (is_ascii(text)) {
    std::string out(text);
    for (char& c : out) {
      if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
  }
  return utf8_of(map_case(upper ? icu().to_upper : icu().to_lower, utf16_of(text)));
}

}  // namespace

std::string to_lower(std::string_view text) { return map_text(text, false); }

std::string to_upper(std::string_view text) { return map_text(text, true); }

char16_t regex_case_key(char16_t unit) {
  if (unit < 0x80) return unit >= u'a' && unit <= u'z' ? static_cast<char16_t>(unit - 32) : unit;
  // Each unit's key is asked of ICU once per process: `match` compares every unit of every token
  // of every document. The table is zero (unknown) until then, and costs nothing while unused.
  static std::array<std::atomic<std::uint32_t>, 0x10000> known{};
  std::atomic<std::uint32_t>& slot = known[unit];
  if (const std::uint32_t k = slot.load(std::memory_order_relaxed); k != 0) return static_cast<char16_t>(k - 1);
  const std::u16string upper = map_case(icu().to_upper, std::u16string_view(&unit, 1));
  const char16_t key = upper.size() != 1 || upper[0] < 0x80 ? unit : upper[0];
  slot.store(static_cast<std::uint32_t>(key) + 1, std::memory_order_relaxed);
  return key;
}

std::u16string utf16_of(std::string_view text) {
  std::u16string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    const char32_t cp = n == 0 ? U'\uFFFD' : utf8_decode(text, i);
    i += n == 0 ? 1 : n;
    if (cp < 0x10000) {
      out.push_back(static_cast<char16_t>(cp));
    } else {
      out.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    }
  }
  return out;
}

std::string utf8_of(std::u16string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t cp = text[i];
    const bool high = cp >= 0xD800 && cp <= 0xDBFF;
    if (high && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (text[++i] - 0xDC00);
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = U'\uFFFD';  // a lone surrogate has no UTF-8 form
    }
    utf8_append(out, cp);
  }
  return out;
}

namespace {

// FNV-1a over the bytes of the lower-case form (built only for a text that is not ASCII).
std::uint64_t lower_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto mix = [&](char32_t cp) {
    h = (h ^ static_cast<std::uint64_t>(cp)) * 0x100000001b3ULL;
  };
  if (!is_ascii(text)) {
    for (const char c : to_lower(text)) mix(static_cast<unsigned char>(c));
    return h;
  }
  for (const char c : text) mix(c >= 'A' && c <= 'Z' ? c + 32 : static_cast<unsigned char>(c));
  return h;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> case_duplicates(const std::vector<std::string_view>& texts) {
  std::vector<std::pair<std::uint64_t, std::size_t>> hashed(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) hashed[i] = {lower_hash(texts[i]), i};
  std::sort(hashed.begin(), hashed.end());
  std::vector<std::pair<std::size_t, std::size_t>> found;
  for (std::size_t begin = 0; begin < hashed.size();) {
    std::size_t end = begin + 1;
    while (end < hashed.size() && hashed[end].first == hashed[begin].first) ++end;
    // A run of equal hashes (almost always one text): compare the lower-case forms for real.
    for (std::size_t j = begin + 1; j < end; ++j) {
      const std::string later = to_lower(texts[hashed[j].second]);
      for (std::size_t i = begin; i < j; ++i) {
        if (to_lower(texts[hashed[i].second]) == later) {
          found.emplace_back(hashed[i].second, hashed[j].second);
          break;
        }
      }
    }
    begin = end;
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return found;
}

}  // namespace rolec::util
