/**
 * Property-based tests: generated props that follow the README's rules must synthesize what they
 * ask for, and the same props with one rule broken
 * must fail with an Error (never a TypeError) whose message names the prop or call. This file
 * checks the second half.
 *
 * Seeded, so every run checks the same cases; a failure prints fast-check's seed, path and shrunk
 * counterexample. Rerun with another seed or more cases: FC_SEED=123 FC_RUNS=10 npx jest test/property
 * (FC_RUNS multiplies the number of cases; `npx projen fuzz` runs thousands, with CDK's template
 * validation on all of them).
 */
import * as fc from 'fast-check';
import { BREAKER_COUNT, HTTP_BREAKER_COUNT, invalidCase, invalidCaseOf, invalidHttpCase, invalidHttpCaseOf } from './arbitraries';
import { checkInvalidCase } from './checks';

const SEED = Number(process.env.FC_SEED ?? 20261127);
/** Scales every run count; 1 by default. */
const RUNS = Number(process.env.FC_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * RUNS));

test('props with one rule broken fail with an Error that names the prop or call', () => {
  fc.assert(fc.property(invalidCase, checkInvalidCase), { seed: SEED, numRuns: runs(200) });
});

test.each(Array.from({ length: BREAKER_COUNT }, (_, i) => i))('broken rule #%d fails with an Error that names the prop or call', (i) => {
  // Every rule, whatever the random choice of rules above happened to pick.
  fc.assert(fc.property(invalidCaseOf(i), checkInvalidCase), { seed: SEED + i, numRuns: runs(3) });
});

test('props of the HTTP construct with one rule broken fail with an Error that names the prop or call', () => {
  fc.assert(fc.property(invalidHttpCase, checkInvalidCase), { seed: SEED + 1, numRuns: runs(100) });
});

test.each(Array.from({ length: HTTP_BREAKER_COUNT }, (_, i) => i))('broken rule #%d fails on the HTTP construct with an Error that names the prop or call', (i) => {
  fc.assert(fc.property(invalidHttpCaseOf(i), checkInvalidCase), { seed: SEED + 1000 + i, numRuns: runs(2) });
});
