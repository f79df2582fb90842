// Who is signed in, shared with every screen.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Member } from './api/types';

export interface SessionApi {
  me: Member | null;
  setMe(m: Member | null): void;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionApi>({
  me: null,
  setMe: () => undefined,
  signOut: async () => undefined,
});

export const useSession = () => useContext(SessionContext);
