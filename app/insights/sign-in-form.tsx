/** The owner's sign-in: a plain form posted to the session endpoint (no script needed, token never in a URL). */
export function SignInForm({ failed }: { failed: boolean }) {
  return (
    <form method="post" action="/api/insights/session" className="insights-sign-in">
      <h1>Insights</h1>
      <p>Sign in with the site&apos;s ADMIN_TOKEN to see what visitors ask and how the answers landed.</p>
      {failed ? (
        <p role="alert" className="insights-error">
          That is not the ADMIN_TOKEN. Check it and try again.
        </p>
      ) : null}
      <input type="hidden" name="intent" value="sign-in" />
      <label htmlFor="insights-token">Admin token</label>
      <input id="insights-token" name="token" type="password" autoComplete="current-password" required autoFocus />
      <button type="submit">Sign in</button>
    </form>
  );
}
