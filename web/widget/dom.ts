/** Tiny DOM helpers (no framework) and the widget's inline SVG icons. */

/** Create an element with attributes and children. Text children are inserted as text, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean> = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

/** An inline SVG icon (24×24 path), hidden from assistive technology. */
export function icon(path: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', path);
  p.setAttribute('fill', 'currentColor');
  svg.append(p);
  return svg;
}

/** Icon paths. */
export const ICONS = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2z',
  send: 'M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z',
  pin: 'M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z',
  camera:
    'M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9z',
};

/** Append text to `el`, turning http(s) URLs into safe links; the text between links goes through `plain`. */
export function linkify(
  el: HTMLElement,
  text: string,
  plain: (s: string) => void = (s) => el.append(s),
): void {
  const re = /https?:\/\/[^\s<>"')]+/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    plain(text.slice(last, m.index));
    el.append(h('a', { href: m[0], target: '_blank', rel: 'noopener noreferrer' }, m[0]));
    last = m.index + m[0].length;
  }
  plain(text.slice(last));
}

/**
 * Copy `text` to the clipboard: the async Clipboard API, else (older browsers, pages without a secure context) a
 * hidden textarea in `root` and execCommand('copy'). Focus returns to where it was. Rejects when both fail.
 */
export async function copyText(text: string, root: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // no Clipboard API or not allowed here: fall back below
  }
  const back = (root.getRootNode() as ShadowRoot).activeElement as HTMLElement | null;
  const ta = h('textarea', { class: 'sr', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  ta.value = text;
  root.append(ta);
  ta.focus();
  ta.select();
  const ok = document.execCommand('copy');
  ta.remove();
  back?.focus();
  if (!ok) throw new Error('copy failed');
}

/** Foreground (#fff or #111) with at least 4.5:1 contrast on `hex`. */
export function readableOn(hex: string): string {
  const lum = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const n = parseInt(hex.slice(1), 16);
  const l = 0.2126 * lum((n >> 16) & 255) + 0.7152 * lum((n >> 8) & 255) + 0.0722 * lum(n & 255);
  return 1.05 / (l + 0.05) >= 4.5 ? '#fff' : '#111';
}

/** Downscale a photo to a JPEG of at most `max` px on its long side when it is large or not JPEG/PNG. */
export async function preparePhoto(file: File, max = 1600): Promise<Blob> {
  if (file.size < 1_500_000 && /^image\/(jpeg|png)$/.test(file.type)) return file;
  const bmp = await createImageBitmap(file);
  const scale = Math.min(1, max / Math.max(bmp.width, bmp.height));
  const canvas = h('canvas', {
    width: String(Math.round(bmp.width * scale)),
    height: String(Math.round(bmp.height * scale)),
  });
  canvas.getContext('2d')!.drawImage(bmp, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', 0.85),
  );
}
