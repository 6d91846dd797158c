// Equality of outcomes as the suite defines it: deep JSON equality with object key
// order ignored and numbers compared as doubles. Two rejections agree whatever their
// messages say: the engines word errors differently, and only the verdict matters.

export function sameOutcome(a, b) {
  if (!a.ok || !b.ok) return a.ok === b.ok;
  return sameJson(a.value, b.value);
}

export function sameJson(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length
    && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}

// A stable text for messages: sorted keys, so that equal values print equally.
export function canonicalJson(value) {
  return JSON.stringify(value, (_, item) => (item && typeof item === 'object' && !Array.isArray(item)
    ? Object.fromEntries(Object.keys(item).sort().map((key) => [key, item[key]]))
    : item));
}

export function describeOutcome(outcome) {
  return outcome.ok ? canonicalJson(outcome.value) : `error: ${outcome.error}`;
}
