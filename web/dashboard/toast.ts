/** One polite live region for "done" messages (status changed, reply sent …); cleared after a few seconds. */
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<(text: string) => void>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** Announce a message to screen readers and show it. */
export function announce(text: string): void {
  for (const fn of listeners) fn(text);
  clearTimeout(timer);
  timer = setTimeout(() => listeners.forEach((fn) => fn('')), 6000);
}

/** Preact hook: the message now shown. */
export function useToast(): string {
  const [text, setText] = useState('');
  useEffect(() => {
    listeners.add(setText);
    return () => void listeners.delete(setText);
  }, []);
  return text;
}
