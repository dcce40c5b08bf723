/**
 * Real HTTP servers on 127.0.0.1 playing agencies in delivery tests: a webhook receiver that verifies the Suara
 * signature and dedupes by Idempotency-Key (as a careful agency would), and a small Open311 GeoReport v2 server.
 * Behaviour is scripted per request with `respond`; `down()`/`up()` really stop and restart listening on the port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../services/delivery/signature';

/** One request as the fake agency saw it. */
export interface Received {
  at: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A scripted answer. `hangMs` delays the answer (to provoke client timeouts). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  hangMs?: number;
}

/** Decides the answer to the `n`-th (0-based) request. */
export type Responder = (req: Received, n: number) => Reply | undefined;

/** A fake agency endpoint. */
export class FakeAgency {
  readonly received: Received[] = [];
  /** Idempotency-Key → how many times it was accepted (stored); a correct receiver never goes above 1. */
  readonly accepted = new Map<string, number>();
  /** Accepted payloads in arrival order. */
  readonly inbox: { key: string; payload: Record<string, unknown> }[] = [];
  /** Requests that repeated an already accepted key (resends after a lost answer or lease). */
  duplicates = 0;
  /** Store at once but answer this much later (a receiver that is slow to acknowledge). */
  lateAnswerMs = 0;
  respond: Responder = () => undefined;
  private server: http.Server;
  private port = 0;

  constructor(private readonly handler: (fa: FakeAgency, req: Received) => Reply) {
    this.server = this.makeServer();
  }

  private makeServer(): http.Server {
    return http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec: Received = {
          at: Date.now(),
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status: 0,
        };
        const n = this.received.length;
        this.received.push(rec);
        const reply = this.respond(rec, n) ?? this.handler(this, rec);
        rec.status = reply.status;
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
          res.end(reply.body ?? '');
        };
        if (reply.hangMs) setTimeout(send, reply.hangMs);
        else send();
      });
    });
  }

  /** Base URL, e.g. http://127.0.0.1:41234 */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Start listening (on a fresh port the first time, the same port after `down()`). */
  async up(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Stop listening and drop every open connection: clients get "connection refused". */
  async down(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.server = this.makeServer();
  }

  /** Shut down for good. */
  async close(): Promise<void> {
    if (this.server.listening) await this.down();
  }
}

/** A webhook receiver: 401 on a bad signature, 200 `{duplicate:true}` on a repeated key, else stores and 200. */
export async function startWebhookAgency(secret: string): Promise<FakeAgency> {
  const fa = new FakeAgency((self, req) => {
    const check = verifySignature({
      secret,
      timestamp: req.headers['x-suara-timestamp'] as string | undefined,
      signature: req.headers['x-suara-signature'] as string | undefined,
      body: req.body,
    });
    if (!check.ok) return { status: 401, body: JSON.stringify({ error: check.code }) };
    const key = String(req.headers['idempotency-key'] ?? '');
    if (!key) return { status: 400, body: '{"error":"no idempotency key"}' };
    if (self.accepted.has(key)) {
      self.duplicates++;
      return { status: 200, body: '{"duplicate":true}', hangMs: self.lateAnswerMs };
    }
    self.accepted.set(key, 1);
    self.inbox.push({ key, payload: JSON.parse(req.body) as Record<string, unknown> });
    return { status: 201, body: '{"ok":true}', hangMs: self.lateAnswerMs };
  });
  return fa.up();
}

/** Server-side state of one request in the fake Open311 server. */
export interface FakeOpen311Request {
  id: string;
  form: URLSearchParams;
  status: 'open' | 'closed';
  notes?: string;
}

/** A GeoReport v2 server with one API key and the given service codes. */
export async function startOpen311Agency(
  apiKey: string,
  serviceCodes: string[],
): Promise<FakeAgency & { requests: FakeOpen311Request[] }> {
  const requests: FakeOpen311Request[] = [];
  const fa = new FakeAgency((_self, req) => {
    const url = new URL(req.path, 'http://127.0.0.1');
    const err = (status: number, code: number, description: string): Reply => ({
      status,
      body: JSON.stringify([{ code, description }]),
    });
    if (req.method === 'POST' && url.pathname === '/open311/requests.json') {
      const form = new URLSearchParams(req.body);
      if (form.get('api_key') !== apiKey) return err(403, 403, 'Invalid api_key');
      if (!serviceCodes.includes(form.get('service_code') ?? ''))
        return err(400, 404, 'Unknown service_code');
      if (!(form.get('lat') && form.get('long')) && !form.get('address_string')) {
        return err(400, 400, 'A location is required');
      }
      const id = String(1000 + requests.length);
      requests.push({ id, form, status: 'open' });
      return { status: 201, body: JSON.stringify([{ service_request_id: id, service_notice: '' }]) };
    }
    if (req.method === 'GET' && url.pathname === '/open311/requests.json') {
      const ids = (url.searchParams.get('service_request_id') ?? '').split(',').filter(Boolean);
      const list = requests
        .filter((r) => ids.includes(r.id))
        .map((r) => ({
          service_request_id: r.id,
          status: r.status,
          status_notes: r.notes ?? null,
          service_code: r.form.get('service_code'),
          description: r.form.get('description'),
          requested_datetime: '2025-01-01T00:00:00+08:00',
          updated_datetime: '2025-01-02T00:00:00+08:00',
        }));
      return { status: 200, body: JSON.stringify(list) };
    }
    return err(404, 404, 'Not found');
  });
  await fa.up();
  return Object.assign(fa, { requests });
}
