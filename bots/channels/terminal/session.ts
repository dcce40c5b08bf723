/** Runs a terminal conversation over a readable stream: interactive (a TTY) or scripted (piped lines). */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { configureAdapter, type PipelineDeps } from '../../bot/pipeline';
import type { SuaraBot } from '../../bot/suaraBot';
import { TerminalAdapter } from './terminalAdapter';

/** Options of a terminal session. */
export interface TerminalSessionOptions {
  input: Readable;
  output: Writable;
  interactive: boolean;
  locale?: string;
  conversationId?: string;
}

/** Chat until the input ends; every bot reply is printed. Resolves when the input is exhausted. */
export async function runTerminalSession(
  core: { bot: SuaraBot; pipeline: PipelineDeps },
  opts: TerminalSessionOptions,
): Promise<TerminalAdapter> {
  const print = (line: string) => opts.output.write(`${line}\n`);
  const adapter = new TerminalAdapter({
    print,
    ...(opts.locale ? { locale: opts.locale } : {}),
    ...(opts.conversationId ? { conversationId: opts.conversationId } : {}),
  });
  configureAdapter(adapter, core.pipeline);
  const logic = (ctx: Parameters<typeof core.bot.run>[0]) => core.bot.run(ctx);
  await adapter.start(logic);
  const rl = createInterface({ input: opts.input, terminal: opts.interactive });
  if (opts.interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  // Lines are processed strictly one after another, even when piped faster than the bot answers.
  for await (const line of rl) {
    if (!opts.interactive) print(`> ${line}`);
    await adapter.receive(line, logic);
    if (opts.interactive) rl.prompt();
  }
  return adapter;
}
