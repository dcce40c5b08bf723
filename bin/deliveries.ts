/**
 * `npm run deliveries -- list [--agency <id>] [--limit <n>]` — dead letters, oldest first.
 * `npm run deliveries -- retry <REFERENCE> [...]` — put dead letters back in the queue (attempts from zero).
 * `npm run deliveries -- show <REFERENCE>` — delivery state and every recorded attempt (no personal data).
 * Connects with MONGODB_URI / MONGODB_DB. Exit code 0 on success, 1 on a usage or connection problem, 2 when a
 * reference could not be re-driven.
 */
import 'dotenv/config';
import { parseReference } from '../services/feedback/reference';
import { FeedbackRepository } from '../services/feedback/repository';
import { configOrExit, toolDatabase } from '../bots/compose/database';

const USAGE =
  'usage: npm run deliveries -- list [--agency <id>] [--limit <n>] | retry <REFERENCE>... | show <REFERENCE>';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  if (!cmd || !['list', 'retry', 'show'].includes(cmd)) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const database = await toolDatabase(configOrExit());
  try {
    const outbox = new FeedbackRepository(database.db).outbox;
    if (cmd === 'list') {
      const limit = Number(flag(args, '--limit') ?? 100);
      const rows = await outbox.listDeadLetters({
        agencyId: flag(args, '--agency'),
        limit: Number.isFinite(limit) ? limit : 100,
      });
      if (!rows.length) process.stdout.write('No dead letters.\n');
      for (const r of rows) {
        process.stdout.write(
          `${r.reference}  ${r.agencyId ?? '-'}  ${r.category}  created ${r.createdAt.toISOString()}  attempts ${r.attempts}  ${r.lastError ?? ''}\n`,
        );
      }
      return 0;
    }
    const refs = args.filter((a) => !a.startsWith('--'));
    if (!refs.length) {
      process.stderr.write(`${USAGE}\n`);
      return 1;
    }
    let failed = 0;
    for (const input of refs) {
      const parsed = parseReference(input);
      if (!parsed.ok) {
        process.stderr.write(`${input}: not a valid reference (${parsed.reason})\n`);
        failed++;
        continue;
      }
      const ref = parsed.reference;
      if (cmd === 'show') {
        const rec = await outbox.deliveryOf(ref);
        if (!rec) {
          process.stderr.write(`${ref}: not found\n`);
          failed++;
          continue;
        }
        const { history, ...state } = rec.delivery;
        process.stdout.write(
          `${JSON.stringify({ reference: ref, agencyId: rec.agencyId, status: rec.status, ...state }, null, 2)}\n`,
        );
        for (const h of history) {
          process.stdout.write(
            `  ${new Date(h.at).toISOString()}  ${h.statusCode ?? '---'}  ${h.durationMs} ms  ${h.error ?? (h.note ? `ok (${h.note})` : 'ok')}\n`,
          );
        }
        continue;
      }
      if (await outbox.redrive(ref)) process.stdout.write(`${ref}: queued for delivery again\n`);
      else {
        process.stderr.write(`${ref}: not a dead letter (unknown, pending or already delivered)\n`);
        failed++;
      }
    }
    return failed ? 2 : 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`deliveries: ${e.message}\n`);
    process.exit(1);
  },
);
