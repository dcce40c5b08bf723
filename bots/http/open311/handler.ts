/**
 * Our Open311 GeoReport v2 server, framework-free: `handle()` takes method, path below `/open311/v2/`, query and
 * form, and returns status + body. Routes: discovery, services, services/{code}, requests (GET, POST),
 * requests/{id}. The format is the path suffix (`.json` or `.xml`).
 */
import type { FeedbackRepository, PublicRequestQuery } from '../../../services/feedback/repository';
import type { NewFeedback } from '../../../services/feedback/service';
import { parseReference } from '../../../services/feedback/reference';
import type { FeedbackRecord, Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import { isServiceCode, serviceDefinition, services } from '../../../services/open311/catalog';
import type { IntegratorKeys } from '../../../services/open311/integrators';
import { CLOSED_STATUSES, formToFeedback, toOpen311Request } from '../../../services/open311/mapping';
import { render, renderErrors, type Format, type Rendered } from '../../../services/open311/render';

/** Dependencies of the server. */
export interface Open311ServerDeps {
  feedback: Pick<FeedbackRepository, 'get' | 'publicRequests'>;
  /** Files feedback exactly as the chat channels do (the lead's FeedbackService.file). */
  fileFeedback: (input: NewFeedback) => Promise<{ reference: string }>;
  keys: IntegratorKeys;
  t: Translate;
  /** Absolute base URL of this server's `/open311/v2` (for discovery). */
  baseUrl: string;
  jurisdictionId?: string;
  defaultLanguage?: Language;
  contact?: string;
  agencyName?: (agencyId: string, lng: Language) => Promise<string | undefined>;
  now?: () => Date;
}

/** One request to the server. */
export interface Open311Call {
  method: string;
  /** Path below /open311/v2/, e.g. `requests.json`. */
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  language: Language;
}

/** Status plus rendered body. */
export type Open311Reply = Rendered & { status: number };

const DAY = 86_400_000;
const CHANGESET = '2025-01-01T00:00:00Z';

/** Handle one call. Never throws for bad input. */
export async function handleOpen311(call: Open311Call, deps: Open311ServerDeps): Promise<Open311Reply> {
  const m = /^(.*)\.(json|xml)$/.exec(call.path.replace(/^\/+/, ''));
  const lng = call.language;
  const err = (status: number, key: string, format: Format = 'json', detail?: string): Open311Reply => ({
    status,
    ...renderErrors(format, [
      { code: status, description: deps.t(lng, `notifications:api.${key}`, { detail }) },
    ]),
  });
  if (!m) return err(404, 'notFoundPath');
  const [, route, format] = m as unknown as [string, string, Format];
  const ok = (r: Rendered, status = 200): Open311Reply => ({ status, ...r });
  const jurisdiction = call.query.get('jurisdiction_id') ?? call.form.get('jurisdiction_id');
  if (jurisdiction && deps.jurisdictionId && jurisdiction !== deps.jurisdictionId) {
    return err(404, 'badRequest', format, 'unknown jurisdiction_id');
  }
  const get = call.method === 'GET';
  if (get && route === 'discovery') return ok(render(format, discovery(deps), 'discovery'));
  if (get && route === 'services') return ok(render(format, services(deps.t, lng), 'services', 'service'));
  const svc = /^services\/([^/]+)$/.exec(route);
  if (get && svc) {
    if (!isServiceCode(svc[1])) return err(404, 'unknownService', format);
    return ok(render(format, serviceDefinition(svc[1]), 'service_definition'));
  }
  if (route === 'requests' && call.method === 'POST') return postRequest(call, deps, format, err);
  if (route === 'requests' && get) return listRequests(call, deps, format, err);
  const one = /^requests\/([^/]+)$/.exec(route);
  if (get && one) {
    const ref = parseReference(decodeURIComponent(one[1]!));
    const rec = ref.ok ? await deps.feedback.get(ref.reference) : null;
    if (!rec) return err(404, 'requestNotFound', format);
    return ok(render(format, await view([rec], call, deps), 'service_requests', 'request'));
  }
  return err(404, 'notFoundPath', format);
}

type Err = (status: number, key: string, format?: Format, detail?: string) => Open311Reply;

function discovery(deps: Open311ServerDeps) {
  return {
    changeset: CHANGESET,
    contact: deps.contact ?? 'See the Suara README for the integration guide.',
    key_service: 'Ask the Suara operators for an api_key; see data/integrators.json.',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: deps.baseUrl,
        changeset: CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

async function postRequest(
  call: Open311Call,
  deps: Open311ServerDeps,
  format: Format,
  err: Err,
): Promise<Open311Reply> {
  const integrator = deps.keys.identify(call.form.get('api_key') ?? call.query.get('api_key'));
  if (!integrator) return err(403, 'badApiKey', format);
  const parsed = formToFeedback(call.form, integrator, deps.defaultLanguage ?? 'ms');
  if (!parsed.ok) return err(parsed.problem.status, parsed.problem.key, format, parsed.problem.detail);
  const { reference } = await deps.fileFeedback(parsed.feedback);
  const accountId = call.form.get('account_id');
  const row = { service_request_id: reference, service_notice: '', account_id: accountId ?? null };
  return { status: 200, ...render(format, [row], 'service_requests', 'request') };
}

async function listRequests(
  call: Open311Call,
  deps: Open311ServerDeps,
  format: Format,
  err: Err,
): Promise<Open311Reply> {
  const q = call.query;
  const filter: PublicRequestQuery = { limit: 1000 };
  const ids = q.get('service_request_id');
  if (ids) {
    const refs = ids
      .split(',')
      .map((s) => parseReference(s.trim()))
      .filter((r) => r.ok)
      .map((r) => (r as { reference: string }).reference);
    filter.references = refs;
  } else {
    const codes = q.get('service_code');
    if (codes) {
      const list = codes.split(',').map((s) => s.trim());
      if (!list.every(isServiceCode)) return err(400, 'unknownService', format);
      filter.categories = list;
    }
    const start = q.get('start_date');
    const end = q.get('end_date');
    const s = start ? Date.parse(start) : NaN;
    const e = end ? Date.parse(end) : NaN;
    if ((start && Number.isNaN(s)) || (end && Number.isNaN(e))) {
      return err(400, 'badRequest', format, 'start_date and end_date must be ISO 8601 date-times');
    }
    const now = (deps.now?.() ?? new Date()).getTime();
    const to = end ? e : start ? Math.min(s + 90 * DAY, now) : now;
    const from = start ? s : to - 90 * DAY;
    if (to < from) return err(400, 'badRequest', format, 'end_date is before start_date');
    if (to - from > 90 * DAY) return err(400, 'badRequest', format, 'the date span may not exceed 90 days');
    filter.createdFrom = new Date(from);
    filter.createdTo = new Date(to);
    const status = q.get('status');
    if (status) {
      const wanted = status.split(',').map((x) => x.trim().toLowerCase());
      if (!wanted.every((w) => w === 'open' || w === 'closed')) {
        return err(400, 'badRequest', format, 'status must be open or closed');
      }
      if (wanted.length === 1) {
        if (wanted[0] === 'closed') filter.statusIn = CLOSED_STATUSES;
        else filter.statusNotIn = CLOSED_STATUSES;
      }
    }
  }
  const recs = await deps.feedback.publicRequests(filter);
  return { status: 200, ...render(format, await view(recs, call, deps), 'service_requests', 'request') };
}

async function view(recs: FeedbackRecord[], call: Open311Call, deps: Open311ServerDeps) {
  const viewer = deps.keys.identify(call.query.get('api_key')) ?? undefined;
  const names = new Map<string, string | undefined>();
  const out = [];
  for (const r of recs) {
    if (r.agencyId && !names.has(r.agencyId))
      names.set(r.agencyId, await deps.agencyName?.(r.agencyId, call.language));
    out.push(
      toOpen311Request(r, {
        viewer,
        serviceName: deps.t(call.language, `categories:${r.category}.label`),
        agencyName: r.agencyId ? names.get(r.agencyId) : undefined,
      }),
    );
  }
  return out;
}
