/** A minimal multipart/form-data parser for Direct Line uploads (whole body already in memory and bounded). */

/** One part of a multipart body. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer;
}

/** The body is not well-formed multipart/form-data. */
export class MultipartError extends Error {
  readonly code = 'MULTIPART_INVALID';
}

/** The boundary from a Content-Type header, or null when it is not multipart/form-data. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

/** Split a multipart body into its parts. At most `maxParts` parts. */
export function parseMultipart(body: Buffer, boundary: string, maxParts = 10): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('No multipart boundary found');
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new MultipartError('Part headers not terminated');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new MultipartError('Part not terminated');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers);
    if (!disposition) throw new MultipartError('Part without Content-Disposition');
    const name = /\bname="([^"]*)"/i.exec(disposition[1])?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(disposition[1])?.[1];
    const contentType =
      /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1].trim().toLowerCase() ?? 'text/plain';
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      contentType,
      data: body.subarray(headerEnd + 4, next),
    });
    if (parts.length > maxParts) throw new MultipartError('Too many parts');
    pos = next + 2;
  }
  return parts;
}
