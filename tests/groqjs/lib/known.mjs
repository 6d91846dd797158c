// The list of disagreements that are understood. Each entry names a section and either
// the exact query (surrounding white space ignored, as the suite's queries end in a
// newline) or a regular expression `pattern` over it, and says why the engines differ.
// Entries under "differences" are accepted; entries under "bugs" mark a rolec defect
// that is reported loudly until it is fixed. An entry that matches nothing in a run
// is stale: the list must shrink when the engines converge.

import fs from 'node:fs';

export function loadKnown(file) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const entries = [
    ...(data.differences ?? []).map((entry) => checkEntry(entry, false)),
    ...(data.bugs ?? []).map((entry) => checkEntry(entry, true)),
  ];
  return entries.map((entry) => ({ ...entry, matches: 0, matchesQuery: compileMatcher(entry) }));
}

function checkEntry(entry, isBug) {
  const where = JSON.stringify(entry);
  if (typeof entry.section !== 'string') throw new Error(`known difference without a section: ${where}`);
  if ((entry.query === undefined) === (entry.pattern === undefined)) {
    throw new Error(`known difference needs exactly one of query and pattern: ${where}`);
  }
  if (typeof entry.reason !== 'string' || entry.reason.length === 0) throw new Error(`known difference without a reason: ${where}`);
  if (Boolean(entry.bug) !== isBug) throw new Error(`"bug": true belongs to the entries under "bugs" only: ${where}`);
  return entry;
}

function compileMatcher(entry) {
  if (entry.query !== undefined) {
    const wanted = entry.query.trim();
    return (query) => query.trim() === wanted;
  }
  const pattern = new RegExp(entry.pattern, 'u');
  return (query) => pattern.test(query);
}

// Sorts one section's disagreements into listed differences, open bugs and unlisted ones.
// The first matching entry wins, so a narrow entry placed before a broad one takes its
// cases.
export function classify(known, section, disagreements) {
  const sorted = { listed: [], bugs: [], unlisted: [] };
  for (const disagreement of disagreements) {
    const entry = known.find((candidate) => candidate.section === section && candidate.matchesQuery(disagreement.query));
    if (!entry) {
      sorted.unlisted.push(disagreement);
      continue;
    }
    entry.matches += 1;
    (entry.bug ? sorted.bugs : sorted.listed).push({ ...disagreement, entry });
  }
  return sorted;
}

// Entries of the given sections that matched no disagreement in this run.
export function staleEntries(known, sections) {
  return known.filter((entry) => sections.includes(entry.section) && entry.matches === 0);
}
