/**
 * What every esbuild bundle of the browser code (the widget, the staff dashboard, the open-data page) shares:
 * "is it stale?", an atomic write (so parallel builds never serve half a file), and "build at start-up when stale,
 * keep an existing bundle when esbuild is missing (a production install)".
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuildOptions, OutputFile } from 'esbuild';
import type { Logger } from '../../services/log';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The esbuild options every browser bundle shares: one minified IIFE for the browsers Suara supports, kept in memory
 * (the caller writes it atomically), no legal comments, no esbuild logging.
 */
const BROWSER_BUNDLE = {
  write: false,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome87', 'firefox90', 'safari15'],
  legalComments: 'none',
  logLevel: 'silent',
} satisfies BuildOptions;

/**
 * Bundle browser code with esbuild (loaded only now: a production install may not have it) and the options every
 * browser bundle shares; `options` adds the bundle's own (entry point, JSX, plugins). The files stay in memory.
 */
export async function bundleForBrowsers(options: Omit<BuildOptions, 'write'>): Promise<OutputFile[]> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ ...BROWSER_BUNDLE, ...options });
  return result.outputFiles;
}

/** A written file and its raw and gzipped size. */
export interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The newest modification time under `p` (a file or a folder, recursively); 0 when missing. */
export function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** True when any output is missing or older than any source (files or folders). */
export function isStale(outputs: string[], sources: string[]): boolean {
  if (outputs.some((o) => !existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return sources.some((s) => newestMtime(s) > built);
}

/** Write a file atomically (a temporary file, then rename) and report its sizes. */
export function writeAtomically(file: string, contents: Uint8Array): BuiltFile {
  const buf = Buffer.from(contents);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, buf);
  renameSync(tmp, file);
  return { file, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
}

/** One bundle as the server sees it at start-up. */
export interface Bundle {
  /** Log event prefix, e.g. `dashboard`. */
  name: string;
  /** The file a page cannot work without (checked after a failed build). */
  main: string;
  stale(): boolean;
  build(): Promise<BuiltFile>;
}

/** Build at start-up when stale; if the build fails (e.g. esbuild is missing), keep an existing bundle and warn. */
export async function ensureBuilt(bundle: Bundle, log: Logger): Promise<void> {
  if (!bundle.stale()) return;
  try {
    const r = await bundle.build();
    log.info(`${bundle.name}.built`, { bytes: r.bytes, gzipBytes: r.gzipBytes });
  } catch (e) {
    const missing = (e as { code?: string }).code === 'MODULE_NOT_FOUND';
    log.warn(`${bundle.name}.build_failed`, {
      reason: missing ? 'esbuild is not installed' : (e as Error).name,
    });
    if (!existsSync(bundle.main)) log.warn(`${bundle.name}.bundle_missing`, { fix: 'npm run build' });
  }
}
