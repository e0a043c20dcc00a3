import { describe, expect, it } from 'vitest';
import { checkThresholds, parseThreshold } from '@/lib/eval/report';
import { computeMetrics } from '@/lib/eval/run';
import { firstRelevantRank, isRelevant, longestCommonRun, normalizeWords, percentile, satisfiesMust } from '@/lib/eval/score';
import type { ItemResult } from '@/lib/eval/types';

describe('eval scoring rule', () => {
  it('normalises with NFKC, lower case, straight quotes and single spaces', () => {
    expect(normalizeWords('Vitamin K₂’s “role” — MK-7, 100–200 µg')).toEqual(['vitamin', 'k2', 's', 'role', 'mk', '7', '100', '200', 'g']);
  });

  it('finds the longest contiguous run of span words in the passage', () => {
    expect(longestCommonRun(['a', 'b', 'c', 'd'], ['x', 'b', 'c', 'y', 'a', 'b', 'c', 'd'])).toBe(4);
    expect(longestCommonRun(['a', 'b'], ['b', 'a'])).toBe(1);
  });

  it('counts a passage relevant at 60% of a span, not below', () => {
    const span = 'one two three four five six seven eight nine ten';
    expect(isRelevant('zero one two three four five six end', [span])).toBe(true);
    expect(isRelevant('zero one two three four five end', [span])).toBe(false);
    expect(isRelevant('One, TWO; three… four? five! six', ['nothing here', span])).toBe(true);
    expect(isRelevant('anything', [])).toBe(false);
  });

  it('ranks the first relevant passage within the top 10 only', () => {
    const gold = ['alpha beta gamma'];
    const passages = [...Array.from({ length: 10 }, () => 'noise'), 'alpha beta gamma'];
    expect(firstRelevantRank(passages, gold)).toBeNull();
    expect(firstRelevantRank(['noise', 'x alpha beta gamma y'], gold)).toBe(2);
  });

  it('needs one alternative of every must group, case-insensitively', () => {
    expect(satisfiesMust('Natto has MK-7 in micrograms', [['natto', 'cheese'], ['MICROGRAM']])).toBe(true);
    expect(satisfiesMust('Natto only', [['natto'], ['microgram']])).toBe(false);
    expect(satisfiesMust('anything', [])).toBe(true);
  });

  it('computes recall, MRR, abstention and citation precision from item results', () => {
    const base: ItemResult = {
      id: '', kind: 'direct', question: '', query: '', status: 'answered', answer: '', hasGold: true, hasMust: true, rank: 1, retrieved: [],
      citations: [{ passageId: 'p', relevant: true }], mustOk: true, disclaimer: true, leaked: false, leadOk: true, words: 10, timings: { retrievalMs: 1, generationMs: 1, totalMs: 2 },
    };
    const items: ItemResult[] = [
      base,
      { ...base, rank: 4, citations: [{ passageId: 'p', relevant: true }, { passageId: 'q', relevant: false }] },
      { ...base, kind: 'out-of-scope', hasGold: false, hasMust: false, rank: null, status: 'not-covered', citations: [] },
      { ...base, kind: 'out-of-scope', hasGold: false, hasMust: false, rank: null, status: 'answered', citations: [{ passageId: 'p', relevant: false }] },
    ];
    const m = Object.fromEntries(computeMetrics(items).map((x) => [x.name, x.value]));
    expect(m['recall@3']).toBe(0.5);
    expect(m['recall@5']).toBe(1);
    expect(m.mrr).toBeCloseTo((1 + 1 / 4) / 2);
    expect(m['citation-precision']).toBeCloseTo(2 / 3);
    expect(m.abstention).toBe(0.5);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
  });

  it('reads thresholds from the command line and reports the ones missed', () => {
    const report = { avgPassageChars: 700, metrics: [{ name: 'recall@3', value: 0.9, n: 10, group: 'retrieval' as const }] };
    expect(checkThresholds(report, [parseThreshold('min', 'recall@3=0.95')])).toHaveLength(1);
    expect(checkThresholds(report, [parseThreshold('min', 'recall@3=0.9'), parseThreshold('max', 'avg-chars=1000')])).toEqual([]);
    expect(checkThresholds(report, [parseThreshold('min', 'recal@3=0.5')])[0]).toMatch(/unknown figure/);
    expect(() => parseThreshold('min', 'recall@3')).toThrow(/name=value/);
  });
});
