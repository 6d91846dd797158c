// Generated queries for the corners the suite leaves open: those where rolec follows
// groq-js by choice (docs/conformance.md, "Where rolec follows groq-js": `match`
// tokenising and letter case, lower()/upper() across scripts, now(), trailing commas in
// calls), and date-time text and arithmetic, number functions and formatting, and
// operators on mixed types, null and missing attributes.
// Every query is a closed expression (no dataset, `@` = null), so one rolec batch
// evaluates a whole family.

import { codePointIn } from './random.mjs';

// GROQ string literals take JSON's escapes, so JSON's quoting is a valid GROQ literal.
const literal = (text) => JSON.stringify(text);

// ---------------------------------------------------------------- match

// Pieces of text and patterns: ASCII words and separators, and the characters whose
// treatment was chosen to follow groq-js (dots inside words, `_` and `'`, non-ASCII
// punctuation, letters whose case mapping is special).
const MATCH_PIECES = [
  'a', 'b', 'e', 'i', 'o', 's', 'x', 'z', 'A', 'B', 'I', 'S', 'Z',
  'ab', 'dong', 'ding', 'Foo', 'BAR', 'it', 'x1', '0', '1', '42', '2024',
  '.', '.', '..', '-', '_', "'", ' ', ' ', '  ', '\u00a0', '*',
  'é', 'É', 'ö', 'Ö', 'ß', 'ẞ', 'ſ', 'İ', 'ı', 'Σ', 'σ', 'ς', 'ǅ', 'ǆ', 'ᾀ', 'ᾈ', '\u212a', 'k',
  'ж', 'Ж', 'ա', 'Ա', 'ﬁ', '·', '—', '«', '😀',
];

function matchText(random, maxPieces) {
  return random.repeat(random.int(0, maxPieces), MATCH_PIECES).join('');
}

// Most patterns come from the text itself (one of its space-separated chunks or a piece
// of one, a case change, a wildcard tail), so that a fair share of the pairs match.
function matchPattern(random, text) {
  const chunks = text.split(' ').filter((chunk) => chunk.length > 0);
  if (chunks.length === 0 || random.chance(0.35)) return matchText(random, 4);
  let pattern = random.pick(chunks);
  if (random.chance(0.4)) {
    const start = random.int(0, pattern.length - 1);
    pattern = pattern.slice(start, start + random.int(1, 5));
  }
  if (random.chance(0.3)) pattern = random.chance(0.5) ? pattern.toUpperCase() : pattern.toLowerCase();
  if (random.chance(0.4)) pattern += '*';
  if (random.chance(0.1)) pattern = '*' + pattern;
  return pattern;
}

function matchCase(random) {
  const texts = random.repeat(random.chance(0.2) ? random.int(0, 3) : 1, () => matchText(random, 8));
  const patterns = random.repeat(random.chance(0.2) ? random.int(0, 3) : 1, () => matchPattern(random, random.pick(texts) ?? ''));
  // Slicing by UTF-16 units may cut an emoji in two, and a lone surrogate has no UTF-8.
  if (![...texts, ...patterns].every((text) => text.isWellFormed())) return null;
  const side = (items) => (items.length === 1 && random.chance(0.8) ? literal(items[0]) : `[${items.map(literal).join(', ')}]`);
  return `${side(texts)} match ${side(patterns)}`;
}

// ---------------------------------------------------------------- lower() and upper()

// Blocks of every kind of case mapping: one to one, one to several (ß, ŉ, ǰ, ΐ, և, the
// ligatures), title case (ǅ), context (final sigma), and letters outside the BMP.
const CASE_BLOCKS = [
  [0x41, 0x5a], [0x61, 0x7a], // ASCII letters
  [0xc0, 0xff], // Latin-1, with ß and ÿ
  [0x100, 0x17f], // Latin Extended-A, with İ, ı, ŉ, ſ
  [0x180, 0x24f], // Latin Extended-B, with the title-case digraphs ǅ ǈ ǋ ǲ and ǰ
  [0x1e00, 0x1eff], // Latin Extended Additional, with ẖ..ẚ and ẞ
  [0x370, 0x3ff], // Greek, with ΐ, ΰ and the sigmas
  [0x1f00, 0x1fff], // Greek Extended, with the iota subscripts
  [0x400, 0x52f], // Cyrillic and its supplement
  [0x531, 0x587], // Armenian, with the ligature և
  [0x10a0, 0x10ff], // Georgian
  [0x1c90, 0x1cbf], // Georgian Mtavruli
  [0x13a0, 0x13ff], [0xab70, 0xabbf], // Cherokee, whose lower case was added late
  [0x2c00, 0x2c5f], // Glagolitic
  [0xfb00, 0xfb06], [0xfb13, 0xfb17], // Latin and Armenian ligatures
  [0x2160, 0x217f], // Roman numerals (case pairs outside the letters)
  [0x10400, 0x1044f], // Deseret: letters of four UTF-8 bytes
  [0x1f600, 0x1f64f], // emoji: no case, four UTF-8 bytes
];

// Letters that got a case partner after Unicode 15.0 (ƛ, whose capital Ꟍ came with
// Unicode 16; the other such letters lie outside these blocks). rolec
// takes case mappings from the system's ICU (72, Unicode 15.0 on Debian 12) and node
// from its own (78, Unicode 17 in node 20.20), so for these the answer says which ICU
// each was built with, not what either engine does; they are left out.
const NEWER_CASE_PAIRS = new Set([0x19b]);

function caseLetter(random, blocks) {
  for (;;) {
    const letter = codePointIn(random, random.pick(blocks));
    if (!NEWER_CASE_PAIRS.has(letter.codePointAt(0))) return letter;
  }
}

const CASE_EXTRAS = ['İ', 'ı', 'I', 'i', 'ß', 'Σ', 'ΣΑ', 'ΟΣ', 'ΌΣΟΣ', ' ', ' ', '.', '\u0307', '\u0301', '\u212a', '\u2126'];

function caseText(random) {
  const blocks = random.repeat(random.int(1, 3), CASE_BLOCKS);
  return random.repeat(random.int(1, 10), () => (random.chance(0.25)
    ? random.pick(CASE_EXTRAS)
    : caseLetter(random, blocks))).join('');
}

function caseCase(random) {
  return `${random.pick(['lower', 'upper'])}(${literal(caseText(random))})`;
}

// ---------------------------------------------------------------- dateTime() and now()

const pad = (number, width) => String(number).padStart(width, '0');

function daysIn(year, month) {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

// Mostly valid RFC 3339 text with varied fractions and offsets, sometimes malformed.
// The malformed shapes come from a small fixed set (February 29-31 of 2023, hour 24,
// minute 60, month 13, lower-case t and z, ...), so that the known differences can name
// them by their text.
function dateTimeText(random) {
  const year = random.pick([1970, 1999, 2000, 2020, 2024, 2026, random.int(1, 9999)]);
  const month = random.int(1, 12);
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(random.int(1, daysIn(year, month)), 2)}`;
  const time = `${pad(random.int(0, 23), 2)}:${pad(random.int(0, 59), 2)}:${pad(random.int(0, 59), 2)}`;
  // Milliseconds mostly; finer fractions, where the engines part (see the known
  // differences), now and then.
  const digits = random.pick([1, 2, 3, 3, 3, 3, 6, 9]);
  const fraction = random.chance(0.5) ? '.' + random.repeat(digits, () => String(random.int(0, 9))).join('') : '';
  const zone = random.pick(['Z', 'Z', 'Z', '+00:00', '+02:00', '-05:30', '+14:00', '-12:00']);
  if (random.chance(0.04)) return `2023-02-${random.pick(['29', '30', '31'])}T${time}Z`;
  const malformed = random.chance(0.08) ? random.int(1, 8) : 0;
  switch (malformed) {
    case 1: return `${date} ${time}Z`; // a space for the T
    case 2: return `${date}T${time}`; // no zone
    case 3: return `${date}T${time.slice(0, 5)}Z`; // no seconds
    case 4: return date; // a date alone
    case 5: return `${date}T24:00:00Z`;
    case 6: return `${date}T${time.slice(0, 2)}:60:00Z`;
    case 7: return `${pad(year, 4)}-13-01T00:00:00Z`;
    case 8: return `${date}t${time}z`; // lower-case letters
    default: return `${date}T${time}${fraction}${zone}`;
  }
}

function dateTimeCase(random) {
  const value = () => (random.chance(0.15) ? 'dateTime(now())' : `dateTime(${literal(dateTimeText(random))})`);
  const seconds = () => random.pick(['0', '1', '-1', '0.5', '60', '86400', '-3600', '1e9', '"1"', 'null']);
  const forms = [
    () => value(),
    () => `${value()} - ${value()}`,
    () => `${value()} + ${seconds()}`,
    () => `${value()} - ${seconds()}`,
    () => `${seconds()} + ${value()}`,
    () => `${value()} ${random.pick(['<', '<=', '>', '>=', '==', '!='])} ${value()}`,
    () => `${value()} == ${literal(dateTimeText(random))}`,
    () => `now() ${random.pick(['<', '>', '=='])} ${literal(dateTimeText(random))}`,
    () => random.pick(['now()', 'dateTime::now()', 'dateTime(now()) == dateTime::now()', 'dateTime(now()) - dateTime("2026-01-01T00:00:00Z")']),
    () => `dateTime(${value()})`,
    () => `string(${value()})`,
    () => `dateTime(${random.pick(['1', 'null', 'true', '[]', '{}', '"now"', '""'])})`,
  ];
  return random.pick(forms)();
}

// ---------------------------------------------------------------- values of every type

const NUMBERS = ['0', '1', '2', '3', '7', '10', '-1', '-0', '0.5', '1.5', '-2.5', '0.1', '0.2', '1e3', '2.5e-3', '1e21', '1e308', '123.456'];
// Escapes as well as raw text (`\u{1F600}` and a surrogate pair spell 😀), a letter
// above the surrogates (ｚ, where UTF-16 order and code point order part), dotted names
// for path().
const STRINGS = ['""', '"a"', '"abc"', '"B"', '"10"', '"2"', '"é"', '"😀"', '"\\u{1F600}"', '"\\ud83d\\ude00"', '"ｚ"',
  '"a b"', '"a.b"', '"drafts.x"', '"draftsXabc"', '"2020-01-01T00:00:00Z"'];
const MISSING = ['missing', '@.missing', '{}.missing', '{"a": 1}.b', '[1][5]', '@'];
const ARRAYS = ['[]', '[1]', '[1, 2]', '["a"]', '[null]', '[1, "a"]', '[[1]]', '[1, 2, 3]'];
const OBJECTS = ['{}', '{"a": 1}', '{"a": 1, "b": "x"}', '{"b": 2}'];
const OTHERS = ['true', 'false', 'null', 'dateTime("2020-01-01T00:00:00Z")', 'dateTime("2021-06-15T12:30:00.5+02:00")', 'path("a.b")'];

const KINDS = [NUMBERS, NUMBERS, STRINGS, MISSING, ARRAYS, OBJECTS, OTHERS];

function anyValue(random) {
  return random.pick(random.pick(KINDS));
}

// Two operands, of one kind half of the time: mixed kinds mostly give null, and the
// interesting answers (sums, concatenations, merges, orderings) need matching kinds.
function operandPair(random) {
  if (random.chance(0.5)) return [anyValue(random), anyValue(random)];
  const kind = random.pick(KINDS);
  return [random.pick(kind), random.pick(kind)];
}

// ---------------------------------------------------------------- arithmetic

const ARITHMETIC = ['+', '-', '*', '/', '%', '**'];

function arithmeticCase(random) {
  const [left, right] = operandPair(random);
  switch (random.int(0, 5)) {
    case 0: return `${random.pick(['-', '+'])}${left}`;
    case 1: return `${left} ${random.pick(ARITHMETIC)} ${right} ${random.pick(ARITHMETIC)} ${anyValue(random)}`;
    default: return `${left} ${random.pick(ARITHMETIC)} ${right}`;
  }
}

// ---------------------------------------------------------------- comparisons, logic, in

const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='];
const IN_RIGHT = ['[1, 2]', '[null]', '["a", "b"]', '[]', '1..3', '1...3', '"a".."c"', '0.5..2', 'null', '"abc"', '[[1]]', '{"a": 1}',
  'path("a.*")', 'path("a.**")', 'path("drafts.**")', 'path("*")'];
// Strings whose order depends on how they are compared: by byte, by UTF-16 unit or by
// code point (the specification's way), with and without letter case.
const ORDERED_STRINGS = ['""', '"a"', '"B"', '"b"', '"ab"', '"é"', '"z"', '"ｚ"', '"\\uffff"', '"😀"', '"😀a"', '"\\u{10FFFF}"', '"ä"', '"a\\u0308"'];

// Subjects and patterns of `in path(...)`: dots that separate segments, `*` and `**`,
// names that only match if a dot may stand for any character, and paths as subjects.
const PATH_SUBJECTS = ['"a"', '"a.b"', '"a.b.c"', '"abc"', '"a b"', '"b.a"', '"drafts.x"', '"draftsXabc"', '"drafts.a.b"',
  'path("a.b")', 'path("a")', 'null', '1'];
const PATH_PATTERNS = ['path("a.*")', 'path("a.**")', 'path("*")', 'path("**")', 'path("drafts.**")', 'path("a.b")', 'path("*.a")'];

function comparisonCase(random) {
  const comparison = () => {
    const [left, right] = operandPair(random);
    return `${left} ${random.pick(COMPARISONS)} ${right}`;
  };
  switch (random.int(0, 9)) {
    case 0: return `${anyValue(random)} in ${random.pick(IN_RIGHT)}`;
    case 1: return `${random.pick([comparison(), anyValue(random)])} ${random.pick(['&&', '||'])} ${random.pick([comparison(), anyValue(random)])}`;
    case 2: return `!${random.pick([anyValue(random), `(${comparison()})`])}`;
    case 3: return `defined(${anyValue(random)}) ${random.pick(['==', '!='])} ${random.pick(['true', 'false', 'null'])}`;
    case 4: return `${anyValue(random)} == null`;
    case 5: return `${random.pick(ORDERED_STRINGS)} ${random.pick(COMPARISONS)} ${random.pick(ORDERED_STRINGS)}`;
    case 6: return `${random.pick(PATH_SUBJECTS)} in ${random.pick(PATH_PATTERNS)}`;
    default: return comparison();
  }
}

// ---------------------------------------------------------------- function calls

const NUMBER_ARRAYS = ['[1, 2, 3]', '[1, null, 3]', '[1.5, 2.5]', '[-1, 0, 1]', '[1, "a"]', '[null]', '[]', '[1e308, 1e308]'];
const OTHER_ARRAYS = ['["a", "b", "c"]', '["a", 1]', '[true, false, true]', '[{"a": 1}, {"a": 1}]', '[[1], [1]]', '[1, 1, 2]', '["a", null, "a"]', '[1, 1.0, "1"]'];
const SEPARATORS = ['","', '""', '" "', '"-"', '"ab"'];
const SPLITTABLE = ['"a,b,c"', '"a b"', '""', '"abc"', '","', '"😀x😀"'];
const ROUNDABLE = ['2.5', '-2.5', '0.5', '-0.5', '1.005', '123.456', '2', '-1', '1e21', '1e-7'];
const PRECISIONS = ['0', '1', '2', '-1', '1.5', '"1"', 'null'];

// Each function with the kinds of argument worth trying; `any` draws from every type.
const FUNCTIONS = {
  count: [['array']],
  defined: [['any']],
  length: [['string|array']],
  lower: [['string']],
  upper: [['string']],
  round: [['roundable'], ['roundable', 'precision']],
  string: [['any']],
  coalesce: [[], ['any'], ['any', 'any'], ['any', 'any', 'any']],
  dateTime: [['string']],
  path: [['string']],
  references: [['string'], ['string', 'string']],
  'array::compact': [['array']],
  'array::join': [['array', 'separator']],
  'array::unique': [['array']],
  'array::intersects': [['array', 'array']],
  'math::sum': [['numbers']],
  'math::avg': [['numbers']],
  'math::min': [['numbers']],
  'math::max': [['numbers']],
  'string::split': [['splittable', 'separator']],
  'string::startsWith': [['splittable', 'string']],
  'sanity::versionOf': [['string']],
  'sanity::partOfRelease': [['string']],
};

const ARGUMENT_POOLS = {
  array: [...NUMBER_ARRAYS, ...OTHER_ARRAYS],
  numbers: NUMBER_ARRAYS,
  string: STRINGS,
  roundable: ROUNDABLE,
  precision: PRECISIONS,
  separator: SEPARATORS,
  splittable: SPLITTABLE,
};

// An argument of the expected kind most of the time, of any type otherwise, so that
// both the working paths and the type checks are exercised.
function argument(random, kind) {
  if (kind === 'any' || random.chance(0.2)) return anyValue(random);
  return random.pick(random.pick(kind.split('|').map((name) => ARGUMENT_POOLS[name])));
}

// A trailing comma after the last argument is accepted by both engines (groq-js's choice,
// which rolec follows); a comma with nothing before it is a syntax error in both.
function argumentList(random, args) {
  if (random.chance(0.03)) return random.pick(['(,)', `(,${args[0] ?? '1'})`, `(${args[0] ?? '1'},,)`]);
  const trailing = args.length > 0 && random.chance(0.5) ? ',' : '';
  return `(${args.join(', ')}${trailing})`;
}

function callCase(random) {
  const name = random.pick(Object.keys(FUNCTIONS));
  let kinds = random.pick(FUNCTIONS[name]);
  // A wrong number of arguments now and then: both engines must reject the call.
  if (random.chance(0.08)) kinds = random.chance(0.5) ? [...kinds, 'any'] : kinds.slice(1);
  const args = kinds.map((kind) => argument(random, kind));
  return `${name}${argumentList(random, args)}`;
}

// ---------------------------------------------------------------- numbers

// Decimal text with `digits` digits after the point, ending in neither 5 nor 0, so that
// it is never a tie as written (`2.45` to 1 digit, `2.450` to 1): roundCase makes those
// on purpose only.
function decimal(random, wholeDigits, digits) {
  const whole = String(random.int(0, 10 ** wholeDigits - 1));
  if (digits === 0) return whole;
  const fraction = random.repeat(digits - 1, () => String(random.int(0, 9))).join('') + random.pick('12346789');
  return `${whole}.${fraction}`;
}

const sign = (random) => (random.chance(0.3) ? '-' : '');

// round() in shapes whose text tells them apart, because the engines part on some of
// them: a tie as written (`5.085` to 2 digits, whose binary value is a little below or
// above the tie), a number whose scaled value n * 10^p is too large to be exact in a
// double (`31847000122070.312` to 7 digits, `7.8e+20` to 3, `52.432` to 50), a
// precision of 1000 (beyond the 100 digits of JavaScript's toFixed()), and plain cases.
function roundCase(random) {
  const trailing = random.chance(0.3) ? ',' : '';
  switch (random.int(0, 6)) {
    case 0: {
      const digits = random.int(1, 4);
      const tie = `${random.int(0, 999)}.${random.repeat(digits - 1, () => String(random.int(0, 9))).join('')}5`;
      return `round(${sign(random)}${tie}, ${digits - 1}${trailing})`;
    }
    case 1: return `round(${sign(random)}${decimal(random, random.int(10, 15), 3)}, ${random.int(1, 8)}${trailing})`;
    case 2: return `round(${sign(random)}${random.int(1, 9)}.${random.int(0, 99999)}e+${random.int(16, 30)}, ${random.int(1, 8)}${trailing})`;
    case 3: return `round(${sign(random)}${decimal(random, 2, random.int(1, 4))}, ${random.int(16, 100)}${trailing})`;
    case 4: return `round(${sign(random)}${decimal(random, 2, random.int(0, 4))}, 1e3${trailing})`;
    default: return `round(${sign(random)}${decimal(random, random.int(1, 6), random.int(0, 6))}, ${random.int(0, 6)}${trailing})`;
  }
}

// A double in the form JavaScript prints it, from tiny to huge, so that string() meets
// both fixed and exponent notation.
function anyDouble(random) {
  const magnitude = 10 ** random.int(-12, 25);
  const value = (random.float() - 0.5) * magnitude * 2;
  return random.chance(0.3) ? String(Math.round(value)) : String(value);
}

function numberCase(random) {
  switch (random.int(0, 4)) {
    case 0: return `string(${anyDouble(random)})`;
    case 1: return `${decimal(random, 2, random.int(0, 3))} ** ${sign(random)}${decimal(random, 1, random.int(1, 3))}`;
    case 2: return `${anyDouble(random)} ${random.pick(['+', '-', '*', '/', '%'])} ${anyDouble(random)}`;
    default: return roundCase(random);
  }
}

// ---------------------------------------------------------------- the families

export const FAMILIES = [
  { section: 'match', count: 3000, make: matchCase },
  { section: 'letter case', count: 2000, make: caseCase },
  { section: 'date-times', count: 800, make: dateTimeCase },
  { section: 'calls', count: 1200, make: callCase },
  { section: 'numbers', count: 1000, make: numberCase },
  { section: 'arithmetic', count: 1000, make: arithmeticCase },
  { section: 'comparisons', count: 1000, make: comparisonCase },
];

// The queries of one family, without duplicates (a repeated query would count twice).
export function generate(random, family) {
  const queries = new Set();
  let attempts = 0;
  while (queries.size < family.count && attempts < family.count * 20) {
    attempts += 1;
    const query = family.make(random);
    if (query !== null) queries.add(query);
  }
  return [...queries];
}
