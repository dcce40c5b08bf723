/** Picks the sender for an endpoint kind, and resolves which endpoint an agency uses for a category. */
import type { Agency, CategoryId, DeliveryEndpoint } from '../agencies/types';
import type { FeedbackRecord } from '../feedback/types';
import { sendEmail } from './emailSender';
import { DeliveryConfigError } from './errors';
import { resolveEndpoint } from './selfUrl';
import { sendOpen311 } from './open311Client';
import { sendWebhook, type SendContext, type SendResult } from './webhookSender';

/** Resolves the endpoint for an agency and category; null when the agency is unknown. */
export type EndpointFor = (agencyId: string, category: CategoryId) => Promise<DeliveryEndpoint | null>;

/** The body's own Suara inbox: the endpoint of every body that has no other. */
export const INBOX: DeliveryEndpoint = Object.freeze({ kind: 'inbox' });

/** The endpoint an agency uses for a category: the per-category override, else its default, else its inbox. */
export function endpointOf(agency: Agency, category: CategoryId): DeliveryEndpoint {
  // `endpoint` is required in today's schema; a directory without one (data/delivery.json has no entry) means inbox.
  return agency.categoryEndpoints?.[category] ?? (agency.endpoint as DeliveryEndpoint | undefined) ?? INBOX;
}

/**
 * Build an EndpointFor from any agency lookup (e.g. the agencies repository), caching answers for `ttlMs`.
 * `{{self}}` URLs are resolved with `selfUrl()` (this server's own address) each time; when it is unknown the
 * lookup throws, which the worker treats as retryable.
 */
export function endpointForFromAgencies(
  findAgency: (id: string) => Promise<Agency | null>,
  ttlMs = 60_000,
  selfUrl: () => string | undefined = () => undefined,
): EndpointFor {
  const cache = new Map<string, { at: number; agency: Agency | null }>();
  return async (agencyId, category) => {
    const hit = cache.get(agencyId);
    let agency: Agency | null;
    if (hit && Date.now() - hit.at < ttlMs) agency = hit.agency;
    else {
      agency = await findAgency(agencyId);
      cache.set(agencyId, { at: Date.now(), agency });
    }
    return agency ? resolveEndpoint(endpointOf(agency, category), selfUrl()) : null;
  };
}

/**
 * Send one record to one endpoint. `inbox` (and its older name `none`) needs no network: the record is already in the
 * body's dashboard list, so it is delivered at once.
 */
export async function sendTo(
  endpoint: DeliveryEndpoint | null,
  record: FeedbackRecord,
  ctx: SendContext,
): Promise<SendResult> {
  if (!endpoint) throw new DeliveryConfigError('NO_ENDPOINT', 'agency not found');
  switch (endpoint.kind) {
    case 'webhook':
      return sendWebhook(endpoint, record, ctx);
    case 'open311':
      return sendOpen311(endpoint, record, ctx);
    case 'email':
      return sendEmail(endpoint, record, ctx);
    case 'inbox':
    case 'none':
      return { via: 'inbox' };
  }
}
