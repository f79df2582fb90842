// The notification centre: what happened that concerns me, newest first; opening one marks it
// read and goes to its card; "Mark all read" clears the bell.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { Notification } from '../api/types';
import { formatAgo } from '../lib/format';
import { describeNotification, targetOf } from '../lib/notify';
import { navigate, paths } from '../lib/router';
import { unread } from '../lib/unread';
import { Empty } from '../ui/Empty';
import { useToast } from '../ui/toast';

export function Notifications() {
  const toast = useToast();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => {
    setError(null);
    api.notifications().then(
      (p) => {
        setItems(p.notifications);
        setNext(p.next_before);
        unread.set(p.unread);
      },
      (e: ApiError) => setError(e),
    );
  };
  useEffect(load, []);
  useEffect(() => {
    document.title = 'Notifications · Village';
    return () => {
      document.title = 'Village';
    };
  }, []);

  const open = (n: Notification) => {
    if (!n.read) {
      setItems((list) => list?.map((x) => (x.id === n.id ? { ...x, read: true } : x)) ?? null);
      unread.set(Math.max(0, (unread.get() ?? 1) - 1));
      void api.readNotification(n.id).catch(() => undefined);
    }
    navigate(targetOf(n));
  };

  const readAll = async () => {
    setBusy(true);
    try {
      const newest = items?.length ? Math.max(...items.map((n) => n.id)) : undefined;
      const r = await api.readAllNotifications(newest);
      setItems((list) => list?.map((x) => ({ ...x, read: true })) ?? null);
      unread.set(r.unread);
    } catch (e) {
      toast.error(`Couldn’t mark them read: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const more = async () => {
    if (!next) return;
    try {
      const p = await api.notifications(next);
      setItems((list) => [...(list ?? []), ...p.notifications]);
      setNext(p.next_before);
    } catch (e) {
      toast.error(`Couldn’t load older notifications: ${(e as Error).message}`);
    }
  };

  const unreadHere = items?.filter((n) => !n.read).length ?? 0;
  return (
    <div class="page page-narrow">
      <div class="page-head">
        <h1>Notifications</h1>
        {unreadHere > 0 && (
          <button type="button" class="btn" disabled={busy} onClick={() => void readAll()}>
            Mark all read
          </button>
        )}
      </div>
      {error && (
        <div class="notice notice-error" role="alert">
          <p>{error.message}</p>
          <button type="button" class="btn" onClick={load}>
            Try again
          </button>
        </div>
      )}
      {!items && !error && <p class="loading">Loading notifications…</p>}
      {items && items.length === 0 && (
        <Empty
          title="Nothing for you yet"
          action={
            <a class="btn btn-primary" href={paths.home()}>
              Find boards to follow
            </a>
          }
        >
          You’ll hear here when someone mentions you, replies to you, assigns you a card or posts where you follow. Follow a board or a space to hear of its new cards.
        </Empty>
      )}
      {items && items.length > 0 && (
        <ul class="notice-list">
          {items.map((n) => (
            <li key={n.id} class={n.read ? 'is-read' : 'is-unread'}>
              <button type="button" class="notice-item" onClick={() => open(n)}>
                <span class="notice-text">
                  {!n.read && <span class="visually-hidden">Unread: </span>}
                  {describeNotification(n)}
                </span>
                <span class="muted small">
                  {n.board ? `${n.board.name} · ` : ''}
                  <time dateTime={n.created_at}>{formatAgo(n.created_at)}</time>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" class="btn" onClick={() => void more()}>
          Show older
        </button>
      )}
    </div>
  );
}
