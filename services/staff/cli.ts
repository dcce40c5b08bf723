/** The `npm run staff` commands (add, list, disable) over a database; output goes to the given writer. */
import type { Db } from 'mongodb';
import { StaffError } from './errors';
import { generatePassword } from './password';
import { StaffRepository } from './repository';
import { SessionStore } from './sessions';

/** How to use the command. */
export const USAGE = [
  'Usage:',
  '  npm run staff -- add <agencyId> <email> [--name "<name>"]   create a staff account (prints a password once)',
  '  npm run staff -- add admin <email>        create an administrator (sees every agency and unrouted feedback)',
  '  npm run staff -- list                     list accounts',
  '  npm run staff -- disable <email>          disable an account and end its sessions',
  '  npm run staff -- name <email> "<name>"    set the name colleagues and histories show',
].join('\n');

/** Run one command; returns the process exit code (0 ok, 1 refused, 2 usage). Never prints a stored secret. */
export async function runStaffCommand(
  args: string[],
  db: Db,
  agencyIds: string[],
  out: (line: string) => void,
): Promise<number> {
  const staff = new StaffRepository(db);
  await staff.ensureIndexes();
  const n = args.indexOf('--name');
  const name = n >= 0 ? args[n + 1] : undefined;
  if (n >= 0) args = [...args.slice(0, n), ...args.slice(n + 2)];
  const [cmd, a, b] = args;
  try {
    if (cmd === 'add' && a && b && args.length === 3) {
      const admin = a === 'admin';
      if (!admin && !agencyIds.includes(a)) {
        out(`Unknown agency "${a}". Known agencies: ${agencyIds.join(', ')}`);
        return 1;
      }
      const password = generatePassword();
      const p = await staff.add({
        email: b,
        password,
        agencyId: admin ? null : a,
        role: admin ? 'admin' : 'staff',
        ...(name ? { name } : {}),
      });
      out(`Created ${p.role} ${p.email}${p.agencyId ? ` for ${p.agencyId}` : ''}.`);
      out(`Password (shown once, store it safely): ${password}`);
      return 0;
    }
    if (cmd === 'list' && args.length === 1) {
      const all = await staff.list();
      if (!all.length) out('No staff accounts.');
      for (const p of all) {
        const flags = [p.disabled ? 'disabled' : 'active', ...(p.demo ? ['demo'] : [])].join(', ');
        out(
          `${(p.agencyId ?? (p.role === 'admin' ? 'admin' : '-')).padEnd(10)} ${p.email}  (${p.role}; ${flags})`,
        );
      }
      return 0;
    }
    if (cmd === 'name' && a && b && args.length === 3) {
      await staff.setName(a, b);
      out(`Name set for ${a}.`);
      return 0;
    }
    if (cmd === 'disable' && a && args.length === 2) {
      const p = await staff.disable(a);
      const ended = await new SessionStore(db, 0).endAllFor(p._id);
      out(`Disabled ${p.email}; ended ${ended} session(s).`);
      return 0;
    }
  } catch (e) {
    if (e instanceof StaffError) {
      const messages: Partial<Record<StaffError['code'], string>> = {
        EMAIL_INVALID: 'That is not a valid email address.',
        EMAIL_TAKEN: 'An account with that email already exists.',
        STAFF_NOT_FOUND: 'No account has that email.',
      };
      out(messages[e.code] ?? e.message);
      return 1;
    }
    throw e;
  }
  out(USAGE);
  return 2;
}
