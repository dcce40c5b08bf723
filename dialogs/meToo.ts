/** Whether to offer "me too" for a draft, and with what: a small step the filing dialog calls once the place is known. */
import type { TurnContext } from 'botbuilder';
import { isSupportable } from '../services/similar/meToo';
import type { Draft } from './feedbackSummary';
import type { MeTooOptions } from './meTooDialog';
import type { DialogDeps } from './ports';

/**
 * The offer for this draft, or null: none when "me too" is not wired, the draft is neither a complaint nor a
 * suggestion, nothing similar of the same type is open, or everything found was already offered (the citizen chose "File mine anyway" and then edited the draft).
 * A failed look-up never stops a filing.
 */
export async function offerMeToo(
  context: TurnContext,
  deps: DialogDeps,
  draft: Draft,
): Promise<MeTooOptions | null> {
  if (!deps.meToo || !isSupportable(draft.type) || !draft.category) return null;
  const activity = context.activity;
  try {
    const found = await deps.meToo.similar({
      type: draft.type,
      category: draft.category,
      text: draft.text ?? '',
      location: draft.location ?? null,
      ...(draft.placeFromText ? { placeFromText: draft.placeFromText } : {}),
      agencyId: draft.agencyId ?? null,
      citizenKey: deps.feedback.citizenKey(activity.channelId, activity.from?.id ?? 'unknown'),
    });
    const offered = new Set(draft.meTooOffered ?? []);
    if (found.matches.length === 0 || found.matches.every((m) => offered.has(m.reference))) return null;
    draft.meTooOffered = [...offered, ...found.matches.map((m) => m.reference)];
    return { type: draft.type, matches: found.matches, people: found.people };
  } catch {
    return null;
  }
}
