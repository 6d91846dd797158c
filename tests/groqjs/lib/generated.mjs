// 4. The generated families, each a section of its own. All queries go to rolec in one
// batch; groq-js evaluates them one by one.

import { describeOutcome, sameOutcome } from './compare.mjs';
import { groqJsEvaluate, rolecEvaluateBatch } from './engines.mjs';
import { FAMILIES, generate } from './generators.mjs';
import { makeRandom } from './random.mjs';

export const DEFAULT_SEED = 20260102;

export const GENERATED_SECTIONS = FAMILIES.map((family) => family.section);

// Each family draws from its own generator, seeded from the run's seed and its name, so
// that changing one family leaves the queries of the others (and their entries in the
// known differences) as they were.
function familySeed(seed, name) {
  let hash = 0x811c9dc5; // FNV-1a over the name
  for (const char of name) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
  return (hash ^ seed) >>> 0;
}

export async function generatedSections({ rolec, groq, scratch, seed }) {
  const families = FAMILIES.map((family) => ({ family, queries: generate(makeRandom(familySeed(seed, family.section)), family) }));
  const all = families.flatMap(({ queries }) => queries.map((query) => ({ query })));
  const rolecOutcomes = await rolecEvaluateBatch(rolec, scratch, 'generated', all);
  const sections = [];
  let offset = 0;
  for (const { family, queries } of families) {
    const outcomes = rolecOutcomes.slice(offset, offset + queries.length);
    offset += queries.length;
    const disagreements = [];
    for (const [index, query] of queries.entries()) {
      const groqjs = await groqJsEvaluate(groq, query);
      if (sameOutcome(outcomes[index], groqjs)) continue;
      disagreements.push({ query, rolec: describeOutcome(outcomes[index]), groqjs: describeOutcome(groqjs) });
    }
    sections.push({ name: family.section, compared: queries.length, disagreements, notes: [tally(outcomes)] });
  }
  return sections;
}

// What the answers were, to show that a family exercises more than errors and nulls.
function tally(outcomes) {
  const counts = { rejected: 0, null: 0, true: 0, false: 0, other: 0 };
  for (const outcome of outcomes) {
    if (!outcome.ok) counts.rejected += 1;
    else if (outcome.value === null || outcome.value === true || outcome.value === false) counts[String(outcome.value)] += 1;
    else counts.other += 1;
  }
  return `rolec's answers: ${counts.true} true, ${counts.false} false, ${counts.null} null, ${counts.other} other values, ${counts.rejected} rejected`;
}
