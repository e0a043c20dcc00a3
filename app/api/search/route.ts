import { z } from 'zod';
import { sourceUrl } from '@/lib/answer/quotes';
import { errorResponse } from '@/lib/errors';
import { otherMethods } from '@/lib/http/method';
import { parseWith } from '@/lib/http/request';
import { MAX_K } from '@/lib/search/retrieve';
import { searchQuery } from '@/lib/search/search-query';
import { getIndex } from '@/lib/search/store';

export const dynamic = 'force-dynamic';

const SearchQuerySchema = z.object({
  q: z.string({ error: 'Add a search query as ?q=…' }).trim().min(1, 'Add a search query as ?q=…').max(2000, 'Search queries can be at most 2000 characters.'),
  k: z.coerce
    .number({ error: 'k must be a number.' })
    .int('k must be a whole number.')
    .min(1, 'k must be at least 1.')
    .optional()
    .transform((k) => Math.min(k ?? 10, MAX_K)),
});

export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const { q, k } = parseWith(SearchQuerySchema, { q: params.get('q') ?? undefined, k: params.get('k') ?? undefined });
    const started = performance.now();
    const hits = await searchQuery(await getIndex(), q, { k });
    return Response.json({
      results: hits.map(({ passage, score }) => ({
        passageId: passage.id,
        docId: passage.docId,
        title: passage.title,
        section: passage.section,
        text: passage.text,
        score,
        url: sourceUrl(passage),
      })),
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
