/**
 * A stand-in for the Bot Framework connector of Teams on 127.0.0.1: records the channel posts the bot creates
 * (`POST /v3/conversations`) and the updates of posted cards (`PUT /v3/conversations/:id/activities/:activityId`).
 * `down = true` answers 503 like an outage (botbuilder's client retries a few times, then gives up).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** A card the bot posted in a channel. */
export interface FakePost {
  teamsChannelId: string;
  conversationId: string;
  activityId: string;
  card: Record<string, any>;
}

/** A posted card the bot replaced. */
export interface FakeUpdate {
  conversationId: string;
  activityId: string;
  card: Record<string, any>;
}

/** The running connector. */
export interface FakeConnector {
  /** The service URL to give the bot (ends with `/`). */
  url: string;
  posts: FakePost[];
  updates: FakeUpdate[];
  /** Requests answered 503 while down. */
  refused: number;
  down: boolean;
  close(): Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<any>((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text ? JSON.parse(text) : {}));
  });

const cardOf = (activity: any) => activity?.attachments?.[0]?.content as Record<string, any>;

/** Start the connector on a free port. */
export async function startConnector(): Promise<FakeConnector> {
  let next = 1;
  const c = { posts: [], updates: [], refused: 0, down: false } as unknown as FakeConnector;
  const server: Server = createServer(async (req, res) => {
    const json = await body(req);
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (c.down) {
      c.refused++;
      return reply(503, { error: { code: 'ServiceUnavailable', message: 'Teams is down' } });
    }
    const url = decodeURIComponent(req.url ?? '');
    const update = /^\/v3\/conversations\/(.+)\/activities\/([^/]+)$/.exec(url);
    if (req.method === 'POST' && url === '/v3/conversations') {
      const activityId = String(1_700_000_000_000 + next++);
      const teamsChannelId = String(json.channelData?.channel?.id);
      const conversationId = `${teamsChannelId};messageid=${activityId}`;
      c.posts.push({ teamsChannelId, conversationId, activityId, card: cardOf(json.activity) });
      return reply(201, { id: conversationId, activityId });
    }
    if (req.method === 'PUT' && update) {
      c.updates.push({ conversationId: update[1]!, activityId: update[2]!, card: cardOf(json) });
      return reply(200, { id: update[2] });
    }
    return reply(404, { error: { code: 'NotFound' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  c.url = `http://127.0.0.1:${port}/`;
  c.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return c;
}
