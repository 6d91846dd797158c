// A small seeded generator (xorshift32) so that every run draws the same cases: the
// list of known differences can then name generated queries, and a failure reproduces.

export function makeRandom(seed) {
  let state = (seed >>> 0) || 0x9e3779b9; // xorshift has a fixed point at zero
  function next() {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  }
  const random = {
    float: next,
    // An integer in [low, high], both included.
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    // `count` picks, each from `pool` (a list of strings, or a function returning one).
    repeat: (count, pool) => Array.from({ length: count }, () => (typeof pool === 'function' ? pool() : random.pick(pool))),
  };
  return random;
}

// A random code point of the inclusive range [first, last], as a string.
export function codePointIn(random, [first, last]) {
  return String.fromCodePoint(random.int(first, last));
}
