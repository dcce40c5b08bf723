/**
 * A tiny agency receiver for the local demo: `POST /demo-agency/:id/feedback` verifies the Suara signature with that
 * agency's secret, dedupes by Idempotency-Key and stores a NON-PERSONAL summary of what arrived (collection
 * `demoInbox`: reference, type, category, language, dates, counts — never the text, location or contact);
 * `GET /demo-agency/:id` lists those summaries as JSON. The caller mounts it only outside production
 * (see `demoInboxEnabled`). Point an agency's webhook endpoint at `{{self}}/demo-agency/<id>/feedback`.
 */
import type { Request, Response, Server } from 'restify';
import type { Collection, Db } from 'mongodb';
import { IDEMPOTENCY_HEADER, verifySignature } from '../../../services/delivery/signature';
import { parseBoundedJson } from '../../../services/json/bounded';
import type { SecretFor } from '../agencyUpdates/handler';
import { BodyTooLargeError, header, readRawBody } from '../agencyUpdates/route';
import type { Env } from '../../../services/config';

/** What the demo inbox keeps of a delivery: nothing a citizen typed, nothing that identifies or locates them. */
export interface DemoInboxSummary {
  version?: unknown;
  reference?: string;
  type?: string;
  category?: string;
  language?: string;
  createdAt?: string;
  anonymous?: boolean;
  attachments: number;
}

/** One stored delivery. */
export interface DemoInboxItem {
  _id: string;
  agencyId: string;
  idempotencyKey: string;
  receivedAt: Date;
  summary: DemoInboxSummary;
}

/** False in production (NODE_ENV=production): the demo inbox is a local-demo tool and is never mounted there. */
export function demoInboxEnabled(env: Env): boolean {
  return env.NODE_ENV !== 'production';
}

/** The non-personal fields of a webhook payload (unknown fields and free text are dropped). */
export function summarize(payload: unknown): DemoInboxSummary {
  const p = payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  const out: DemoInboxSummary = { attachments: Array.isArray(p.attachments) ? p.attachments.length : 0 };
  if (typeof p.version === 'number') out.version = p.version;
  for (const k of ['reference', 'type', 'category', 'language', 'createdAt'] as const) {
    const v = p[k];
    if (typeof v === 'string') out[k] = v.slice(0, 40);
  }
  if (typeof p.anonymous === 'boolean') out.anonymous = p.anonymous;
  return out;
}

/** Dependencies of the demo receiver. */
export interface DemoInboxDeps {
  db: Db;
  secretFor: SecretFor;
}

/** Add the demo receiver routes. */
export function mountDemoAgencyInbox(server: Server, deps: DemoInboxDeps): void {
  const inbox: Collection<DemoInboxItem> = deps.db.collection<DemoInboxItem>('demoInbox');
  server.post('/demo-agency/:id/feedback', async (req: Request, res: Response) => {
    const [status, body] = await receive(req);
    res.send(status, body);
  });
  const receive = async (req: Request): Promise<[number, Record<string, unknown>]> => {
    try {
      const agencyId = String(req.params?.id ?? '');
      const raw = await readRawBody(req);
      const secret = /^[a-z][a-z0-9_-]{0,63}$/.test(agencyId) ? await deps.secretFor(agencyId) : undefined;
      if (!secret) return [404, { error: { code: 'AGENCY_NOT_FOUND' } }];
      const check = verifySignature({
        secret,
        timestamp: header(req, 'x-suara-timestamp'),
        signature: header(req, 'x-suara-signature'),
        body: raw,
      });
      if (!check.ok) return [401, { error: { code: check.code } }];
      const key = header(req, IDEMPOTENCY_HEADER);
      if (!key || key.length > 100) return [400, { error: { code: 'IDEMPOTENCY_KEY_MISSING' } }];
      let payload: unknown;
      try {
        payload = parseBoundedJson(raw);
      } catch {
        return [400, { error: { code: 'BODY_INVALID' } }];
      }
      try {
        await inbox.insertOne({
          _id: `${agencyId}:${key}`,
          agencyId,
          idempotencyKey: key,
          receivedAt: new Date(),
          summary: summarize(payload),
        });
      } catch (e) {
        if ((e as { code?: number }).code === 11000) return [200, { received: key, duplicate: true }];
        throw e;
      }
      return [201, { received: key }];
    } catch (e) {
      if (e instanceof BodyTooLargeError) return [413, { error: { code: 'BODY_TOO_LARGE' } }];
      return [500, { error: { code: 'INTERNAL' } }];
    }
  };
  server.get('/demo-agency/:id', async (req: Request, res: Response) => {
    const agencyId = String(req.params?.id ?? '');
    try {
      const items = await inbox.find({ agencyId }).sort({ receivedAt: 1 }).limit(500).toArray();
      // Field by field: documents stored by older versions (with the whole payload) show only the summary.
      const view = items.map((i) => ({
        idempotencyKey: i.idempotencyKey,
        receivedAt: i.receivedAt,
        summary: i.summary ?? summarize(undefined),
      }));
      res.send(200, { agencyId, count: view.length, items: view });
    } catch {
      res.send(500, { error: { code: 'INTERNAL' } });
    }
  });
}
