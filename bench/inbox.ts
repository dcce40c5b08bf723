/**
 * `npm run bench:inbox -- [--n 100000]`
 * Seeds N feedback records and, for the main inbox list queries, prints (1) the index each query's filter and sort
 * fit (`indexFor`, the plan a real server can use without a blocking sort), (2) MongoDB's `explain` (winning plan
 * stages, keys and documents examined) when the server supports it — a real mongod via MONGODB_URI; the Python
 * stand-in does not, and says so — and (3) the time of pages 1, 50 and the last through StaffInbox.list, the same
 * code the API runs. Not a test.
 */
import type { Db, Document } from 'mongodb';
import { FeedbackRepository } from '../services/feedback/repository';
import { INBOX_SORTS, indexFor, inboxFilter, type InboxSort } from '../services/feedback/inboxStore';
import { PAGE_SIZE, scopeOf, type Viewer } from '../services/staff/feedbackQueries';
import { StaffInbox, type InboxQuery } from '../services/staff/inbox';
import { StaffRepository } from '../services/staff/repository';
import { arg, runBench, withBenchDb } from './benchRun';
import { seedInbox } from './inboxSeed';

const N = Number(arg('n', '100000'));

/** The stages of a winning plan, outermost first, with index names. */
function stages(plan: Document | undefined): string {
  const out: string[] = [];
  for (let p = plan; p; p = p.inputStage ?? p.inputStages?.[0])
    out.push(p.indexName ? `${p.stage}(${p.indexName})` : String(p.stage));
  return out.join(' <- ');
}

/** Seeds an officer and N records, then explains and times each inbox query shape. */
async function benchInbox(db: Db): Promise<void> {
  const staff = new StaffRepository(db);
  const officer = await staff.add({
    email: 'o@dbkl.bench.test',
    password: 'bench-password-1',
    agencyId: 'dbkl',
    role: 'staff',
  });
  const t0 = Date.now();
  await seedInbox(db, N, [officer._id]);
  process.stdout.write(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n\n`);
  const repo = new FeedbackRepository(db);
  const inbox = new StaffInbox({ inbox: repo.inbox, staff });
  const viewer: Viewer = { role: 'staff', agencyId: 'dbkl', staffId: officer._id };
  const shapes: [string, InboxQuery, string[]][] = [
    ['newest first', {}, ['agencyId']],
    ['oldest first', { sort: 'oldest' }, ['agencyId']],
    ['last activity', { sort: 'activity' }, ['agencyId']],
    ['status=sent', { status: 'sent' }, ['agencyId', 'status']],
    ['category=roads', { category: 'roads' }, ['agencyId', 'category']],
    ['assigned=me', { assigned: 'me' }, ['agencyId', 'assignee.staffId']],
    ['assigned=none', { assigned: 'none' }, ['agencyId', 'assignee.staffId']],
    ['due=overdue', { due: 'overdue' }, ['agencyId']],
    ['place=Cheras', { place: 'Cheras' }, ['agencyId']],
  ];
  let explainable = true;
  for (const [name, q, equality] of shapes) {
    const sort: InboxSort = q.sort ?? 'age';
    process.stdout.write(`${name}: index by plan = ${indexFor(equality, INBOX_SORTS[sort]) ?? 'none'}\n`);
    if (explainable) {
      try {
        const filter = inboxFilter(scopeOf(viewer), inbox.filterOf(viewer, q, new Date()));
        const ex = await db.command({
          explain: { find: 'feedback', filter, sort: INBOX_SORTS[sort], limit: PAGE_SIZE },
          verbosity: 'executionStats',
        });
        const s = ex.executionStats ?? {};
        process.stdout.write(
          `  explain: ${stages(ex.queryPlanner?.winningPlan)}; returned ${s.nReturned}, keys examined ${s.totalKeysExamined}, docs examined ${s.totalDocsExamined}, ${s.executionTimeMillis} ms\n`,
        );
      } catch (e) {
        explainable = false;
        process.stdout.write(
          `  explain: not available on this server (${(e as Error).message}); page timings only\n`,
        );
      }
    }
    const total = (await inbox.list(viewer, { ...q, page: 1 })).total;
    const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const times: string[] = [];
    for (const page of [1, Math.min(50, last), last]) {
      const t = process.hrtime.bigint();
      await inbox.list(viewer, { ...q, page });
      times.push(`p${page} ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`);
    }
    process.stdout.write(`  ${total} matching; ${times.join(', ')}\n`);
  }
}

async function main(): Promise<void> {
  await withBenchDb('bench_inbox', N, { serverSelectionTimeoutMS: 15_000 }, benchInbox);
}

runBench(main);
