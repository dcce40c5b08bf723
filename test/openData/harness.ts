/** A real restify server on 127.0.0.1 with the open-data surface mounted on a test database. */
import restify from 'restify';
import type { Db } from 'mongodb';
import { mountOpenData, type MountedOpenData } from '../../bots/http/openData';
import { listen } from '../../bots/http/server';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { createLocalizer } from '../../services/i18n';
import { silentLogger } from '../../services/log';
import { testDb } from '../support/mongo';

/** A running open-data server. */
export interface OpenDataHarness {
  base: string;
  db: Db;
  mounted: MountedOpenData;
  /** The clock the cache reads (tests move it). */
  clock: { now: Date };
  close(): Promise<void>;
}

/** Start a server with `records` in a fresh database. */
export async function startOpenData(
  records: FeedbackRecord[],
  opts: { build?: boolean; cacheMinutes?: number } = {},
): Promise<OpenDataHarness> {
  const t = await testDb('opendata');
  if (records.length) await t.db.collection<FeedbackRecord>('feedback').insertMany(records);
  const clock = { now: new Date() };
  const server = restify.createServer({ name: 'suara-test', handleUncaughtExceptions: false });
  const mounted = await mountOpenData(server, {
    feedback: new FeedbackRepository(t.db),
    t: createLocalizer().t,
    log: silentLogger,
    build: opts.build ?? false,
    cacheMinutes: opts.cacheMinutes ?? 10,
    now: () => clock.now,
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    db: t.db,
    mounted,
    clock,
    close: async () => {
      server.close();
      await t.close();
    },
  };
}
