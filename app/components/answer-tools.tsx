'use client';

import { lazy, Suspense } from 'react';
import type { Citation } from '@/lib/answer/types';
import type { CitationLinkOptions } from './answer-markdown';

/**
 * "Copy answer" and the thumbs under a finished answer. Nothing needs them before an answer has
 * finished, so their code is loaded later, not with the page: when a question is sent (`preloadAnswerTools`)
 * or when a saved answer is shown.
 */
const loadCopy = () => import('./copy-answer');
const loadFeedback = () => import('./answer-feedback');
const CopyAnswer = lazy(() => loadCopy().then((m) => ({ default: m.CopyAnswer })));
const AnswerFeedback = lazy(() => loadFeedback().then((m) => ({ default: m.AnswerFeedback })));

export function preloadAnswerTools(): void {
  void loadCopy();
  void loadFeedback();
}

export interface AnswerToolsProps {
  /** The answer to copy, when it may be copied. */
  copy?: { text: string; citations: Citation[]; options?: CitationLinkOptions };
  /** The answer to vote on, when it may be voted on. */
  answerId?: string;
}

export function AnswerTools({ copy, answerId }: AnswerToolsProps) {
  return (
    <div className="answer-tools">
      <Suspense fallback={null}>
        {copy && <CopyAnswer {...copy} />}
        {answerId && <AnswerFeedback answerId={answerId} />}
      </Suspense>
    </div>
  );
}
