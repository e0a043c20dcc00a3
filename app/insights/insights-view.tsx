import type { InsightsSummary } from '@/lib/insights/summary';
import { REASON_LABELS } from '@/lib/insights/types';
import { DayChart } from './day-chart';

/**
 * The signed-in owner's page. Every logged text (questions, answers, comments) is rendered as plain
 * React text: markup or script in a visitor's question shows as the characters they typed.
 */
export function InsightsView({ summary, retentionDays }: { summary: InsightsSummary; retentionDays: number }) {
  const { perDay, declined, negative } = summary;
  const total = perDay.reduce((s, d) => s + d.answered + d.notCovered + d.emergency, 0);
  return (
    <>
      <div className="insights-title">
        <h1>Insights</h1>
        <div className="insights-actions">
          <a href="/api/insights/export" download>
            Download the log (CSV)
          </a>
          <form method="post" action="/api/insights/session">
            <input type="hidden" name="intent" value="sign-out" />
            <button type="submit">Sign out</button>
          </form>
        </div>
      </div>
      {summary.logging ? (
        <p className="insights-note">
          Questions are kept for {retentionDays} days; no IP address, user agent or tracking cookie. Emergency questions are counted, not kept.
        </p>
      ) : (
        <p className="insights-note" role="status">
          Logging is off (INSIGHTS=off): nothing is being stored.
        </p>
      )}

      <section aria-labelledby="per-day">
        <h2 id="per-day">
          Questions per day <span className="insights-count">({total} in the last {summary.days} days)</span>
        </h2>
        <DayChart days={perDay} />
      </section>

      <section aria-labelledby="declined">
        <h2 id="declined">Not covered: what to write next</h2>
        {declined.length ? (
          <table className="insights-table">
            <thead>
              <tr>
                <th scope="col">Times</th>
                <th scope="col">Topic words</th>
                <th scope="col">Latest question</th>
              </tr>
            </thead>
            <tbody>
              {declined.map((d) => (
                <tr key={d.topics}>
                  <td>{d.count}</td>
                  <td>{d.topics}</td>
                  <td className="logged-text">{d.question}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="insights-empty">No declined questions in this period.</p>
        )}
      </section>

      <section aria-labelledby="negative">
        <h2 id="negative">Thumbs down</h2>
        {negative.length ? (
          <ul className="insights-negative">
            {negative.map((n) => (
              <li key={n.answerId}>
                <p className="insights-meta">
                  {new Date(n.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
                  {n.reason ? ` · ${REASON_LABELS[n.reason] ?? n.reason}` : ''}
                </p>
                <p className="logged-text">
                  <strong>Question: </strong>
                  {n.question ?? '(emergency: not kept)'}
                </p>
                <p className="logged-text insights-answer">{n.answer ?? ''}</p>
                {n.comment ? <blockquote className="logged-text">{n.comment}</blockquote> : null}
                {n.sources.length ? (
                  <ol className="insights-sources">
                    {n.sources.map((s) => (
                      <li key={s.passageId}>
                        <a href={s.url}>{s.section ? `${s.title} — ${s.section}` : s.title}</a>
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="insights-empty">No thumbs-down votes yet.</p>
        )}
      </section>
    </>
  );
}
