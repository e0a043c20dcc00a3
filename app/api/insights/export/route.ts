import { errorResponse } from '@/lib/errors';
import { getInsightsStore } from '@/lib/insights/app-store';
import { CSV_HEADER, csvLine, csvRow } from '@/lib/insights/csv';
import { requireOwner } from '@/lib/insights/session';
import type { LoggedAnswer } from '@/lib/insights/types';
import { otherMethods } from '@/lib/http/method';

export const dynamic = 'force-dynamic';

const PAGE = 2000;

/** `GET /api/insights/export`: the whole log as CSV, oldest first, streamed page by page. Owner only. */
export async function GET(request: Request) {
  try {
    requireOwner(request);
    const store = await getInsightsStore();
    let after: LoggedAnswer | null = null;
    let headerSent = false;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine(CSV_HEADER)));
          if (!store) return controller.close();
          return;
        }
        const rows: LoggedAnswer[] = store ? await store.page(after, PAGE) : [];
        if (rows.length) controller.enqueue(encoder.encode(rows.map((r) => `${csvRow(r)}\r\n`).join('')));
        if (rows.length < PAGE) controller.close();
        else after = rows[rows.length - 1];
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="insights-${day}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
