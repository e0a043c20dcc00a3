/** An article title as shown: "…soft tissues?: The Critical…" (a question joined to its subtitle) reads "…soft tissues? The Critical…". */
export const displayTitle = (title: string): string => title.replace(/([?!]):\s+/g, '$1 ');
