// The live socket (GET /api/v1/live, docs/api/live.md) for one board: subscribes with the last
// activity id seen, hands each event on once and in order, and after a dropped connection
// reconnects (backing off) and resubscribes from that id, so nothing is missed or repeated.
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

export class LiveBoard {
  private socket: Socket | null = null;
  private lastId: number | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  private subscribedOnce = false;
  private readonly open: (url: string) => Socket;
  private readonly backoff: (n: number) => number;
  private readonly url: string;

  constructor(
    readonly boardId: number,
    private readonly h: LiveHandlers,
    opts: LiveOptions = {},
  ) {
    this.url = opts.url ?? liveUrl();
    this.open = opts.open ?? ((u) => new WebSocket(u) as Socket);
    this.backoff = opts.backoff ?? defaultBackoff;
  }

  /** The last activity id handed on (resubscriptions start after it). */
  get last(): number | null {
    return this.lastId;
  }

  /**
   * Starts from a known point: the activity id the board read on screen reflects, so the server
   * replays exactly what came after it (no second read needed).
   */
  start(after?: number | null): void {
    if (after !== undefined && after !== null && this.lastId === null) this.lastId = after;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close(1000);
    }
  }

  /** Reconnect now (the browser came back online, the tab became visible). */
  wake(): void {
    if (this.stopped || this.socket) return;
    clearTimeout(this.timer);
    this.connect();
  }

  private connect(): void {
    this.h.onStatus?.('connecting');
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
    s.onmessage = (e) => this.receive(String(e.data));
    s.onerror = () => undefined; // onclose follows and decides
    s.onclose = () => {
      clearInterval(this.pinger);
      if (this.socket === s) this.socket = null;
      this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    this.h.onStatus?.('offline');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), this.backoff(this.attempts++));
  }

  private receive(text: string): void {
    let msg: { type?: string; board_id?: number; id?: number; last_activity_id?: number };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    switch (msg.type) {
      case 'welcome': {
        // The server is ready: subscribe, from the last id handed on when there is one.
        const sub: Record<string, unknown> = { type: 'subscribe', board_id: this.boardId };
        if (this.lastId !== null) sub.after = this.lastId;
        this.socket?.send(JSON.stringify(sub));
        return;
      }
      case 'subscribed': {
        if (msg.board_id !== this.boardId) return;
        this.attempts = 0;
        // "fresh": the first subscription, started from no known point.
        const fresh = !this.subscribedOnce && this.lastId === null;
        this.subscribedOnce = true;
        if (this.lastId === null && typeof msg.last_activity_id === 'number') this.lastId = msg.last_activity_id;
        this.h.onStatus?.('live');
        this.h.onSubscribed?.(fresh);
        return;
      }
      case 'event': {
        const ev = msg as unknown as LiveEvent;
        if (ev.board_id !== this.boardId || typeof ev.id !== 'number') return;
        if (this.lastId !== null && ev.id <= this.lastId) return; // seen already
        this.lastId = ev.id;
        this.h.onEvent(ev);
        return;
      }
      case 'reload':
        if (msg.board_id !== undefined && msg.board_id !== this.boardId) return;
        if (typeof msg.last_activity_id === 'number') this.lastId = msg.last_activity_id;
        this.h.onReload();
        return;
      case 'unsubscribed':
        // No longer visible to this member: stop; the board read will say why.
        if (msg.board_id === this.boardId) {
          this.stop();
          this.h.onStatus?.('offline');
          this.h.onReload();
        }
        return;
      default:
        return; // pong, error
    }
  }
}
