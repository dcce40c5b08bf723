/** Builds the embeddable widget (web/widget) with esbuild into public/build/widget.js; rebuilds only when stale. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Logger } from '../../../services/log';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '../../..');
/** The built bundle (JS with the CSS and both languages' strings inlined). */
export const WIDGET_OUT = path.join(ROOT, 'public/build/widget.js');
const ENTRY = path.join(ROOT, 'web/widget/main.ts');
const SOURCES = [
  path.join(ROOT, 'web/widget'),
  path.join(ROOT, 'locales/en/widget.json'),
  path.join(ROOT, 'locales/ms/widget.json'),
];

/** Raw and gzipped size of a build. */
export interface BuildResult {
  file: string;
  bytes: number;
  gzipBytes: number;
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** True when the bundle is missing or older than any widget source or widget string file. */
export function widgetIsStale(): boolean {
  if (!existsSync(WIDGET_OUT)) return true;
  const built = statSync(WIDGET_OUT).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

/**
 * Build the widget now (minified IIFE) and report its sizes. The file is replaced atomically (write a temporary file,
 * then rename), so several processes building at once never serve a half-written bundle.
 */
export async function buildWidget(): Promise<BuildResult> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile: WIDGET_OUT,
    write: false,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome87', 'firefox90', 'safari15'],
    // styles.css is inlined as a string (the shadow root's <style>), minified by esbuild's own CSS minifier.
    plugins: [
      {
        name: 'minified-css-text',
        setup(b) {
          b.onLoad({ filter: /\.css$/ }, async (args) => {
            const css = await readFile(args.path, 'utf8');
            const min = await esbuild.transform(css, { loader: 'css', minify: true, target: ['chrome87'] });
            return { contents: min.code.trim(), loader: 'text' };
          });
        },
      },
    ],
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const buf = Buffer.from(result.outputFiles[0]!.contents);
  mkdirSync(path.dirname(WIDGET_OUT), { recursive: true });
  const tmp = `${WIDGET_OUT}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, buf);
  renameSync(tmp, WIDGET_OUT);
  return { file: WIDGET_OUT, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
}

/** Build at start-up when stale; if esbuild is missing (production install), keep an existing bundle. */
export async function ensureWidgetBuilt(log: Logger): Promise<void> {
  if (!widgetIsStale()) return;
  try {
    const r = await buildWidget();
    log.info('webchat.widget_built', { bytes: r.bytes, gzipBytes: r.gzipBytes });
  } catch (e) {
    const missing = (e as { code?: string }).code === 'MODULE_NOT_FOUND';
    log.warn('webchat.widget_build_failed', {
      reason: missing ? 'esbuild is not installed' : (e as Error).message,
    });
    if (!existsSync(WIDGET_OUT)) log.warn('webchat.widget_missing', { fix: 'npx tsx bin/build.ts' });
  }
}
