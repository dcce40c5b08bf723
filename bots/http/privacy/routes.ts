/**
 * The one-time "download my data" link (PDPA access). `GET /privacy/export/<token>` shows a small bilingual page
 * with a Download button and does NOT use the link: chat apps and mail scanners open links to preview them, and
 * would otherwise spend it. The button POSTs to the same address, which uses the link (once) and answers the file
 * as an attachment that no cache keeps. An unknown, used or expired link answers 410 with how to get a new one.
 */
import type { Request, Response, Server } from 'restify';
import { EXPORT_PATH, type CitizenData } from '../../../services/privacy';
import type { Localizer } from '../../../services/i18n';
import type { Logger } from '../../../services/log';

/** What the route needs. */
export interface PrivacyRouteDeps {
  privacy: Pick<CitizenData, 'exportLinkLive' | 'takeExport' | 'useBaseUrl'>;
  l10n: Localizer;
  /** Public base URL the chat's links point to (PUBLIC_URL, else the server's own address). */
  baseUrl: string;
  log: Logger;
}

const NO_STORE = {
  'Cache-Control': 'no-store, max-age=0',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(l10n: Localizer, live: boolean): string {
  const block = (lang: 'ms' | 'en') => {
    const t = (k: string) => escapeHtml(l10n.t(lang, `privacy:page.${k}`));
    const body = live
      ? `<p>${t('intro')}</p><form method="post"><button type="submit">${t('button')}</button></form>`
      : `<p>${t('gone')}</p>`;
    return `<section lang="${lang}"><h1>${t('title')}</h1>${body}</section>`;
  };
  return (
    '<!doctype html><html lang="ms"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(l10n.t('ms', 'privacy:page.title'))}</title>` +
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}' +
    'button{font:inherit;padding:.6rem 1.2rem}section+section{border-top:1px solid #ccc;margin-top:2rem}</style>' +
    `</head><body>${block('ms')}${block('en')}</body></html>`
  );
}

function sendPage(res: Response, status: number, html: string): void {
  res.writeHead(status, {
    ...NO_STORE,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  res.end(html);
}

/** Mount the download route and point the chat's links at `baseUrl`. */
export function mountPrivacyRoutes(server: Server, deps: PrivacyRouteDeps): void {
  deps.privacy.useBaseUrl(deps.baseUrl);
  const path = `${EXPORT_PATH}/:token`;
  server.get(path, async (req: Request, res: Response) => {
    try {
      const live = await deps.privacy.exportLinkLive(String(req.params.token ?? ''));
      sendPage(res, live ? 200 : 410, page(deps.l10n, live));
    } catch (err) {
      deps.log.error('privacy.export_page_failed', { name: (err as Error).name });
      sendPage(res, 500, '');
    }
  });
  server.post(path, async (req: Request, res: Response) => {
    req.resume(); // the form has no body worth reading
    try {
      const file = await deps.privacy.takeExport(String(req.params.token ?? ''));
      if (!file) {
        sendPage(res, 410, page(deps.l10n, false));
        return;
      }
      const day = file.generatedAt.toISOString().slice(0, 10);
      res.writeHead(200, {
        ...NO_STORE,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="suara-data-${day}.json"`,
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
      res.end(JSON.stringify(file, null, 2));
      deps.log.info('privacy.export_downloaded', { channel: file.channelId });
    } catch (err) {
      deps.log.error('privacy.export_failed', { name: (err as Error).name });
      sendPage(res, 500, '');
    }
  });
}
