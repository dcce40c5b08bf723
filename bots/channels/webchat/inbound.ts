/** Validation of activities posted by Direct Line clients (zod), before they are stored or reach the bot. */
import { z } from 'zod';
import { DirectLineHttpError } from './errors';

/** Largest accepted `text`, in UTF-8 bytes. */
export const MAX_TEXT_BYTES = 32 * 1024;
/** Largest accepted JSON body for one activity, in bytes. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;
/** contentType of the widget's "share my location" attachment. */
export const LOCATION_CONTENT_TYPE = 'application/vnd.suara.location+json';

const url = z
  .string()
  .max(2048)
  .regex(/^https?:\/\//i, 'must be an http(s) URL');

const attachment = z
  .object({
    contentType: z.string().min(1).max(200),
    contentUrl: url.optional(),
    content: z.unknown().optional(),
    name: z.string().max(200).optional(),
    thumbnailUrl: url.optional(),
  })
  .passthrough()
  .superRefine((a, ctx) => {
    if (a.contentType !== LOCATION_CONTENT_TYPE) return;
    const loc = z
      .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
      .passthrough()
      .safeParse(a.content);
    if (!loc.success) ctx.addIssue({ code: 'custom', message: 'location content needs numeric lat and lng' });
  });

/** The client-controlled fields we accept (others are dropped); id, from.id, conversation etc. are set by the server. */
export const inboundActivitySchema = z
  .object({
    type: z.enum(['message', 'event', 'typing', 'invoke']),
    text: z.string().optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .optional(),
    localTimestamp: z.string().max(40).optional(),
    localTimezone: z.string().max(60).optional(),
    from: z
      .object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() })
      .passthrough()
      .optional(),
    name: z.string().max(200).optional(),
    value: z.unknown().optional(),
    attachments: z.array(attachment).max(10).optional(),
    entities: z.array(z.record(z.unknown())).max(20).optional(),
    channelData: z.record(z.unknown()).optional(),
    replyToId: z.string().max(200).optional(),
  })
  .strip();

/** A validated inbound activity. */
export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** Validate an activity body; 400 with the first problem, 413 when the text is too long. */
export function parseInboundActivity(body: unknown): InboundActivity {
  const parsed = inboundActivitySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = `${issue.path.join('.') || 'activity'}: ${issue.message}`.slice(0, 200);
    throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail });
  }
  if (parsed.data.text !== undefined && Buffer.byteLength(parsed.data.text, 'utf8') > MAX_TEXT_BYTES) {
    throw new DirectLineHttpError(413, 'MessageSizeTooBig', 'textTooLong');
  }
  return parsed.data;
}
