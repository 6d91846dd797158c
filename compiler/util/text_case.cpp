#include "util/text_case.hpp"

#include "util/utf8.hpp"

#include <algorithm>
#include <cstdint>

namespace rolec::util {

char32_t lower_code_point(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) return cp + 32;                  // Latin-1
  if (cp >= 0x100 && cp <= 0x17F) {                                               // Latin Extended-A
    if (cp == 0x130) return 'i';                                                  // İ
    if (cp == 0x178) return 0xFF;                                                 // Ÿ
    const bool odd_lower = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_lower) return (cp % 2 == 1) ? cp + 1 : cp;
    if (cp == 0x149 || cp == 0x138 || cp == 0x17F) return cp;
    return (cp % 2 == 0) ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;                  // Greek
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                                 // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

char32_t upper_code_point(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 32;
  if (cp == 0xFF) return 0x178;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x131) return 'I';                                                  // ı
    const bool odd_lower = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_lower) return (cp % 2 == 0) ? cp - 1 : cp;
    if (cp == 0x149 || cp == 0x138 || cp == 0x17F || cp == 0x130) return cp;
    return (cp % 2 == 1) ? cp - 1 : cp;
  }
  if (cp >= 0x3B1 && cp <= 0x3CB && cp != 0x3C2) return cp - 32;
  if (cp == 0x3C2) return 0x3A3;                                                  // final sigma
  if (cp == 0x3AC) return 0x386;
  if (cp >= 0x3AD && cp <= 0x3AF) return cp - 37;
  if (cp == 0x3CC) return 0x38C;
  if (cp == 0x3CD || cp == 0x3CE) return cp - 63;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 80;
  return cp;
}

namespace {

template<typename Map>
std::string transform(std::string_view text, Map map) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(map(c));
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += text[i++];
      continue;
    }
    utf8_append(out, map(utf8_decode(text, i)));
    i += n;
  }
  return out;
}

}  // namespace

std::string to_lower(std::string_view text) { return transform(text, lower_code_point); }

std::string to_upper(std::string_view text) { return transform(text, upper_code_point); }

namespace {

// FNV-1a over the lower-case code points, without building the lower-case string.
std::uint64_t lower_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto mix = [&](char32_t cp) {
    h = (h ^ static_cast<std::uint64_t>(cp)) * 0x100000001b3ULL;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      mix(lower_code_point(c));
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    mix(n == 0 ? static_cast<char32_t>(0x110000 + c) : lower_code_point(utf8_decode(text, i)));  // invalid bytes stay apart
    i += n == 0 ? 1 : n;
  }
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
