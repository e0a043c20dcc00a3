import { z } from 'zod';

/**
 * Runs in the browser before the app. zod (used by the AI SDK on the client) probes for `new Function`
 * to compile fast parsers; our CSP forbids eval, so the probe is reported as a CSP violation. Parsing
 * without the compiled fast path avoids the probe and keeps the policy strict.
 */
z.config({ jitless: true });
