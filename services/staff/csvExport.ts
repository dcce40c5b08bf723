/**
 * CSV export of an inbox list: header row in the staff's language, one row per record, built in small batches
 * from a cursor (never the whole list in memory).
 *
 * Contact details (name, phone, email) are written only for a record whose citizen consented to be contacted and
 * did not file anonymously, AND only to staff of that record's own body: an administrator's export across bodies
 * (or anyone else's) leaves the three columns empty. Internal notes, the citizen's channel and keys are never
 * exported. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first; not a plain number or phone
 * number) are prefixed with "'".
 */
import type { FeedbackRecord, Language } from '../feedback/types';
import type { Translate } from '../i18n';
import { formatMalaysian } from './csvDates';
import { dueView, supportersOf } from './inbox';
import type { DeadlineView } from './deadlineView';
import type { Viewer } from './feedbackQueries';

/** Columns in order (their header is `dashboard:inbox.csv.<column>`). */
export const CSV_COLUMNS = [
  'reference',
  'type',
  'category',
  'status',
  'body',
  'filed',
  'place',
  'text',
  'assignee',
  'acknowledgeBy',
  'resolveBy',
  'due',
  'lastActivity',
  'supporters',
  'rating',
  'ratingComment',
  'mergedInto',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;

/** Fields a CSV row needs (the cursor's projection). */
export const CSV_PROJECTION: Record<string, 1> = {
  _id: 1,
  type: 1,
  category: 1,
  status: 1,
  agencyId: 1,
  text: 1,
  location: 1,
  createdAt: 1,
  updatedAt: 1,
  statusHistory: 1,
  assignee: 1,
  supporters: 1,
  rating: 1,
  mergedInto: 1,
  anonymous: 1,
  consent: 1,
  contact: 1,
};

/** One CSV cell: quoted when needed, formula-looking text defused. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A plain number or phone number ("+60 12-345 6789") is no formula; anything else starting like one is defused.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-]?[\d\s().-]+$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV line from cells (CRLF, as RFC 4180). */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Whether this viewer may see this record's contact details in an export. */
export function mayExportContact(
  viewer: Viewer,
  r: Pick<FeedbackRecord, 'agencyId' | 'consent' | 'anonymous'>,
): boolean {
  return (
    viewer.role === 'staff' &&
    !!viewer.agencyId &&
    viewer.agencyId === r.agencyId &&
    r.consent?.contact === true &&
    !r.anonymous
  );
}

/** What rows need to be written. */
export interface CsvContext {
  t: Translate;
  lang: Language;
  viewer: Viewer;
  agencyName(id: string, lang: Language): string;
  deadlineOf(r: FeedbackRecord): DeadlineView;
  /** Officer names by staff id (resolved per batch). */
  names: Map<string, string>;
}

/** The header line in the staff's language (with a BOM so spreadsheets read UTF-8). */
export function csvHeader(t: Translate, lang: Language): string {
  return `\uFEFF${csvLine(CSV_COLUMNS.map((c) => t(lang, `dashboard:inbox.csv.${c}`)))}`;
}

/** One record as a CSV line. */
export function csvRow(ctx: CsvContext, r: FeedbackRecord): string {
  const { t, lang } = ctx;
  const d = ctx.deadlineOf(r);
  const due = dueView(d);
  const contact = mayExportContact(ctx.viewer, r) ? r.contact : undefined;
  const staffId = r.assignee?.staffId;
  return csvLine([
    r._id,
    t(lang, `dashboard:type.${r.type}`),
    t(lang, `categories:${r.category}.label`),
    t(lang, `dashboard:status.${r.status}`),
    r.agencyId ? ctx.agencyName(r.agencyId, lang) : '',
    formatMalaysian(r.createdAt),
    r.location?.place ?? r.location?.text ?? '',
    r.text,
    staffId ? (ctx.names.get(staffId) ?? '') : '',
    formatMalaysian(due.ackBy),
    formatMalaysian(due.resolveBy),
    t(lang, `dashboard:inbox.csv.dueState.${due.state}`),
    formatMalaysian(r.updatedAt ?? r.createdAt),
    supportersOf(r),
    r.rating?.score ?? '',
    r.rating?.comment ?? '',
    r.mergedInto ?? '',
    contact?.name ?? '',
    contact?.phone ?? '',
    contact?.email ?? '',
  ]);
}
