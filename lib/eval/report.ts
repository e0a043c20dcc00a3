import type { EvalReport, ItemResult, Metric } from './types';

export interface Threshold {
  name: string;
  op: 'min' | 'max';
  value: number;
  /** Base name of the set file it applies to (e.g. 'dev-wide'); all sets when absent. */
  set?: string;
}

/** Parses `recall@3=0.95` (every set) or `dev-wide:recall@3=0.9` (the set of that file name) after `--min` or `--max`. */
export function parseThreshold(op: Threshold['op'], spec: string): Threshold {
  const m = /^(?:([\w.\-]+):)?([\w@.\- ]+?)\s*=\s*(-?\d+(?:\.\d+)?)$/.exec(spec.trim());
  if (!m) throw new Error(`Cannot read threshold "${spec}": write it as name=value, e.g. recall@3=0.95, or set:name=value, e.g. dev-wide:answer-rate=0.9.`);
  return { name: m[2].toLowerCase(), op, value: Number(m[3]), ...(m[1] ? { set: m[1] } : {}) };
}

/** The thresholds that apply to a set file (those naming no set, and those naming its base name). */
export function thresholdsFor(thresholds: Threshold[], setFile: string): Threshold[] {
  const base = setFile.replace(/^.*[\\/]/, '').replace(/\.jsonl$/, '');
  return thresholds.filter((t) => !t.set || t.set === base);
}

/** Figures a threshold can name: every metric, plus `avg-chars` (average passage length). */
export function figure(report: Pick<EvalReport, 'metrics' | 'avgPassageChars'>, name: string): number | undefined {
  if (name === 'avg-chars') return report.avgPassageChars;
  return report.metrics.find((m) => !m.kind && m.name.toLowerCase() === name)?.value;
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
  for (const m of report.metrics.filter((x) => !x.kind)) {
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

/** Answer figures per kind of in-scope question, one row a kind. */
export function formatKinds(metrics: Metric[]): string {
  const kinds = [...new Set(metrics.filter((m) => m.kind).map((m) => m.kind!))];
  if (!kinds.length) return '';
  const names = ['answer-rate', 'mention-rate', 'citation-recall'];
  const rows = [['kind', 'n', ...names], ...kinds.map((k) => {
    const of = (name: string) => metrics.find((m) => m.kind === k && m.name === name);
    return [k, String(of('answer-rate')?.n ?? 0), ...names.map((n) => fmt(of(n)?.value ?? 0))];
  })];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')).join('\n');
}

/** The decision's false declines, false answers and false alarms, by question. */
export function formatDecisionMisses(items: ItemResult[]): string {
  const line = (r: ItemResult) => `  ${r.id} [${r.kind}]${r.coverageScore !== undefined ? ` score ${r.coverageScore.toFixed(2)}` : ''}: ${r.question.slice(0, 120)}`;
  const groups: [string, ItemResult[]][] = [
    ['false declines (in scope, not answered)', items.filter((r) => r.hasGold && r.status !== 'answered')],
    ['false answers (out of scope, answered)', items.filter((r) => r.kind === 'out-of-scope' && (r.status !== 'not-covered' || r.citations.length))],
    ['false alarms (emergency reply to a question that is not one)', items.filter((r) => r.kind !== 'emergency' && r.status === 'emergency')],
    ['missed emergencies', items.filter((r) => r.kind === 'emergency' && r.status !== 'emergency')],
  ];
  return groups.map(([title, list]) => `${title}: ${list.length}${list.length ? `\n${list.map(line).join('\n')}` : ''}`).join('\n');
}

/** The sweep of the decision threshold as a table. */
export function formatSweep(rows: { threshold: number; falseDeclines: number; falseAnswers: number }[], chosen: number): string {
  return ['threshold  false-declines  false-answers', ...rows.map((r) => `${r.threshold.toFixed(2).padStart(9)}  ${String(r.falseDeclines).padStart(14)}  ${String(r.falseAnswers).padStart(13)}${Math.abs(r.threshold - chosen) < 1e-9 ? '  ← chosen' : ''}`)].join('\n');
}
