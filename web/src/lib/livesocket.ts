// The live socket (GET /api/v1/live, docs/api/live.md): one per tab, for the whole app. It carries
// the unread count to the bell on every screen, and the boards a screen follows: each board's
// subscription starts from the last activity id seen, hands each event on once and in order, and
// after a dropped connection the socket reconnects (backing off) and resubscribes every board
// from its last id, so nothing is missed or repeated.
import type { LiveEvent } from './liveboard';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface LiveHandlers {
  onEvent(ev: LiveEvent): void;
  /** The server could not replay what was missed (too far behind): fetch the board again. */
  onReload(): void;
  /** The subscription is in place; `fresh` on the first one (the board read may predate it). */
  onSubscribed?(fresh: boolean): void;
  onStatus?(s: LiveStatus): void;
}

/** `{"type":"notifications"}`: the member's unread count now; `alert` false in quiet hours. */
export interface NotificationsMessage {
  unread: number;
  alert: boolean;
}

type Socket = Pick<WebSocket, 'send' | 'close' | 'readyState'> & {
  onopen: ((e: Event) => void) | null;
  onmessage: ((e: MessageEvent) => void) | null;
  onclose: ((e: CloseEvent) => void) | null;
  onerror: ((e: Event) => void) | null;
};

export interface LiveOptions {
  url?: string;
  open?: (url: string) => Socket;
  /** Delay before reconnect attempt `n` (0-based), in ms. */
  backoff?: (n: number) => number;
}

export const defaultBackoff = (n: number) => Math.min(30_000, 1000 * 2 ** n) * (0.75 + Math.random() * 0.5);

export function liveUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/live`;
}

/** One board followed through the socket. */
export class BoardSubscription {
  private lastId: number | null = null;
  private subscribedOnce = false;

  constructor(
    readonly boardId: number,
    private readonly h: LiveHandlers,
    private readonly owner: LiveSocket,
    after: number | null | undefined,
  ) {
    if (after !== undefined && after !== null) this.lastId = after;
  }

  /** The last activity id handed on (resubscriptions start after it). */
  get last(): number | null {
    return this.lastId;
  }

  stop(): void {
    this.owner.drop(this);
  }

  /** @internal */ subscribeMessage(): string {
    const sub: Record<string, unknown> = { type: 'subscribe', board_id: this.boardId };
    if (this.lastId !== null) sub.after = this.lastId;
    return JSON.stringify(sub);
  }

  /** @internal */ status(s: LiveStatus): void {
    this.h.onStatus?.(s);
  }

  /** @internal */ receive(msg: { type?: string; id?: number; last_activity_id?: number }): void {
    switch (msg.type) {
      case 'subscribed': {
        // "fresh": the first subscription, started from no known point.
        const fresh = !this.subscribedOnce && this.lastId === null;
        this.subscribedOnce = true;
        if (this.lastId === null && typeof msg.last_activity_id === 'number') this.lastId = msg.last_activity_id;
        this.h.onStatus?.('live');
        this.h.onSubscribed?.(fresh);
        return;
      }
      case 'event': {
        if (typeof msg.id !== 'number') return;
        if (this.lastId !== null && msg.id <= this.lastId) return; // seen already
        this.lastId = msg.id;
        this.h.onEvent(msg as unknown as LiveEvent);
        return;
      }
      case 'reload':
        if (typeof msg.last_activity_id === 'number') this.lastId = msg.last_activity_id;
        this.h.onReload();
        return;
      case 'unsubscribed':
        // No longer visible to this member: stop; the board read will say why.
        this.owner.drop(this, false);
        this.h.onStatus?.('offline');
        this.h.onReload();
        return;
    }
  }
}

export class LiveSocket {
  private socket: Socket | null = null;
  private welcomed = false;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private running = false;
  private readonly boards = new Map<number, BoardSubscription>();
  private readonly notificationListeners = new Set<(m: NotificationsMessage) => void>();
  private readonly liveListeners = new Set<(live: boolean) => void>();
  private readonly open: (url: string) => Socket;
  private readonly backoff: (n: number) => number;
  private readonly url: string;

  constructor(opts: LiveOptions = {}) {
    this.url = opts.url ?? liveUrl();
    this.open = opts.open ?? ((u) => new WebSocket(u) as Socket);
    this.backoff = opts.backoff ?? defaultBackoff;
  }

  /** Open and welcomed by the server (the bell then needs no polling). */
  get live(): boolean {
    return this.welcomed;
  }

  /** Opens the socket (if not open) and keeps it open, reconnecting, until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Closes the socket; boards still followed are resubscribed (from their last id) on `start`. */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.closeSocket();
  }

  /** Reconnect at once, e.g. after signing in or out (the socket is authenticated when opened). */
  restart(): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.closeSocket();
    this.attempts = 0;
    this.connect();
  }

  /** Reconnect now (the browser came back online, the tab became visible). */
  wake(): void {
    if (!this.running || this.socket) return;
    clearTimeout(this.timer);
    this.connect();
  }

  /**
   * Follows a board, from the activity id the board read on screen reflects when known, so the
   * server replays exactly what came after it (no second read needed).
   */
  board(boardId: number, h: LiveHandlers, after?: number | null): BoardSubscription {
    this.boards.get(boardId)?.stop();
    const sub = new BoardSubscription(boardId, h, this, after);
    this.boards.set(boardId, sub);
    if (this.welcomed && this.socket?.readyState === 1) this.socket.send(sub.subscribeMessage());
    else sub.status('connecting');
    return sub;
  }

  /** @internal */ drop(sub: BoardSubscription, tellServer = true): void {
    if (this.boards.get(sub.boardId) !== sub) return;
    this.boards.delete(sub.boardId);
    if (tellServer && this.welcomed && this.socket?.readyState === 1) this.socket.send(JSON.stringify({ type: 'unsubscribe', board_id: sub.boardId }));
  }

  onNotifications(l: (m: NotificationsMessage) => void): () => void {
    this.notificationListeners.add(l);
    return () => this.notificationListeners.delete(l);
  }

  /** Told true when the server welcomes the socket, false when it drops. */
  onLive(l: (live: boolean) => void): () => void {
    this.liveListeners.add(l);
    return () => this.liveListeners.delete(l);
  }

  private setWelcomed(w: boolean): void {
    if (this.welcomed === w) return;
    this.welcomed = w;
    this.liveListeners.forEach((l) => l(w));
  }

  private closeSocket(): void {
    clearInterval(this.pinger);
    const s = this.socket;
    this.socket = null;
    this.setWelcomed(false);
    if (s) {
      s.onclose = null;
      s.close(1000);
    }
  }

  private connect(): void {
    this.boards.forEach((b) => b.status('connecting'));
    let s: Socket;
    try {
      s = this.open(this.url);
    } catch {
      this.retry();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      clearInterval(this.pinger);
      // Keeps proxies from closing a quiet connection.
      this.pinger = setInterval(() => {
        if (s.readyState === 1) s.send('{"type":"ping"}');
      }, 25_000);
    };
    s.onmessage = (e) => {
      if (this.socket === s) this.receive(String(e.data));
    };
    s.onerror = () => undefined; // onclose follows and decides
    s.onclose = () => {
      clearInterval(this.pinger);
      if (this.socket !== s) return;
      this.socket = null;
      this.setWelcomed(false);
      this.retry();
    };
  }

  private retry(): void {
    if (!this.running) return;
    this.boards.forEach((b) => b.status('offline'));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), this.backoff(this.attempts++));
  }

  private receive(text: string): void {
    let msg: { type?: string; board_id?: number; id?: number; last_activity_id?: number; unread?: unknown; alert?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    switch (msg.type) {
      case 'welcome':
        // The server is ready: subscribe every board followed, each from its last id.
        this.attempts = 0;
        this.boards.forEach((b) => this.socket?.send(b.subscribeMessage()));
        this.setWelcomed(true);
        return;
      case 'notifications':
        if (typeof msg.unread !== 'number') return;
        {
          const m = { unread: msg.unread, alert: msg.alert === true };
          this.notificationListeners.forEach((l) => l(m));
        }
        return;
      case 'subscribed':
      case 'event':
      case 'reload':
      case 'unsubscribed':
        if (typeof msg.board_id === 'number') this.boards.get(msg.board_id)?.receive(msg);
        return;
      default:
        return; // pong, error
    }
  }
}

/** The tab's socket, shared by every screen. */
let shared: LiveSocket | null = null;
export function liveSocket(): LiveSocket | null {
  if (typeof WebSocket === 'undefined') return null;
  shared ??= new LiveSocket();
  return shared;
}
