/**
 * Consultation results for the staff of the body that published them: `GET /dashboard/api/consultations` (the
 * caller's body's consultations; admins every body's), `…/:id/results` (counts per question and option, the 1–5
 * spread, the latest free-text answers) and `…/:id/results.csv` (every response, streamed from a cursor). Another
 * body's consultation answers 404 exactly like one that does not exist. Never a citizen key or a channel.
 */
import type { Request, Response, Server } from 'restify';
import type { ConsultationRepository } from '../../../services/consultations/repository';
import type { Answer, Consultation, ExportedResponse, Question } from '../../../services/consultations/types';
import type { Language } from '../../../services/feedback/types';
import { ApiError, languageOf, requireSession, route, type DashboardContext } from './http';

/** What the consultation routes need beyond the context. */
export interface ConsultationRouteDeps {
  consultations: Pick<
    ConsultationRepository,
    'get' | 'listForAgency' | 'responseCounts' | 'results' | 'textAnswers' | 'eachResponse'
  >;
  agencyName(agencyId: string, lang: Language): string;
  now?: () => Date;
}

type Scope = { agencyId: string | null; none?: boolean };

function scopeOf(session: { role: string; agencyId: string | null }): Scope {
  if (session.role === 'admin') return { agencyId: null };
  return session.agencyId ? { agencyId: session.agencyId } : { agencyId: null, none: true };
}

function stateOf(c: Consultation, now: Date): 'upcoming' | 'open' | 'closed' {
  return now < c.opensAt ? 'upcoming' : now < c.closesAt ? 'open' : 'closed';
}

/** The questions as the staff view draws them (texts and labels in both languages). */
function questionView(q: Question) {
  const base = { id: q.id, kind: q.kind, text: q.text, required: q.required };
  if (q.kind === 'choice') return { ...base, options: q.options };
  if (q.kind === 'scale') return { ...base, low: q.low, high: q.high };
  return base;
}

/** CSV field: quoted when needed; a leading = + - @ is neutralised so spreadsheets never run it as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function answerCell(q: Question, a: Answer | undefined, lang: Language): string {
  if (!a) return '';
  if (a.kind === 'choice' && q.kind === 'choice')
    return q.options.find((o) => o.id === a.value)?.label[lang] ?? a.value;
  return String(a.value);
}

function csvRow(c: Consultation, r: ExportedResponse, lang: Language): string {
  const cells = [
    r.firstSubmittedAt.toISOString(),
    r.submittedAt.toISOString(),
    r.language,
    String(r.revision),
    ...c.questions.map((q) =>
      answerCell(
        q,
        r.answers.find((a) => a.questionId === q.id),
        lang,
      ),
    ),
  ];
  return `${cells.map(csvField).join(',')}\r\n`;
}

async function writeChunk(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', () => resolve()));
}

/** Stream every response of `c` as CSV, header row in the staff member's language (`?lang=`, else Accept-Language). */
async function streamCsv(
  ctx: DashboardContext,
  deps: ConsultationRouteDeps,
  req: Request,
  res: Response,
  c: Consultation,
  at: Date,
): Promise<void> {
  const q = new URL(req.url ?? '/', 'http://x').searchParams.get('lang');
  const lang: Language = q === 'en' || q === 'ms' ? q : languageOf(req);
  const h = (k: string) => ctx.t(lang, `consultation:staff.csv.${k}`);
  const header = [
    h('first'),
    h('last'),
    h('language'),
    h('revision'),
    ...c.questions.map((x) => x.text[lang]),
  ];
  const day = at.toISOString().slice(0, 10);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="suara-consultation-${c.id}-${day}.csv"`,
  });
  // A BOM so spreadsheet programs read the Malay and English text as UTF-8.
  await writeChunk(res, `\ufeff${header.map(csvField).join(',')}\r\n`);
  try {
    for await (const r of deps.consultations.eachResponse(c.id)) await writeChunk(res, csvRow(c, r, lang));
    res.end();
  } catch (e) {
    // Headers are out: cut the download short (the client sees a failed transfer), never a half file marked done.
    ctx.log.warn('dashboard consultation csv failed', { name: (e as Error).name });
    res.destroy();
  }
}

/** Add the consultation routes. */
export function mountConsultationRoutes(
  server: Server,
  ctx: DashboardContext,
  deps: ConsultationRouteDeps,
): void {
  const now = () => (deps.now ?? (() => new Date()))();
  const names = (id: string) => ({ en: deps.agencyName(id, 'en'), ms: deps.agencyName(id, 'ms') });
  /** What the list and the results both say about a consultation: who, what, when, and its state at `at`. */
  const summary = (c: Consultation, at: Date) => ({
    id: c.id,
    agencyId: c.agencyId,
    agencyName: names(c.agencyId),
    title: c.title,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    state: stateOf(c, at),
  });

  /** The consultation of the URL if the caller may see it; otherwise 404 (missing or another body's). */
  const scoped = async (req: Request): Promise<Consultation> => {
    const a = await requireSession(ctx, req, { csrf: false });
    const scope = scopeOf(a.session);
    const c = await deps.consultations.get(String(req.params?.id ?? '').slice(0, 64));
    if (!c || scope.none || (scope.agencyId !== null && c.agencyId !== scope.agencyId))
      throw new ApiError(404, 'NOT_FOUND');
    return c;
  };

  server.get(
    '/dashboard/api/consultations',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      const scope = scopeOf(a.session);
      const list = scope.none ? [] : await deps.consultations.listForAgency(scope.agencyId);
      const counts = await deps.consultations.responseCounts(list.map((c) => c.id));
      const at = now();
      res.send(200, {
        items: list.map((c) => ({ ...summary(c, at), responses: counts.get(c.id) ?? 0 })),
      });
    }),
  );

  server.get(
    '/dashboard/api/consultations/:id/results',
    route(ctx, async (req, res) => {
      const c = await scoped(req);
      const [results, texts] = await Promise.all([
        deps.consultations.results(c.id),
        deps.consultations.textAnswers(c.id),
      ]);
      res.send(200, {
        consultation: { ...summary(c, now()), questions: c.questions.map(questionView) },
        results,
        texts,
      });
    }),
  );

  server.get(
    '/dashboard/api/consultations/:id/results.csv',
    route(ctx, async (req, res) => {
      const c = await scoped(req);
      await streamCsv(ctx, deps, req, res, c, now());
    }),
  );
}
