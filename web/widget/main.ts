/**
 * Entry of widget.js. Embed: `<script src="https://<host>/widget.js" data-site="dbkl" data-lang="ms" async></script>`
 * (optional `data-consultation="<id>"` opens that public consultation).
 * Reads its own tag, fetches the site's public look, and mounts the widget in a shadow root. Never throws into
 * the host page.
 */
import { toLang } from './i18n';
import { Widget } from './widget';

interface PublicSite {
  name: { en: string; ms: string };
  theme: { primary: string; logoUrl: string | null };
  defaultLanguage: 'en' | 'ms';
}

async function boot(script: HTMLScriptElement): Promise<void> {
  const site = script.dataset.site ?? '';
  const base = new URL(script.src, location.href).origin;
  const res = await fetch(`${base}/webchat/sites/${encodeURIComponent(site)}`, { credentials: 'omit' });
  if (!res.ok) throw new Error(`unknown site "${site}"`);
  const s = (await res.json()) as PublicSite;
  const host = document.createElement('suara-webchat');
  host.setAttribute('style', 'all:initial');
  document.body.append(host);
  new Widget(host.attachShadow({ mode: 'open' }), {
    base,
    site,
    lang: toLang(script.dataset.lang, s.defaultLanguage),
    name: s.name,
    primary: s.theme.primary,
    logoUrl: s.theme.logoUrl,
    ...(/^[a-z][a-z0-9_-]{0,61}$/.test(script.dataset.consultation ?? '')
      ? { consultation: script.dataset.consultation }
      : {}),
  });
}

const me = (document.currentScript ??
  document.querySelector('script[src*="widget.js"][data-site]')) as HTMLScriptElement | null;
const start = (): void => {
  if (me && !document.querySelector('suara-webchat')) {
    boot(me).catch((e: Error) => console.warn(`Suara web chat: ${e.message}`));
  }
};
if (document.body) start();
else addEventListener('DOMContentLoaded', start);
