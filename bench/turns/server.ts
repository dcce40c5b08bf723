/**
 * The server under test (bench only): restify + the web chat channel + the real bot (or an echo bot), on its own
 * MongoDB client with command monitoring. Run in-process by bench/turns.ts, or as a child process
 * (`node --import tsx bench/turns/server.ts <mode>` with MONGODB_URI set) so that its RSS is measured alone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, type ActivityHandler as Bot } from 'botbuilder';
import { MongoClient } from 'mongodb';
import * as restify from 'restify';
import { buildCore } from '../../bots/compose/core';
import type { PipelineDeps } from '../../bots/bot/pipeline';
import { mountWebChat } from '../../bots/channels/webchat';
import { silentLogger } from '../../services/log';
import { configOrExit } from '../../bots/compose/database';

/** Which bot and state storage the server runs. */
export type Mode = 'echo' | 'memory' | 'mongo';

/** What kind of request a MongoDB command was issued for. */
export type Phase = 'setup' | 'turn' | 'poll' | 'background';

/** The echo bot of mode 'echo'. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      await ctx.sendActivity(`echo: ${ctx.activity.text ?? ''}`);
      await next();
    });
  }
}

/** A running bench server. */
export interface BenchServer {
  port: number;
  /** MongoDB commands by phase and by "command collection", since the last reset. */
  counts: { byPhase: Map<Phase, number>; byKind: Map<string, number> };
  reset(): void;
  close(): Promise<void>;
}

const phaseOf = (req: IncomingMessage): Phase =>
  /\/activities(\?|$)/.test(req.url ?? '') ? (req.method === 'POST' ? 'turn' : 'poll') : 'setup';

/** Route every request through AsyncLocalStorage so MongoDB commands can be attributed to its phase. */
function tagRequests(server: restify.Server, als: AsyncLocalStorage<Phase>): void {
  const http = server.server;
  const listeners = http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) =>
    als.run(phaseOf(req), () => listeners.forEach((l) => l(req, res))),
  );
}

/** Start the server on 127.0.0.1 (port 0) against `uri`, database `dbName`. */
export async function startBenchServer(uri: string, dbName: string, mode: Mode): Promise<BenchServer> {
  const client = new MongoClient(uri, { monitorCommands: true, maxPoolSize: 50 });
  await client.connect();
  const db = client.db(dbName);
  let bot: Pick<Bot, 'run'> = new EchoBot();
  let pipeline: PipelineDeps | undefined;
  if (mode !== 'echo') ({ bot, pipeline } = await buildCore(db, { stateStorage: mode, log: silentLogger }));
  const server = restify.createServer({ handleUpgrades: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  const mount = await mountWebChat(server, {
    bot,
    pipeline,
    db,
    config: { PORT: port },
    // Abuse limits off: the bench opens thousands of conversations from one address (as it always did).
    env: {
      DIRECTLINE_TOKEN_SECRET: 'bench-secret-0123456789-abcdefghijklmnop',
      WEBCHAT_RATE_PER_IP_PER_MIN: '0',
      WEBCHAT_RATE_PER_SITE_PER_MIN: '0',
      WEBCHAT_RATE_PER_CONVERSATION_PER_MIN: '0',
    },
    log: silentLogger,
    buildWidget: false,
  });
  const als = new AsyncLocalStorage<Phase>();
  tagRequests(server, als);
  const counts = { byPhase: new Map<Phase, number>(), byKind: new Map<string, number>() };
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  client.on('commandStarted', (e) => {
    bump(counts.byPhase, als.getStore() ?? 'background');
    const command = e.command as Record<string, unknown>;
    const collection = e.commandName === 'getMore' ? command.collection : command[e.commandName];
    bump(counts.byKind, `${als.getStore() ?? 'background'} ${e.commandName} ${String(collection)}`);
  });
  return {
    port,
    counts,
    reset: () => {
      counts.byPhase.clear();
      counts.byKind.clear();
    },
    close: async () => {
      await mount.close();
      server.close();
      await db.dropDatabase();
      await client.close();
    },
  };
}

/** Child-process entry: print the port, answer 'counts' over IPC, stop on 'stop'. */
async function child(): Promise<void> {
  const mode = (process.argv[2] ?? 'mongo') as Mode;
  const s = await startBenchServer(configOrExit().MONGODB_URI ?? '', `bench_child_${Date.now()}`, mode);
  process.on('message', (m) => {
    if (m === 'counts') process.send?.({ byPhase: [...s.counts.byPhase], total: sum(s.counts.byPhase) });
    if (m === 'reset') s.reset();
    if (m === 'stop') void s.close().then(() => process.exit(0));
  });
  process.send?.({ port: s.port });
}

/** Sum of a count map. */
export const sum = (m: Map<unknown, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

if (process.argv[1]?.endsWith('server.ts') && process.send) void child();
