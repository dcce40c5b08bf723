/**
 * `npm run agencies -- list | show <id> | check`: the body directory (data/bodies + data/delivery.json).
 * list: one line per body; show: every fact of one body; check: schema (exit 1 on errors) and warnings.
 */
import { CATEGORY_IDS } from '../services/agencies/types';
import { checkDirectory } from '../services/routing/directoryCheck';
import { getDefaultRouter } from '../services/routing';
import { checkDeadlineData } from '../services/deadlines/check';

const out = (line: string) => process.stdout.write(`${line}\n`);

function list(): void {
  const router = getDefaultRouter();
  for (const a of router.agencies) {
    out(
      [
        a.id.padEnd(20),
        (a.kind ?? a.level).padEnd(16),
        (a.state ?? '-').padEnd(4),
        a.endpoint.kind.padEnd(8),
        a.name.ms,
      ].join(' '),
    );
  }
  const count = new Map<string, number>();
  for (const a of router.agencies) count.set(a.kind ?? a.level, (count.get(a.kind ?? a.level) ?? 0) + 1);
  out(`${router.agencies.length} bodies: ${[...count].map(([k, n]) => `${n} ${k}`).join(', ')}`);
}

function show(id: string | undefined): number {
  const router = getDefaultRouter();
  const body = id ? router.body(id) : undefined;
  if (!id || !body) {
    process.stderr.write(`unknown body "${id ?? ''}" (try: npm run agencies -- list)\n`);
    return 2;
  }
  const agency = router.agency(body.id);
  if (body.id !== id) out(`("${id}" is a retired id; it now means "${body.id}")`);
  const renamedFrom = Object.entries(router.renamed)
    .filter(([, to]) => to === body.id)
    .map(([from]) => from);
  const routes = CATEGORY_IDS.filter((category) => {
    const place = body.kind === 'local_authority' ? { councilId: body.id } : {};
    return router.route({ category, ...place }).agencyId === body.id;
  });
  out(
    JSON.stringify(
      {
        ...body,
        derived: {
          level: agency?.level,
          categories: agency?.categories,
          endpoint: agency?.endpoint,
          renamedFrom,
          routedHere: routes,
        },
      },
      null,
      2,
    ),
  );
  return 0;
}

function check(): number {
  const r = checkDirectory();
  for (const e of r.errors) out(`ERROR ${e}`);
  if (r.errors.length) {
    out(`${r.errors.length} error(s)`);
    return 1;
  }
  const section = (title: string, lines: string[]) => {
    if (!lines.length) return;
    out(`WARNING ${title} (${lines.length}):`);
    for (const l of lines) out(`  ${l}`);
  };
  section('bodies no rule can reach', r.unreachable);
  section('categories with no route in some state', r.noRoute);
  section('places that resolve to two councils (the bot asks)', r.ambiguous);
  section('other', r.other);
  section('deadline data (data/holidays, data/deadlines.json)', checkDeadlineData());
  out(`${r.bodies} bodies checked: schema OK`);
  return 0;
}

function main(argv: string[]): number {
  const [cmd, arg] = argv;
  if (cmd === 'list') {
    list();
    return 0;
  }
  if (cmd === 'show') return show(arg);
  if (cmd === 'check') return check();
  process.stderr.write('usage: npm run agencies -- list | show <id> | check\n');
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`agencies: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
