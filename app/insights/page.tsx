import Link from 'next/link';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { SiteHeader } from '@/app/components/site-header';
import { getEnv } from '@/lib/env';
import { currentInsightsSummary } from '@/lib/insights/app-store';
import { ownerAccess, SESSION_COOKIE } from '@/lib/insights/session';
import { InsightsView } from './insights-view';
import { SignInForm } from './sign-in-form';
import './insights.css';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Insights — K2 Health Assistant', robots: { index: false, follow: false } };

/** /insights — the site owner's view: 404 without ADMIN_TOKEN, the sign-in form without a session. */
export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const env = getEnv();
  if (!env.ADMIN_TOKEN) notFound();
  const access = ownerAccess((await cookies()).get(SESSION_COOKIE)?.value, env);
  const header = (
    <SiteHeader>
      <Link href="/">Back to chat</Link>
    </SiteHeader>
  );
  if (access === 'signed-out') {
    return (
      <div className="app-shell">
        {header}
        <main className="source-page">
          <SignInForm failed={(await searchParams).signin === 'failed'} />
        </main>
      </div>
    );
  }
  const summary = await currentInsightsSummary(env);
  return (
    <div className="app-shell">
      {header}
      <main className="source-page insights-page">
        <InsightsView summary={summary} retentionDays={env.INSIGHTS_RETENTION_DAYS} />
      </main>
    </div>
  );
}
