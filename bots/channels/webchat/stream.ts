/**
 * The Direct Line WebSocket stream: `ws` on the restify server's underlying http server, upgrade path
 * `/v3/directline/conversations/:id/stream?t=<token>[&watermark=N]`. Sends `{activities, watermark}` sets as the
 * feed grows: activities stored in this process come with the FeedHub's signal and are sent as they are (no read);
 * activities other processes wrote (the worker's notifications) are found by ONE poller per process, which asks
 * every `pollMs` which conversations were written recently and wakes only their streams, whatever the number of
 * open streams.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  type ActivityFeed,
  type ActivityJson,
  parseWatermark,
  splitFeedId,
} from '../../../services/directline/activities';
import type { SitesRepository } from '../../../services/sites/repository';
import { DirectLineHttpError, errorBody } from './errors';
import type { FeedHub } from './hub';
import { publicOrigin } from './http';
import { enforceOrigin } from './origin';
import type { DirectLineService } from './service';
import type { Logger } from '../../../services/log';

const PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,100})\/stream$/;
/** How far back the poller looks beyond its previous poll (writers' clocks and slow inserts). */
const POLL_SLACK_MS = 5000;

/** An open stream as the poller sees it. */
interface OpenStream {
  watermark(): number;
  pump(): void;
}

/** Open streams by conversation. */
type Registry = Map<string, Set<OpenStream>>;

/** What the stream needs. */
export interface StreamDeps {
  service: DirectLineService;
  sites: SitesRepository;
  feed: ActivityFeed;
  hub: FeedHub;
  pollMs: number;
  publicUrl?: string;
  log: Logger;
}

/** Attach the stream to `http`; returns a function that closes every socket and detaches. */
export function attachStream(http: HttpServer, deps: StreamDeps): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const stops = new Set<() => void>();
  const open: Registry = new Map();
  const stopPolling = pollOtherWriters(open, deps);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match) return; // another module's upgrade path
    void (async () => {
      try {
        const claims = deps.service.authorize(url.searchParams.get('t') ?? undefined, match[1]);
        const headerSink = { setHeader: () => undefined } as unknown as Parameters<typeof enforceOrigin>[1];
        enforceOrigin(
          req,
          headerSink,
          await deps.sites.get(claims.siteId),
          publicOrigin(req, deps.publicUrl),
        );
        wss.handleUpgrade(req, socket, head, (ws) => {
          stops.add(
            serve(
              ws,
              claims.conversationId,
              claims.exp,
              url.searchParams.get('watermark') ?? '',
              deps,
              stops,
              open,
            ),
          );
        });
      } catch (err) {
        const e =
          err instanceof DirectLineHttpError ? err : new DirectLineHttpError(500, 'ServiceError', 'internal');
        const body = JSON.stringify(errorBody(e, 'en'));
        socket.end(
          `HTTP/1.1 ${e.status} ${e.code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
    })();
  };
  http.on('upgrade', onUpgrade);

  return async () => {
    http.off('upgrade', onUpgrade);
    stopPolling();
    for (const stop of [...stops]) stop();
    await new Promise<void>((r) => wss.close(() => r()));
  };
}

/**
 * One query every `pollMs` (only while streams are open): the conversations written since the previous poll (less
 * a slack), then a read by each of their streams that is behind. Returns the stop function.
 */
function pollOtherWriters(open: Registry, deps: StreamDeps): () => void {
  let since = Date.now();
  let polling = false;
  const timer = setInterval(() => {
    if (polling || open.size === 0) return;
    polling = true;
    const started = Date.now();
    deps.feed
      .writtenSince(new Date(since - POLL_SLACK_MS))
      .then((written) => {
        since = started;
        for (const [conversationId, seq] of written)
          for (const s of open.get(conversationId) ?? []) if (seq > s.watermark()) s.pump();
      })
      .catch((e: Error) => deps.log.warn('webchat.stream_poll_failed', { name: e.name }))
      .finally(() => (polling = false));
  }, deps.pollMs);
  timer.unref();
  return () => clearInterval(timer);
}

const seqOf = (a: ActivityJson) => splitFeedId(String(a.id))[1];

/** Serve one socket until it closes or its token expires; returns its stop function. */
function serve(
  ws: WebSocket,
  conversationId: string,
  exp: number,
  startWatermark: string,
  deps: StreamDeps,
  stops: Set<() => void>,
  open: Registry,
): () => void {
  let watermark = startWatermark;
  let reading = false;
  let again = false;
  let alive = true;
  let closed = false;

  const pump = async (): Promise<void> => {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const page = await deps.feed.read(conversationId, watermark);
        if (closed) return;
        if (page.activities.length > 0) {
          watermark = page.watermark;
          ws.send(JSON.stringify(page));
        }
      } while (again);
    } catch (e) {
      deps.log.warn('webchat.stream_read_failed', { name: (e as Error).name });
    } finally {
      reading = false;
    }
  };

  /** Activities stored by this process: sent as they are when they follow what the client has, else read. */
  const onStored = (stored: ActivityJson[]): void => {
    if (closed) return;
    if (reading || stored.length === 0 || seqOf(stored[0]) !== parseWatermark(watermark) + 1) {
      void pump();
      return;
    }
    watermark = String(seqOf(stored[stored.length - 1]));
    ws.send(JSON.stringify({ activities: stored, watermark }));
  };
  const unsubscribe = deps.hub.subscribe(conversationId, onStored);
  const entry: OpenStream = { watermark: () => parseWatermark(watermark), pump: () => void pump() };
  const peers = open.get(conversationId) ?? new Set<OpenStream>();
  open.set(conversationId, peers.add(entry));
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, 30_000);
  const expiry = setTimeout(() => ws.close(1000, 'token expired'), Math.max(0, exp * 1000 - Date.now()));

  const stop = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    peers.delete(entry);
    if (peers.size === 0 && open.get(conversationId) === peers) open.delete(conversationId);
    clearInterval(heartbeat);
    clearTimeout(expiry);
    stops.delete(stop);
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1001, 'server closing');
  };
  ws.on('pong', () => (alive = true));
  ws.on('message', () => (alive = true)); // clients ping with empty messages; nothing else is expected
  ws.on('close', stop);
  ws.on('error', stop);
  void pump();
  return stop;
}
