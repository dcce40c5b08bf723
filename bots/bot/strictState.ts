/**
 * botbuilder's BotState.saveChanges writes with eTag '*' (last writer wins). These subclasses keep the eTag that
 * was read at the start of the turn, so when two turns of one conversation run at once (two processes, a double
 * tap), only one can save; the other fails with StateConflictError and gets a polite "please send that again".
 */
import {
  ConversationState,
  UserState,
  calculateChangeHash,
  type Storage,
  type TurnContext,
} from 'botbuilder';

interface Cached {
  state: Record<string, unknown> & { eTag?: string };
  hash: string;
}

async function saveStrict(
  self: { storage: Storage; storageKey: (c: TurnContext) => string | Promise<string> },
  stateKey: symbol,
  context: TurnContext,
  force: boolean,
): Promise<void> {
  const cached = context.turnState.get(stateKey) as Cached | undefined;
  if (!force && (!cached || cached.hash === calculateChangeHash(cached.state))) return;
  const key = await self.storageKey(context);
  const state = cached?.state ?? {};
  await self.storage.write({ [key]: state });
  context.turnState.set(stateKey, { state, hash: calculateChangeHash(state) });
}

/**
 * Save several BotStates (conversation + user) with one storage write instead of one each: only those changed in
 * the turn, each with the eTag it was read with (a lost race throws StateConflictError from the storage).
 */
export async function saveStates(context: TurnContext, storage: Storage, states: object[]): Promise<void> {
  const changed: { stateKey: symbol; key: string; cached: Cached }[] = [];
  for (const s of states) {
    const stateKey = stateKeyOf(s);
    const cached = context.turnState.get(stateKey) as Cached | undefined;
    if (!cached || cached.hash === calculateChangeHash(cached.state)) continue;
    const key = await (
      s as unknown as { storageKey: (c: TurnContext) => string | Promise<string> }
    ).storageKey(context);
    changed.push({ stateKey, key, cached });
  }
  if (changed.length === 0) return;
  await storage.write(Object.fromEntries(changed.map((c) => [c.key, c.cached.state])));
  for (const { stateKey, cached } of changed)
    context.turnState.set(stateKey, { state: cached.state, hash: calculateChangeHash(cached.state) });
}

function stateKeyOf(state: object): symbol {
  return (state as unknown as { stateKey: symbol }).stateKey;
}

/** ConversationState with optimistic concurrency. */
export class StrictConversationState extends ConversationState {
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    await saveStrict(this as never, stateKeyOf(this), context, force);
  }
}

/** UserState with optimistic concurrency. */
export class StrictUserState extends UserState {
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    await saveStrict(this as never, stateKeyOf(this), context, force);
  }
}

/**
 * Load several BotStates (conversation + user) with one storage read instead of one each: the turn's first
 * MongoDB round trip. Afterwards `state.load()` finds them cached.
 */
export async function prefetchStates(
  context: TurnContext,
  storage: Storage,
  states: object[],
): Promise<void> {
  const keyed = await Promise.all(
    states.map(async (s) => ({
      stateKey: stateKeyOf(s),
      key: await (s as unknown as { storageKey: (c: TurnContext) => string | Promise<string> }).storageKey(
        context,
      ),
    })),
  );
  const items = await storage.read(keyed.map((k) => k.key));
  for (const { stateKey, key } of keyed) {
    const state = (items[key] as Cached['state'] | undefined) ?? {};
    context.turnState.set(stateKey, { state, hash: calculateChangeHash(state) });
  }
}
