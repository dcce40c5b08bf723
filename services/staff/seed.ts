/**
 * Demo accounts from data/staff.json, for local use only. Seeded when enabled (never in production); when disabled,
 * any demo account left in the database from an earlier local run is disabled and logged out, because its password
 * is public.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { StaffError } from './errors';
import { emailSchema, type StaffRepository } from './repository';
import type { SessionStore } from './sessions';

/** Where the demo accounts live. */
export const DEFAULT_STAFF_FILE = resolve(__dirname, '..', '..', 'data', 'staff.json');

const accountSchema = z
  .object({
    email: emailSchema,
    role: z.enum(['staff', 'admin']),
    agencyId: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/)
      .nullable(),
    password: z.string().min(8),
  })
  .refine((a) => a.role === 'admin' || a.agencyId !== null, { message: 'staff accounts need an agencyId' });

/** One demo account as written in the file. */
export type DemoAccount = z.infer<typeof accountSchema>;

/** Read and validate the demo-account file; throws SEED_INVALID. */
export function loadDemoAccounts(file = DEFAULT_STAFF_FILE): DemoAccount[] {
  const parsed = z
    .object({ accounts: z.array(accountSchema) })
    .safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new StaffError('SEED_INVALID', `${file}: ${i.path.join('.')}: ${i.message}`);
  }
  return parsed.data.accounts;
}

/** Create the missing demo accounts (existing ones are left as they are). Returns how many were created. */
export async function seedDemoAccounts(repo: StaffRepository, accounts: DemoAccount[]): Promise<number> {
  let created = 0;
  for (const a of accounts) {
    if (await repo.findByEmail(a.email)) continue;
    try {
      await repo.add({
        email: a.email,
        password: a.password,
        agencyId: a.agencyId,
        role: a.role,
        demo: true,
      });
      created++;
    } catch (err) {
      if ((err as StaffError).code !== 'EMAIL_TAKEN') throw err; // another process seeded it first
    }
  }
  return created;
}

/** Disable every demo account and end its sessions (demo accounts are off). Returns how many were disabled. */
export async function disableDemoAccounts(repo: StaffRepository, sessions: SessionStore): Promise<number> {
  const demo = await repo.col.find({ demo: true, disabled: false }, { projection: { _id: 1 } }).toArray();
  for (const d of demo) {
    await repo.col.updateOne({ _id: d._id }, { $set: { disabled: true, updatedAt: new Date() } });
    await sessions.endAllFor(d._id);
  }
  return demo.length;
}

/** The startup lines listing demo logins (the lead prints them). */
export function demoLoginLines(url: string, accounts: DemoAccount[]): string {
  const width = Math.max(...accounts.map((a) => a.email.length));
  const rows = accounts.map(
    (a) => `    ${(a.agencyId ?? 'admin').padEnd(9)} ${a.email.padEnd(width)}  ${a.password}`,
  );
  return [
    `  Staff dashboard: ${url}  (demo logins below: local use only; STAFF_DEMO_ACCOUNTS=false turns them off)`,
    ...rows,
  ].join('\n');
}
