/**
 * The inbox's own routes: officers to assign to, assign/unassign, internal notes, merging a duplicate, a stored
 * photo served inline, and the CSV export of any filtered list. Reads go through scoped queries, changes through
 * the StaffActionService (scope, change, audit, notify) like every other surface; another body's reference is a
 * FeedbackNotFoundError, answered 404 exactly like a missing one.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { parseReference } from '../../../services/feedback/reference';
import type { FeedbackRecord, Language } from '../../../services/feedback/types';
import type { UploadsRepository } from '../../../services/directline/uploads';
import {
  MAX_INTERNAL_NOTE,
  StaffActionInputError,
  staffActor,
  type StaffActionService,
} from '../../../services/staff/actionService';
import { CSV_PROJECTION, csvHeader, csvRow, type CsvContext } from '../../../services/staff/csvExport';
import { formatMalaysian } from '../../../services/staff/csvDates';
import { photoSource } from '../../../services/staff/itemView';
import { postItemAction, referenceOf } from './feedbackRoutes';
import { ApiError, requireSession, route, type Authed, type DashboardContext } from './http';
import { inboxQueryOf } from './inboxQuery';
import { staffLanguage, type ItemReader } from './itemDetail';

/** What the inbox routes need. */
export interface InboxRouteDeps {
  actions: StaffActionService;
  item: ItemReader;
  uploads: Pick<UploadsRepository, 'get'>;
  agencyName(id: string, lang: Language): string;
}

const assigneeSchema = z.object({
  staffId: z.union([z.null(), z.string().regex(/^(me|stf_[A-Za-z0-9]{1,64})$/)]),
});
const noteSchema = z.object({ text: z.string().max(MAX_INTERNAL_NOTE) });
const mergeSchema = z.object({ into: z.string().max(40) });
const BATCH = 200;

/** Run an inbox action, answering its input errors with 400. */
async function acting(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof StaffActionInputError) throw new ApiError(400, e.code);
    throw e;
  }
}

/** Add the inbox routes. */
export function mountInboxRoutes(server: Server, ctx: DashboardContext, deps: InboxRouteDeps): void {
  const { actions } = deps;
  const actor = (a: Authed) => staffActor(a.session, 'dashboard');

  server.get(
    '/dashboard/api/officers',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      const agency = new URL(req.url ?? '/', 'http://localhost').searchParams.get('agency') ?? undefined;
      res.send(200, await ctx.services.inbox.officers(a.session, agency));
    }),
  );

  postItemAction(server, ctx, deps.item, {
    action: 'assignee',
    schema: assigneeSchema,
    change: async (a, reference, { staffId }) => {
      const id = staffId === 'me' ? a.session.staffId : staffId;
      await acting(() => actions.assignOfficer(actor(a), reference, id));
    },
  });

  postItemAction(server, ctx, deps.item, {
    action: 'notes',
    schema: noteSchema,
    change: (a, reference, { text }) => acting(() => actions.addNote(actor(a), reference, text)),
  });

  postItemAction(server, ctx, deps.item, {
    action: 'merge',
    schema: mergeSchema,
    change: async (a, reference, { into }) => {
      const parsed = parseReference(into);
      if (!parsed.ok) throw new ApiError(400, 'MERGE_INVALID');
      await acting(() => actions.merge(actor(a), reference, parsed.reference));
      return parsed.reference;
    },
  });

  server.get(
    '/dashboard/api/feedback/:ref/photos/:n',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      const record = await actions.record(actor(a), referenceOf(req));
      await sendPhoto(record, Number(req.params?.n), deps.uploads, res);
    }),
  );

  server.get(
    '/dashboard/api/feedback.csv',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      await streamCsv(ctx, deps, a, req, res);
    }),
  );
}

/** Serve attachment `n` of a record inline: a Direct Line upload from the store, a Telegram photo by its signed link. */
async function sendPhoto(
  record: FeedbackRecord,
  n: number,
  uploads: Pick<UploadsRepository, 'get'>,
  res: Response,
): Promise<void> {
  const attachment = Number.isInteger(n) && n >= 0 ? record.attachments?.[n] : undefined;
  const source = attachment ? photoSource(attachment) : null;
  if (source?.kind === 'telegram') {
    // The bot token never reaches us here: the signed, token-free proxy link fetches it from Telegram.
    res.setHeader('location', source.url);
    res.send(302);
    return;
  }
  // The upload id is unguessable and comes from the record's own attachment (a record the actor may see).
  const upload = source?.kind === 'upload' ? await uploads.get(source.id) : null;
  if (!upload) throw new ApiError(404, 'PHOTO_NOT_FOUND');
  res.writeHead(200, {
    'content-type': upload.contentType,
    'content-length': String(upload.data.length),
    'content-disposition': 'inline',
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(upload.data);
}

/**
 * Stream the filtered list as CSV: a cursor in batches of BATCH rows (officer names resolved per batch), written
 * with back-pressure; the cursor is closed when the client goes away.
 */
async function streamCsv(
  ctx: DashboardContext,
  deps: InboxRouteDeps,
  a: Authed,
  req: Request,
  res: Response,
): Promise<void> {
  const lang = staffLanguage(req);
  const query = inboxQueryOf(req, a.session);
  const { inbox } = ctx.services;
  const cursor = inbox.cursor(a.session, query, CSV_PROJECTION);
  const body =
    a.session.role === 'admin'
      ? (query.agency ?? ctx.t(lang, 'dashboard:inbox.csv.allBodies'))
      : a.session.agencyId;
  const filename = ctx.t(lang, 'dashboard:inbox.csv.filename', {
    body: String(body ?? 'none').replace(/[^a-z0-9_-]/gi, ''),
    date: formatMalaysian(new Date()).slice(0, 10),
  });
  let gone = false;
  req.on('close', () => {
    gone = true;
  });
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
  });
  const write = async (chunk: string) => {
    if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
  };
  const csv: CsvContext = {
    t: ctx.t,
    lang,
    viewer: a.session,
    agencyName: deps.agencyName,
    deadlineOf: (r) => inbox.deadline(r),
    names: new Map(),
  };
  const flush = async (batch: FeedbackRecord[]) => {
    const missing = batch.flatMap((r) =>
      r.assignee && !csv.names.has(r.assignee.staffId) ? [r.assignee.staffId] : [],
    );
    if (missing.length) for (const [k, v] of await inbox.namesOf(missing)) csv.names.set(k, v);
    await write(batch.map((r) => csvRow(csv, r)).join(''));
  };
  try {
    await write(csvHeader(ctx.t, lang));
    let batch: FeedbackRecord[] = [];
    for await (const r of cursor) {
      if (gone) break;
      batch.push(r);
      if (batch.length >= BATCH) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length && !gone) await flush(batch);
  } catch (e) {
    // Headers are sent: the cut-off file is the only signal left; the log says why (no personal data).
    ctx.log.error('csv export failed', { name: (e as Error).name, code: (e as { code?: unknown }).code });
  } finally {
    await cursor.close();
    res.end();
  }
}
