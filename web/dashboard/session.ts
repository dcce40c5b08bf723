/** The signed-in staff member, shared with every view through a Preact context. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './types';

/** The session context (null before sign-in). */
export const SessionContext = createContext<Me | null>(null);

/** The signed-in staff member (null when signed out). */
export function useMe(): Me | null {
  return useContext(SessionContext);
}

/** True for an administrator (sees every body). */
export function isAdmin(me: Me | null): boolean {
  return me?.role === 'admin';
}

/** The staff member's id, when the server sends it (for "assign to me"). */
export function myId(me: Me | null): string | undefined {
  return me?.id ?? me?.staffId;
}
