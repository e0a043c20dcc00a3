import steeringData from '../../corpus/steering.json';
import { splitSentences } from '../text/sentences';

/** `corpus/steering.json`: phrases that try to steer the assistant, reviewed as data. */
export interface SteeringFile {
  instruction: string[];
  framing: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
const anyPhrase = (phrases: string[]) => new RegExp(`(?<![\\w'])(?:${phrases.map(escape).join('|')})(?![\\w'])`, 'i');

export interface Steering {
  instruction: RegExp;
  framing: RegExp;
}

export function compileSteering(file: SteeringFile = steeringData): Steering {
  return { instruction: anyPhrase(file.instruction), framing: new RegExp(`${anyPhrase(file.framing).source}\\s*[:,]?`, 'gi') };
}

export const DEFAULT_STEERING = compileSteering();

export interface Separated {
  /** The message without the clauses that try to steer the assistant. */
  question: string;
  /** The sentences left out, as written. */
  instructions: string[];
}

/**
 * Separates what a message asks from what it tries to make the assistant do. A sentence with an
 * instruction phrase is left out, except a question it introduces after a colon; framing phrases
 * ("confirm for me", "using that") are dropped and the words around them kept.
 */
export function separateInstructions(message: string, steering: Steering = DEFAULT_STEERING): Separated {
  const instructions: string[] = [];
  // Line by line, keeping the breaks: a subject line stays a line of its own (see askingAndContext).
  const lines = message.split(/\n+/).map((line) => {
    const kept: string[] = [];
    for (const { text } of splitSentences(line)) {
      if (!steering.instruction.test(text)) {
        kept.push(text);
        continue;
      }
      const colon = text.lastIndexOf(':');
      const after = colon >= 0 ? text.slice(colon + 1).trim() : '';
      if (after.endsWith('?') && !steering.instruction.test(after)) {
        kept.push(after);
        instructions.push(text.slice(0, colon + 1).trim());
      } else instructions.push(text);
    }
    return kept
      .join(' ')
      .replace(steering.framing, ' ')
      .replace(/(^|[.?!]\s+)[\s:;,]+/g, '$1')
      .replace(/\s{2,}/g, ' ')
      .trim();
  });
  return { question: lines.filter(Boolean).join('\n'), instructions };
}
