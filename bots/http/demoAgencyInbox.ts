/**
 * A tiny agency receiver for the local demo: `POST /demo-agency/:id/feedback` verifies the Suara signature with that
 * agency's secret, dedupes by Idempotency-Key and stores what arrived (collection `demoInbox`);
 * `GET /demo-agency/:id` lists it as JSON. Point an agency's webhook endpoint here to see delivery end to end.
 */
import type { Request, Response, Server } from 'restify';
import type { Collection, Db } from 'mongodb';
import { IDEMPOTENCY_HEADER, verifySignature } from '../../services/delivery/signature';
import type { SecretFor } from '../../services/status/agencyUpdates';
import { header, readRawBody } from './agencyUpdatesRoute';

/** One stored delivery. */
export interface DemoInboxItem {
  _id: string;
  agencyId: string;
  idempotencyKey: string;
  receivedAt: Date;
  payload: unknown;
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
      if (!key) return [400, { error: { code: 'IDEMPOTENCY_KEY_MISSING' } }];
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        return [400, { error: { code: 'BODY_INVALID' } }];
      }
      try {
        await inbox.insertOne({
          _id: `${agencyId}:${key}`,
          agencyId,
          idempotencyKey: key,
          receivedAt: new Date(),
          payload,
        });
      } catch (e) {
        if ((e as { code?: number }).code === 11000) return [200, { received: key, duplicate: true }];
        throw e;
      }
      return [201, { received: key }];
    } catch {
      return [500, { error: { code: 'INTERNAL' } }];
    }
  };
  server.get('/demo-agency/:id', async (req: Request, res: Response) => {
    const agencyId = String(req.params?.id ?? '');
    const items = await inbox.find({ agencyId }).sort({ receivedAt: 1 }).limit(500).toArray();
    res.send(200, { agencyId, count: items.length, items: items.map(({ _id, ...rest }) => rest) });
  });
}
