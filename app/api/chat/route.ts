import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import { z } from 'zod';
import { citationHref } from '@/lib/answer/quotes';
import { streamQuestion } from '@/lib/answer/service';
import type { ChatMessage } from '@/lib/answer/ui-message';
import { ApiError, errorResponse } from '@/lib/errors';
import { otherMethods } from '@/lib/http/method';
import { enforceRateLimit } from '@/lib/http/rate-limit';
import { parseWith, readJson } from '@/lib/http/request';
import { ChatRequestSchema, toAnswerInput } from './schema';

export const dynamic = 'force-dynamic';

function parseInput(body: unknown) {
  try {
    const parsed = parseWith(ChatRequestSchema, body);
    return { ...toAnswerInput(parsed), conversationId: parsed.id };
  } catch (error) {
    if (error instanceof z.ZodError) throw new ApiError('invalid_input', error.issues[0]?.message);
    throw error;
  }
}

export async function POST(request: Request) {
  try {
    await enforceRateLimit(request);
    const { conversationId, ...input } = parseInput(await readJson(request));
    const events = await streamQuestion(input, request.signal, { conversationId });
    const stream = createUIMessageStream<ChatMessage>({
      async execute({ writer }) {
        const textId = 'answer';
        /** Sources already sent as parts: a model answer sends each as it is first cited. */
        const sent = new Set<string>();
        for await (const event of events) {
          if (event.type === 'start') {
            writer.write({ type: 'start', messageMetadata: { status: event.status, disclaimer: event.disclaimer, model: event.model } });
            writer.write({ type: 'text-start', id: textId });
          } else if (event.type === 'text') {
            writer.write({ type: 'text-delta', id: textId, delta: event.delta });
          } else if (event.type === 'source') {
            const { source } = event;
            sent.add(source.passageId);
            writer.write({ type: 'source-url', sourceId: source.passageId, url: citationHref({ docId: source.docId, passageId: source.passageId, quoteSpans: [], url: '' }), title: `${source.title} — ${source.section}` });
          } else {
            const { result } = event;
            writer.write({ type: 'text-end', id: textId });
            for (const c of result.citations) {
              if (sent.has(c.passageId)) continue;
              writer.write({
                type: 'source-url',
                sourceId: c.passageId,
                url: c.url,
                title: `${c.title} — ${c.section}`,
              });
            }
            writer.write({
              type: 'finish',
              finishReason: 'stop',
              messageMetadata: {
                answerId: result.answerId,
                status: result.status,
                disclaimer: result.disclaimer,
                model: result.model,
                citations: result.citations,
                grounding: result.grounding,
                timings: result.timings,
                ...(result.notice ? { notice: result.notice } : {}),
                ...(result.complete === false ? { complete: false } : {}),
              },
            });
          }
        }
      },
      onError(error) {
        if (request.signal.aborted) return 'The request was cancelled.';
        console.error('[chat] answer failed', error);
        return 'Something went wrong while answering. Please try again.';
      },
    });
    return createUIMessageStreamResponse({ stream });
  } catch (error) {
    return errorResponse(request.signal.aborted ? new ApiError('cancelled') : error);
  }
}

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
