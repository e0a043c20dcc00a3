/** The opening of the reply to a question the articles don't cover (see `notCoveredReply`). No imports: the chat UI reads it too. */
export const DECLINE_OPENING = "I couldn't find this in the articles";
