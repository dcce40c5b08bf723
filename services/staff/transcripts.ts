/** The citizen's conversation as staff read it: message text only, citizen or bot, from the transcript store. */
import type { MongoTranscriptStore } from '../state/transcriptStore';
import type { TranscriptLine, TranscriptReader } from './itemView';

/** Most activities read for one item (a conversation is cut at the item's filing anyway). */
const MAX_READ = 1000;

/** A TranscriptReader over the transcript store (pages of 100, oldest first, stopping after `to`). */
export function transcriptReader(
  store: Pick<MongoTranscriptStore, 'getTranscriptActivities'>,
): TranscriptReader {
  return async (channelId, conversationId, from, to) => {
    const lines: TranscriptLine[] = [];
    let token: string | undefined;
    for (let read = 0; read < MAX_READ;) {
      const page = await store.getTranscriptActivities(channelId, conversationId, token, from);
      read += page.items.length;
      for (const a of page.items) {
        const at = new Date(String(a.timestamp ?? ''));
        if (Number.isNaN(at.getTime())) continue;
        if (at.getTime() > to.getTime()) return lines;
        if (a.type !== 'message' || typeof a.text !== 'string' || !a.text.trim()) continue;
        const role = (a.from as { role?: unknown } | undefined)?.role;
        lines.push({ at, from: role === 'user' ? 'citizen' : 'bot', text: a.text });
      }
      if (!page.continuationToken) break;
      token = page.continuationToken;
    }
    return lines;
  };
}
