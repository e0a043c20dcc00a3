/** Input limits, shared by the zod schemas and the chat UI (no imports, so the UI ships no zod). */
export const MAX_QUESTION_CHARS = 2000;
export const MAX_HISTORY_TURNS = 40;
export const MAX_TURN_CHARS = 8000;
