/**
 * Reading what staff type: the verb (English or Malay) is matched by the Application's routes; these helpers read
 * the arguments after it: a reference, a status word (id, English or Malay label), a note or a message.
 */
import { parseReference } from '../../../services/feedback/reference';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../../../services/feedback/types';
import type { Localizer } from '../../../services/i18n';
import { AGENCY_STATUSES } from '../../../services/status/statusService';
import { TeamsError } from './errors';

/** Verbs of each command, English first. Routes are built from these. */
export const VERBS = {
  help: ['help', 'bantuan', '?'],
  list: ['list', 'senarai'],
  show: ['show', 'lihat', 'open', 'buka'],
  status: ['status'],
  reply: ['reply', 'balas'],
  link: ['link', 'pautkan'],
  unlink: ['unlink', 'nyahpaut'],
} as const;

/** A regular expression matching a message that starts with one of `verbs` (whole word). */
export function verbPattern(verbs: readonly string[], alone = false): RegExp {
  const alt = verbs.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(alone ? `^\\s*(?:${alt})\\s*$` : `^\\s*(?:${alt})(?=\\s|$)`, 'i');
}

/** A message that is only a reference (opens it). */
export const BARE_REFERENCE = /^\s*(?:SRA[\s-]?)?[0-9A-Z]{4}[\s-]?[0-9A-Z]{4}\s*$/i;

const REFERENCE_TOKEN = /^(SRA[\s-]?[0-9A-Z]{4}[\s-]?[0-9A-Z]{4}(?=\s|$)|\S+)\s*([\s\S]*)$/i;

/** The text after the first word. */
export function afterVerb(text: string): string {
  return text.trim().replace(/^\S+\s*/, '');
}

/** Split "<reference> <rest>"; throws REFERENCE_MISSING or REFERENCE_INVALID. */
export function takeReference(args: string, example = 'SRA-ABCD-EFGH'): { reference: string; rest: string } {
  const m = REFERENCE_TOKEN.exec(args.trim());
  if (!m) throw new TeamsError('REFERENCE_MISSING', { example });
  const parsed = parseReference(m[1]!);
  if (!parsed.ok) throw new TeamsError('REFERENCE_INVALID', { input: m[1]!.slice(0, 40) });
  return { reference: parsed.reference, rest: m[2]!.trim() };
}

/** Every word that names a status, lower case, longest first. */
export type StatusAliases = [alias: string, status: FeedbackStatus][];

/** Status names staff may type: ids ("in_progress", "in-progress") and the English and Malay labels. */
export function statusAliases(l10n: Localizer): StatusAliases {
  const out = new Map<string, FeedbackStatus>();
  for (const s of FEEDBACK_STATUSES) {
    for (const a of [
      s,
      s.replace('_', '-'),
      s.replace('_', ' '),
      s.replace('_', ''),
      ...l10n.all(`teams:status.${s}`),
    ]) {
      out.set(a.toLowerCase(), s);
    }
  }
  return [...out.entries()].sort((a, b) => b[0].length - a[0].length);
}

/** The status at the start of `text` and what follows it, or null. */
export function takeStatus(
  text: string,
  aliases: StatusAliases,
): { status: FeedbackStatus; rest: string } | null {
  const lower = text.toLowerCase();
  for (const [alias, status] of aliases) {
    if (lower.startsWith(alias) && (lower.length === alias.length || /[\s,.:;]/.test(lower[alias.length]!))) {
      return { status, rest: text.slice(alias.length).replace(/^[\s,.:;-]+/, '') };
    }
  }
  return null;
}

/** Statuses staff may set (every status but `received` and `sent`). */
export function isAgencyStatus(s: FeedbackStatus): boolean {
  return (AGENCY_STATUSES as FeedbackStatus[]).includes(s);
}
