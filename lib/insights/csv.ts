import type { LoggedAnswer } from './types';

/**
 * One CSV cell: quoted when needed, and made inert for spreadsheets: a cell that starts with
 * = + - @ (or a tab / carriage return) would be read as a formula, so it gets a leading apostrophe.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['answer_id', 'time', 'conversation_id', 'status', 'partial', 'question', 'answer', 'cited', 'model', 'latency_ms', 'rating', 'reason', 'comment', 'rated_at'];

export function csvRow(a: LoggedAnswer): string {
  return [
    a.answerId,
    new Date(a.createdAt).toISOString(),
    a.conversationId,
    a.status,
    a.partial,
    a.question,
    a.answer,
    a.cited.join(' '),
    a.model,
    a.latencyMs,
    a.rating,
    a.reason,
    a.comment,
    a.ratedAt === null ? null : new Date(a.ratedAt).toISOString(),
  ]
    .map(csvCell)
    .join(',');
}

export const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;
