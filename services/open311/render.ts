/** JSON and XML bodies in the shapes GeoReport v2 specifies (XML via fast-xml-parser's XMLBuilder). */
import { XMLBuilder } from 'fast-xml-parser';

/** Response formats by path suffix. */
export type Format = 'json' | 'xml';

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false });

/** A rendered body. */
export interface Rendered {
  contentType: string;
  body: string;
}

/** Render `data` as JSON, or as XML with `root` wrapping a list of `item` elements (or a single object). */
export function render(format: Format, data: unknown, root: string, item?: string): Rendered {
  if (format === 'json')
    return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(data) };
  const content = item ? { [item]: (data as unknown[]).map(xmlValue) } : xmlValue(data);
  const xml = builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    [root]: content,
  }) as string;
  return { contentType: 'text/xml; charset=utf-8', body: xml };
}

/** Nulls become empty elements, booleans "true"/"false"; arrays of objects keep their element names from callers. */
function xmlValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(xmlValue);
  if (typeof v === 'object')
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, xmlValue(x)]));
  return String(v);
}

/** GeoReport v2 error list. */
export function renderErrors(format: Format, errors: { code: number; description: string }[]): Rendered {
  return render(format, errors, 'errors', 'error');
}
