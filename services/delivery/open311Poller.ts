/**
 * Reads statuses back from Open311 agencies: for delivered records with a `remoteId` that are not final yet, asks
 * each agency's server in batches (`GET /requests.json?service_request_id=a,b,c`) and applies what changed through
 * the StatusService (history + citizen notified). The lead runs `pollOpen311Statuses` on an interval.
 */
import { z } from 'zod';
import { FeedbackNotFoundError, type FeedbackRepository } from '../feedback/repository';
import type { FeedbackRecord, FeedbackStatus } from '../feedback/types';
import type { StatusService } from '../status/statusService';
import type { EndpointFor } from './dispatch';
import { fetchWithDeadline, safeText } from './httpOutcome';
import { fetchOpen311Statuses, type Open311Endpoint } from './open311Client';
import type { Logger } from '../log';

/** Statuses after which we stop asking. */
export const FINAL_STATUSES: FeedbackStatus[] = ['resolved', 'rejected', 'duplicate', 'closed'];

const EXTENDED: Record<string, FeedbackStatus> = {
  in_progress: 'in_progress',
  action_scheduled: 'in_progress',
  investigating: 'in_progress',
  reopen: 'in_progress',
  fixed: 'resolved',
  duplicate: 'duplicate',
  not_councils_responsibility: 'rejected',
  no_further_action: 'rejected',
  internal_referral: 'rejected',
};

/**
 * GeoReport v2 status → ours. `open` means the agency has it (acknowledged, unless we already know more), `closed`
 * means resolved; FixMyStreet's extended statuses map to the nearest of ours. Unknown values → null (ignored).
 */
export function mapOpen311Status(remote: string, current: FeedbackStatus): FeedbackStatus | null {
  const s = remote
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (s === 'open') return current === 'received' || current === 'sent' ? 'acknowledged' : current;
  if (s === 'closed') return 'resolved';
  return Object.hasOwn(EXTENDED, s) ? EXTENDED[s]! : null;
}

/** What the poller needs. */
export interface PollDeps {
  feedback: Pick<FeedbackRepository, 'awaitingRemoteStatus' | 'setRemoteId'>;
  endpointFor: EndpointFor;
  status: StatusService;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  logger?: Logger;
  /** Records looked at per run (oldest update first). */
  limit?: number;
}

/** Counts from one polling run. */
export interface PollSummary {
  checked: number;
  changed: number;
  failedEndpoints: number;
}

/** One polling run over every Open311 agency. Never throws for an agency's failure; counts it. */
export async function pollOpen311Statuses(deps: PollDeps): Promise<PollSummary> {
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const recs = await deps.feedback.awaitingRemoteStatus(FINAL_STATUSES, deps.limit ?? 1000);
  const groups = new Map<string, { endpoint: Open311Endpoint; recs: FeedbackRecord[] }>();
  for (const r of recs) {
    if (!r.agencyId) continue;
    const ep = await deps.endpointFor(r.agencyId, r.category).catch(() => null);
    if (ep?.kind !== 'open311') continue;
    const key = `${r.agencyId}|${ep.url}|${ep.jurisdictionId ?? ''}`;
    const g = groups.get(key) ?? { endpoint: ep, recs: [] };
    g.recs.push(r);
    groups.set(key, g);
  }
  const summary: PollSummary = { checked: 0, changed: 0, failedEndpoints: 0 };
  for (const { endpoint, recs: list } of groups.values()) {
    try {
      for (const r of list) {
        if (r.delivery.remoteId?.startsWith('token:'))
          await resolveToken(deps.feedback, endpoint, r, timeoutMs);
      }
      const byId = new Map(
        list.filter((r) => !r.delivery.remoteId?.startsWith('token:')).map((r) => [r.delivery.remoteId!, r]),
      );
      const ids = [...byId.keys()];
      for (let i = 0; i < ids.length; i += 50) {
        const statuses = await fetchOpen311Statuses(endpoint, ids.slice(i, i + 50), { timeoutMs });
        for (const s of statuses) {
          const rec = byId.get(s.serviceRequestId);
          if (!rec) continue;
          summary.checked++;
          const next = mapOpen311Status(s.status, rec.status);
          if (!next) continue;
          const res = await deps.status
            .apply({
              reference: rec._id,
              status: next,
              ...(s.notes ? { note: s.notes } : {}),
              by: 'open311-poll',
              agencyId: rec.agencyId!,
            })
            .catch((e: unknown) => {
              if (e instanceof FeedbackNotFoundError) return null; // reassigned since we read it: not ours to set
              throw e;
            });
          if (res?.ok && res.changed) summary.changed++;
        }
      }
    } catch (e) {
      summary.failedEndpoints++;
      deps.logger?.warn('open311.poll_failed', {
        code: (e as { code?: string }).code,
        name: (e as Error).name,
      });
    }
  }
  return summary;
}

/** Batch servers answer POST with a token; `GET /tokens/{token}.json` later gives the service_request_id. */
async function resolveToken(
  feedback: PollDeps['feedback'],
  endpoint: Open311Endpoint,
  rec: FeedbackRecord,
  timeoutMs: number,
): Promise<void> {
  const token = rec.delivery.remoteId!.slice('token:'.length);
  const res = await fetchWithDeadline(
    `${endpoint.url.replace(/\/+$/, '')}/tokens/${encodeURIComponent(token)}.json`,
    { method: 'GET', headers: { Accept: 'application/json' } },
    timeoutMs,
  );
  if (!res.ok) return;
  const parsed = z
    .array(z.object({ service_request_id: z.union([z.string(), z.number()]).nullish() }).passthrough())
    .safeParse(JSON.parse((await safeText(res, 100_000)) || '[]'));
  const id = parsed.success ? parsed.data[0]?.service_request_id : undefined;
  if (id !== undefined && id !== null) {
    await feedback.setRemoteId(rec._id, String(id));
    rec.delivery.remoteId = String(id);
  }
}
