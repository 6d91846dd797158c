#include "eval/text_match.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace rolec::eval {
namespace {

// Tokenisation rules (the spec leaves them to the implementation; these satisfy every `match`
// case of the conformance suite, including the `wildcardMatchSegmentation` ones):
//  * Text is decoded as UTF-8; each invalid byte becomes U+FFFD, so malformed input still yields
//    valid UTF-8 tokens and cannot make the wildcard matcher split a character.
//  * Separators: ASCII white space, ASCII control characters and every ASCII punctuation
//    character except `.` and `_`; in patterns `*` is kept as the wildcard. Outside ASCII:
//    Unicode white space, C1 controls, the BOM, Latin-1 punctuation and symbols, General
//    Punctuation, CJK Symbols and Punctuation and the fullwidth ASCII forms (see
//    `is_unicode_separator`), so "a—b" or "«a»" split just as "a-b" and "\"a\"" do.
//  * `_` is a word character (as in identifiers such as `_id` or `snake_case`); so is any other
//    character, notably every non-ASCII letter, digit and combining mark.
//  * `.` joins: "ding.dong" and "A.B.C.s" are single tokens; dots at either end of a word are
//    dropped, so "end." gives "end" and a word made only of dots gives nothing.
//  * Tokens are case-folded (see `fold_case`), so the comparison is case-insensitive.

/// One run of the simple case folding: code points `first`, `first + stride`, … up to `last`
/// fold to themselves plus `delta`.
struct fold_run {
  char32_t first;
  char32_t last;
  std::int32_t delta;
  std::uint32_t stride;
};

// Unicode 14 simple case folding (CaseFolding.txt, statuses C and S) restricted to Latin-1
// Supplement, Latin Extended-A and -B, Greek and Coptic, Cyrillic, Cyrillic Supplement, Armenian,
// Latin Extended Additional, Greek Extended, the Ohm, Kelvin and Ångström signs and the
// fullwidth Latin capitals; ASCII is handled inline. Simple folding maps one code point to one,
// so ß stays ß, while ς folds to σ, ſ to s and µ to μ. Sorted by `first`, runs do not overlap.
constexpr std::array<fold_run, 128> fold_table{{
    {0x00B5, 0x00B5, 775, 1}, {0x00C0, 0x00D6, 32, 1}, {0x00D8, 0x00DE, 32, 1},
    {0x0100, 0x012E, 1, 2}, {0x0132, 0x0136, 1, 2}, {0x0139, 0x0147, 1, 2}, {0x014A, 0x0176, 1, 2},
    {0x0178, 0x0178, -121, 1}, {0x0179, 0x017D, 1, 2}, {0x017F, 0x017F, -268, 1},
    {0x0181, 0x0181, 210, 1}, {0x0182, 0x0184, 1, 2}, {0x0186, 0x0186, 206, 1},
    {0x0187, 0x0187, 1, 1}, {0x0189, 0x018A, 205, 1}, {0x018B, 0x018B, 1, 1},
    {0x018E, 0x018E, 79, 1}, {0x018F, 0x018F, 202, 1}, {0x0190, 0x0190, 203, 1},
    {0x0191, 0x0191, 1, 1}, {0x0193, 0x0193, 205, 1}, {0x0194, 0x0194, 207, 1},
    {0x0196, 0x0196, 211, 1}, {0x0197, 0x0197, 209, 1}, {0x0198, 0x0198, 1, 1},
    {0x019C, 0x019C, 211, 1}, {0x019D, 0x019D, 213, 1}, {0x019F, 0x019F, 214, 1},
    {0x01A0, 0x01A4, 1, 2}, {0x01A6, 0x01A6, 218, 1}, {0x01A7, 0x01A7, 1, 1},
    {0x01A9, 0x01A9, 218, 1}, {0x01AC, 0x01AC, 1, 1}, {0x01AE, 0x01AE, 218, 1},
    {0x01AF, 0x01AF, 1, 1}, {0x01B1, 0x01B2, 217, 1}, {0x01B3, 0x01B5, 1, 2},
    {0x01B7, 0x01B7, 219, 1}, {0x01B8, 0x01B8, 1, 1}, {0x01BC, 0x01BC, 1, 1},
    {0x01C4, 0x01C4, 2, 1}, {0x01C5, 0x01C5, 1, 1}, {0x01C7, 0x01C7, 2, 1}, {0x01C8, 0x01C8, 1, 1},
    {0x01CA, 0x01CA, 2, 1}, {0x01CB, 0x01DB, 1, 2}, {0x01DE, 0x01EE, 1, 2}, {0x01F1, 0x01F1, 2, 1},
    {0x01F2, 0x01F4, 1, 2}, {0x01F6, 0x01F6, -97, 1}, {0x01F7, 0x01F7, -56, 1},
    {0x01F8, 0x021E, 1, 2}, {0x0220, 0x0220, -130, 1}, {0x0222, 0x0232, 1, 2},
    {0x023A, 0x023A, 10795, 1}, {0x023B, 0x023B, 1, 1}, {0x023D, 0x023D, -163, 1},
    {0x023E, 0x023E, 10792, 1}, {0x0241, 0x0241, 1, 1}, {0x0243, 0x0243, -195, 1},
    {0x0244, 0x0244, 69, 1}, {0x0245, 0x0245, 71, 1}, {0x0246, 0x024E, 1, 2},
    {0x0345, 0x0345, 116, 1}, {0x0370, 0x0372, 1, 2}, {0x0376, 0x0376, 1, 1},
    {0x037F, 0x037F, 116, 1}, {0x0386, 0x0386, 38, 1}, {0x0388, 0x038A, 37, 1},
    {0x038C, 0x038C, 64, 1}, {0x038E, 0x038F, 63, 1}, {0x0391, 0x03A1, 32, 1},
    {0x03A3, 0x03AB, 32, 1}, {0x03C2, 0x03C2, 1, 1}, {0x03CF, 0x03CF, 8, 1},
    {0x03D0, 0x03D0, -30, 1}, {0x03D1, 0x03D1, -25, 1}, {0x03D5, 0x03D5, -15, 1},
    {0x03D6, 0x03D6, -22, 1}, {0x03D8, 0x03EE, 1, 2}, {0x03F0, 0x03F0, -54, 1},
    {0x03F1, 0x03F1, -48, 1}, {0x03F4, 0x03F4, -60, 1}, {0x03F5, 0x03F5, -64, 1},
    {0x03F7, 0x03F7, 1, 1}, {0x03F9, 0x03F9, -7, 1}, {0x03FA, 0x03FA, 1, 1},
    {0x03FD, 0x03FF, -130, 1}, {0x0400, 0x040F, 80, 1}, {0x0410, 0x042F, 32, 1},
    {0x0460, 0x0480, 1, 2}, {0x048A, 0x04BE, 1, 2}, {0x04C0, 0x04C0, 15, 1}, {0x04C1, 0x04CD, 1, 2},
    {0x04D0, 0x052E, 1, 2}, {0x0531, 0x0556, 48, 1}, {0x1E00, 0x1E94, 1, 2},
    {0x1E9B, 0x1E9B, -58, 1}, {0x1E9E, 0x1E9E, -7615, 1}, {0x1EA0, 0x1EFE, 1, 2},
    {0x1F08, 0x1F0F, -8, 1}, {0x1F18, 0x1F1D, -8, 1}, {0x1F28, 0x1F2F, -8, 1},
    {0x1F38, 0x1F3F, -8, 1}, {0x1F48, 0x1F4D, -8, 1}, {0x1F59, 0x1F5F, -8, 2},
    {0x1F68, 0x1F6F, -8, 1}, {0x1F88, 0x1F8F, -8, 1}, {0x1F98, 0x1F9F, -8, 1},
    {0x1FA8, 0x1FAF, -8, 1}, {0x1FB8, 0x1FB9, -8, 1}, {0x1FBA, 0x1FBB, -74, 1},
    {0x1FBC, 0x1FBC, -9, 1}, {0x1FBE, 0x1FBE, -7173, 1}, {0x1FC8, 0x1FCB, -86, 1},
    {0x1FCC, 0x1FCC, -9, 1}, {0x1FD8, 0x1FD9, -8, 1}, {0x1FDA, 0x1FDB, -100, 1},
    {0x1FE8, 0x1FE9, -8, 1}, {0x1FEA, 0x1FEB, -112, 1}, {0x1FEC, 0x1FEC, -7, 1},
    {0x1FF8, 0x1FF9, -128, 1}, {0x1FFA, 0x1FFB, -126, 1}, {0x1FFC, 0x1FFC, -9, 1},
    {0x2126, 0x2126, -7517, 1}, {0x212A, 0x212A, -8383, 1}, {0x212B, 0x212B, -8262, 1},
    {0xFF21, 0xFF3A, 32, 1},
}};

/// `cp` after simple case folding, for the scripts `fold_table` covers.
char32_t fold_case(char32_t cp) {
  if (cp < 0x80) return cp >= U'A' && cp <= U'Z' ? cp + 0x20 : cp;
  const auto after = std::upper_bound(fold_table.begin(), fold_table.end(), cp,
                                      [](char32_t c, const fold_run& run) { return c < run.first; });
  if (after == fold_table.begin()) return cp;
  const fold_run& run = *(after - 1);
  if (cp > run.last || (cp - run.first) % run.stride != 0) return cp;
  return static_cast<char32_t>(static_cast<std::int32_t>(cp) + run.delta);
}

/// An inclusive range of non-ASCII code points that separate words.
struct separator_range {
  char32_t first;
  char32_t last;
};

// Format characters (soft hyphen, zero-width joiners, bidi marks) are deliberately absent: they
// are invisible and sit inside words. So is U+00B7, the Catalan middle dot of "col·lecció".
constexpr std::array<separator_range, 25> separator_table{{
    {0x0080, 0x00A9},  // C1 controls (NEL among them), NBSP, ¡ ¢ £ ¤ ¥ ¦ § ¨ ©
    {0x00AB, 0x00AC},  // « ¬
    {0x00AE, 0x00B1},  // ® ¯ ° ±
    {0x00B4, 0x00B4},  // ´
    {0x00B6, 0x00B6},  // ¶
    {0x00B8, 0x00B8},  // ¸
    {0x00BB, 0x00BB},  // »
    {0x00BF, 0x00BF},  // ¿
    {0x00D7, 0x00D7},  // ×
    {0x00F7, 0x00F7},  // ÷
    {0x1680, 0x1680},  // Ogham space mark
    {0x2000, 0x200A},  // spaces of various widths
    {0x2010, 0x2029},  // dashes, quotation marks, bullets, ellipsis, line and paragraph separators
    {0x202F, 0x205F},  // narrow no-break space, per mille, primes, ‹ ›, ‼ … medium math space
    {0x3000, 0x3004},  // ideographic space, 、 。 〃 〄
    {0x3008, 0x3020},  // CJK brackets and marks
    {0x3030, 0x3030},  // 〰
    {0x3036, 0x3037},  // 〶 〷
    {0x303D, 0x303F},  // 〽 〾 〿
    {0xFEFF, 0xFEFF},  // byte order mark / zero-width no-break space
    {0xFF01, 0xFF0F},  // fullwidth ! " # $ % & ' ( ) * + , - . /
    {0xFF1A, 0xFF20},  // fullwidth : ; < = > ? @
    {0xFF3B, 0xFF3E},  // fullwidth [ \ ] ^ (the fullwidth low line stays a word character)
    {0xFF40, 0xFF40},  // fullwidth `
    {0xFF5B, 0xFF65},  // fullwidth { | } ~ and halfwidth CJK punctuation
}};

bool is_unicode_separator(char32_t cp) {
  const auto after =
      std::upper_bound(separator_table.begin(), separator_table.end(), cp,
                       [](char32_t c, const separator_range& range) { return c < range.first; });
  return after != separator_table.begin() && cp <= (after - 1)->last;
}

enum class char_kind { separator, word, dot };

char_kind classify(char32_t cp, bool wildcards) {
  if (cp >= 0x80) return is_unicode_separator(cp) ? char_kind::separator : char_kind::word;
  if ((cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9') ||
      cp == U'_')
    return char_kind::word;
  if (cp == U'.') return char_kind::dot;
  if (cp == U'*' && wildcards) return char_kind::word;
  return char_kind::separator;
}

constexpr char32_t replacement_character = 0xFFFD;

/// Decodes the code point starting at `text[pos]` and advances `pos` past it. An invalid or
/// truncated sequence (overlong forms and surrogates included) yields U+FFFD and consumes one byte.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  // Leads C0, C1 and F5–FF can only start overlong or out-of-range sequences.
  const std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                             : lead >= 0xE0 && lead <= 0xEF ? 3
                             : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                            : 0;
  if (length == 0) {
    ++pos;
    return replacement_character;
  }
  constexpr std::array<char32_t, 5> smallest{0, 0, 0x80, 0x800, 0x10000};
  const char32_t minimum = smallest[length];
  char32_t cp = lead & (0x7Fu >> length);
  if (text.size() - pos < length) {
    ++pos;
    return replacement_character;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned continuation = byte(pos + i);
    if ((continuation & 0xC0u) != 0x80u) {
      ++pos;
      return replacement_character;
    }
    cp = (cp << 6) | (continuation & 0x3Fu);
  }
  if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return replacement_character;
  }
  pos += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  const auto put = [&](char32_t bits) { out.push_back(static_cast<char>(bits)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

/// Appends the tokens of `text` to `out`; with `wildcards` (pattern text) `*` is a word character.
void tokenize(std::string_view text, bool wildcards, std::vector<std::string>& out) {
  std::string word;
  const auto finish_word = [&] {
    const std::size_t begin = word.find_first_not_of('.');
    if (begin != std::string::npos) {
      const std::size_t end = word.find_last_not_of('.') + 1;
      out.emplace_back(word, begin, end - begin);
    }
    word.clear();
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    switch (classify(cp, wildcards)) {
      case char_kind::separator:
        finish_word();
        break;
      case char_kind::dot:
        word.push_back('.');
        break;
      case char_kind::word:
        append_utf8(word, fold_case(cp));
        break;
    }
  }
  finish_word();
}

/// Whether `token` matches the pattern word `pattern`, where `*` stands for any run of characters.
/// Both are valid UTF-8, so comparing bytes can never match half a character. The greedy scan
/// retries only from the most recent `*`, which is enough for `*`-only globs and keeps the cost
/// at O(|pattern| × |token|) even for patterns such as `*a*a*a*b`.
bool wildcard_match(std::string_view pattern, std::string_view token) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < token.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == token[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

std::vector<std::string> match_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  tokenize(text, false, tokens);
  return tokens;
}

bool text_match(std::span<const std::string_view> texts, std::span<const std::string_view> patterns) {
  std::vector<std::string> tokens;
  for (const std::string_view text : texts) tokenize(text, false, tokens);
  if (tokens.empty()) return false;

  // Words of all patterns pooled: `["a", "b"]` and `"a b"` mean the same, and a pattern without
  // words (such as "" or "!") adds no condition, yet leaves the match false if nothing else does.
  std::vector<std::string> words;
  for (const std::string_view pattern : patterns) tokenize(pattern, true, words);
  if (words.empty()) return false;

  return std::all_of(words.begin(), words.end(), [&](const std::string& word) {
    const bool has_wildcard = word.find('*') != std::string::npos;
    return std::any_of(tokens.begin(), tokens.end(), [&](const std::string& token) {
      return has_wildcard ? wildcard_match(word, token) : word == token;
    });
  });
}

}  // namespace rolec::eval
