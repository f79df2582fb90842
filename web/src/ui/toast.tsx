// Short messages at the bottom of the screen: confirmations, and every refusal the server
// gives (an optimistic change rolled back says so here). Read out by screen readers.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useMemo, useRef, useState } from 'preact/hooks';

interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface ToastApi {
  info(text: string, action?: Toast['action']): void;
  error(text: string): void;
}

const Ctx = createContext<ToastApi>({ info: () => undefined, error: () => undefined });

export const useToast = () => useContext(Ctx);

export function ToastProvider({ children }: { children: ComponentChildren }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (t: Omit<Toast, 'id'>) => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-2), { ...t, id }]);
      setTimeout(() => dismiss(id), t.kind === 'error' || t.action ? 9000 : 5000);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      info: (text, action) => push({ text, kind: 'info', ...(action ? { action } : {}) }),
      error: (text) => push({ text, kind: 'error' }),
    }),
    [push],
  );
  return (
    <Ctx.Provider value={api}>
      {children}
      <div class="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} class={`toast toast-${t.kind}`}>
            <p>{t.text}</p>
            {t.action && (
              <button
                type="button"
                class="btn btn-small"
                onClick={() => {
                  dismiss(t.id);
                  t.action!.run();
                }}
              >
                {t.action.label}
              </button>
            )}
            <button type="button" class="btn btn-small btn-icon" aria-label="Dismiss message" onClick={() => dismiss(t.id)}>
              ✕
            </button>
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}
