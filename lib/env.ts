import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());

const EnvSchema = z.object({
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(blankToUndefined, z.url({ message: 'OPENAI_BASE_URL must be a URL such as http://127.0.0.1:11434/v1' }).optional()),
  OPENAI_MODEL: z.preprocess(blankToUndefined, z.string().default('gpt-4o-mini')),
  /** Which OpenAI wire API to call: Chat Completions (default with a custom base URL) or Responses. */
  OPENAI_API: z.preprocess(blankToUndefined, z.enum(['chat', 'responses']).optional()),
  /** Embedding model on the same server; when set, retrieval is hybrid (BM25 + vectors). */
  OPENAI_EMBEDDING_MODEL: optionalString,
  OPENAI_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(20_000)),
  /** Milliseconds allowed for condensing a follow-up (and embedding a query) before the offline method is used. */
  OPENAI_CONDENSE_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(4_000)),
  RATE_LIMIT_PER_MINUTE: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).default(30)),
  REDIS_URL: optionalString,
  /** Proxies in front of the app that append to X-Forwarded-For (1 also fits no proxy: Next fills it in). */
  TRUSTED_PROXY_COUNT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10).default(1)),
  EMBED_ALLOWED_ORIGINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean) : [])),
  ),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  /** Where `npm start` listens: unset = every interface (next start's default); 127.0.0.1 = this machine only. */
  HOST: z.preprocess(
    blankToUndefined,
    z.string().trim().regex(/^[A-Za-z0-9._:%-]+$/, { message: 'HOST must be a host name or IP address such as 127.0.0.1 or 0.0.0.0' }).optional(),
  ),
  CORPUS_DIR: z.preprocess(blankToUndefined, z.string().default('corpus')),
  INDEX_PATH: z.preprocess(blankToUndefined, z.string().default('.data/index.json')),
  /** Milliseconds between streamed chunks of the offline model (0 streams as fast as possible). */
  EXTRACTIVE_STREAM_DELAY_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).default(12)),
  /** strict: a model sentence its sources do not support is withheld; flag: shown, marked as not confirmed. */
  GROUNDING_MODE: z.preprocess(blankToUndefined, z.enum(['strict', 'flag']).default('strict')),
  /** Enables /insights (the site owner's view) and its sign-in; unset = those routes answer 404. */
  ADMIN_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().trim().min(16, { message: 'ADMIN_TOKEN must be at least 16 characters (e.g. openssl rand -hex 24)' }).optional(),
  ),
  /** on (default): keep the question log and feedback; off: store nothing. */
  INSIGHTS: z.preprocess(blankToUndefined, z.enum(['on', 'off']).default('on')),
  /** Days the question log is kept; older rows are deleted at start and hourly. */
  INSIGHTS_RETENTION_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(3650).default(30)),
  /** postgres://… : keep the question log in PostgreSQL (shared by every instance) instead of .data/insights.db. */
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z.string().trim().regex(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:pass@127.0.0.1:5432/app' }).optional(),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment once per call site; throws a readable error naming the bad variable. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${detail}`);
  }
  return parsed.data;
}
