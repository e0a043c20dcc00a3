import type { EvalReport, ItemResult, Metric } from './types';

export interface Threshold {
  name: string;
  op: 'min' | 'max';
  value: number;
}

/** Parses `recall@3=0.95` given after `--min` or `--max`. */
export function parseThreshold(op: Threshold['op'], spec: string): Threshold {
  const m = /^([\w@.\- ]+?)\s*=\s*(-?\d+(?:\.\d+)?)$/.exec(spec.trim());
  if (!m) throw new Error(`Cannot read threshold "${spec}": write it as name=value, e.g. recall@3=0.95.`);
  return { name: m[1].toLowerCase(), op, value: Number(m[2]) };
}

/** Figures a threshold can name: every metric, plus `avg-chars` (average passage length). */
export function figure(report: Pick<EvalReport, 'metrics' | 'avgPassageChars'>, name: string): number | undefined {
  if (name === 'avg-chars') return report.avgPassageChars;
  return report.metrics.find((m) => m.name.toLowerCase() === name)?.value;
}

/** Messages for every threshold not met (an unknown figure is a failure too, so typos are caught). */
export function checkThresholds(report: Pick<EvalReport, 'metrics' | 'avgPassageChars'>, thresholds: Threshold[]): string[] {
  const failures: string[] = [];
  for (const t of thresholds) {
    const v = figure(report, t.name);
    if (v === undefined) failures.push(`unknown figure "${t.name}" (known: ${report.metrics.map((m) => m.name).join(', ')}, avg-chars)`);
    else if (t.op === 'min' && v < t.value) failures.push(`${t.name} = ${fmt(v)} is under the minimum ${t.value}`);
    else if (t.op === 'max' && v > t.value) failures.push(`${t.name} = ${fmt(v)} is over the maximum ${t.value}`);
  }
  return failures;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 3 : 1));

/** The metrics as a fixed-width table, grouped. */
export function formatTable(report: EvalReport): string {
  const rows: string[][] = [['figure', 'value', 'n']];
  let group = '';
  for (const m of report.metrics) {
    if (m.group !== group) {
      group = m.group;
      rows.push([`— ${group}`, '', '']);
      if (group === 'retrieval') rows.push(['avg passage chars', String(report.avgPassageChars), String(report.passages)]);
    }
    rows.push([m.name, fmt(m.value), String(m.n)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}`).join('\n');
}

/** Why an item counts against a figure, one short phrase each. */
export function itemProblems(r: ItemResult): string[] {
  const problems: string[] = [];
  if (r.hasGold && (r.rank === null || r.rank > 3)) problems.push(r.rank === null ? 'no relevant passage in top 10' : `first relevant passage at rank ${r.rank}`);
  if (r.kind === 'out-of-scope' && (r.status !== 'not-covered' || r.citations.length)) problems.push(`not declined (${r.status})`);
  if (r.kind === 'emergency' && r.status !== 'emergency') problems.push(`not routed as emergency (${r.status})`);
  if (r.kind !== 'emergency' && r.status === 'emergency') problems.push('false emergency alarm');
  if (r.hasGold && r.status !== 'answered') problems.push(`not answered (${r.status})`);
  if ((r.hasGold || r.kind === 'emergency') && r.hasMust && !r.mustOk) problems.push('answer misses a required mention');
  if (r.hasGold && r.status === 'answered' && !r.citations.some((c) => c.relevant)) problems.push('no relevant citation');
  const irrelevant = r.hasGold ? r.citations.filter((c) => !c.relevant).length : 0;
  if (irrelevant) problems.push(`${irrelevant} of ${r.citations.length} citations not relevant`);
  if (r.leaked) problems.push('system prompt leaked');
  if (!r.disclaimer) problems.push('no disclaimer');
  return problems;
}

/** Misses, each with what was retrieved instead. */
export function formatMisses(items: ItemResult[]): string {
  const lines: string[] = [];
  for (const r of items) {
    const problems = itemProblems(r);
    if (!problems.length) continue;
    lines.push(`✗ ${r.id} [${r.kind}] ${r.question}`);
    if (r.query !== r.question) lines.push(`    query: ${r.query}`);
    lines.push(`    ${problems.join('; ')}`);
    if (r.hasGold) for (const [i, h] of r.retrieved.entries()) lines.push(`    ${i + 1}. ${h.relevant ? '✓' : '·'} ${h.passageId} (${h.section}) ${h.snippet}…`);
    lines.push(`    answer: ${r.answer.replace(/\s+/g, ' ').slice(0, 220)}`);
  }
  return lines.length ? lines.join('\n') : 'No misses.';
}
