import { describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from './liveboard';
import { LiveSocket, liveUrl, type NotificationsMessage } from './livesocket';

/** A stand-in for the browser's WebSocket that records what the client sends. */
class FakeSocket {
  readyState = 0;
  sent: string[] = [];
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  send(t: string) {
    this.sent.push(t);
  }
  close() {
    this.readyState = 3;
  }
  up() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
    this.say({ type: 'welcome', member: { id: 1, display_name: 'Ola' }, last_activity_id: 99 });
  }
  say(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) } as MessageEvent);
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
}

const event = (id: number): object => ({ type: 'event', event: 'card.created', board_id: 4, id, card_id: id, list_id: 1, data: {} });

function setup(after?: number) {
  vi.useFakeTimers();
  const sockets: FakeSocket[] = [];
  const events: number[] = [];
  const reloads: number[] = [];
  const socket = new LiveSocket({
    url: 'ws://x/api/v1/live',
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    backoff: () => 1000,
  });
  const live = socket.board(4, { onEvent: (e: LiveEvent) => events.push(e.id), onReload: () => reloads.push(1) }, after);
  return { socket, live, sockets, events, reloads };
}

describe('LiveSocket', () => {
  it('subscribes, then resubscribes after a drop from the last id it handed on', () => {
    const { socket, live, sockets, events } = setup();
    socket.start();
    sockets[0]!.up();
    expect(JSON.parse(sockets[0]!.sent[0]!)).toEqual({ type: 'subscribe', board_id: 4 });
    sockets[0]!.say({ type: 'subscribed', board_id: 4, last_activity_id: 10 });
    sockets[0]!.say(event(11));
    sockets[0]!.say(event(12));
    sockets[0]!.drop();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    sockets[1]!.up();
    expect(JSON.parse(sockets[1]!.sent[0]!)).toEqual({ type: 'subscribe', board_id: 4, after: 12 });
    // The replay may overlap what was seen: each event is handed on once.
    sockets[1]!.say({ type: 'subscribed', board_id: 4, last_activity_id: 13 });
    sockets[1]!.say(event(12));
    sockets[1]!.say(event(13));
    expect(events).toEqual([11, 12, 13]);
    expect(live.last).toBe(13);
    socket.stop();
  });

  it('starts from the activity id the board read reflects', () => {
    const { socket, sockets, events } = setup(20);
    socket.start();
    sockets[0]!.up();
    expect(JSON.parse(sockets[0]!.sent[0]!)).toEqual({ type: 'subscribe', board_id: 4, after: 20 });
    sockets[0]!.say({ type: 'subscribed', board_id: 4, last_activity_id: 22 });
    sockets[0]!.say(event(20));
    sockets[0]!.say(event(21));
    expect(events).toEqual([21]);
    socket.stop();
  });

  it('passes on a reload and ignores other boards and junk', () => {
    const { socket, live, sockets, events, reloads } = setup();
    socket.start();
    sockets[0]!.up();
    sockets[0]!.say({ ...event(5), board_id: 9 });
    sockets[0]!.onmessage?.({ data: 'not json' } as MessageEvent);
    sockets[0]!.say({ type: 'reload', board_id: 4, last_activity_id: 40 });
    expect(events).toEqual([]);
    expect(reloads).toHaveLength(1);
    expect(live.last).toBe(40);
    socket.stop();
  });

  it('does not reconnect once stopped', () => {
    const { socket, sockets } = setup();
    socket.start();
    sockets[0]!.up();
    socket.stop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('follows a board opened after the socket is up, and stops following it when asked', () => {
    vi.useFakeTimers();
    const sockets: FakeSocket[] = [];
    const socket = new LiveSocket({ url: 'ws://x', open: () => (sockets.push(new FakeSocket()), sockets.at(-1)!), backoff: () => 1000 });
    socket.start();
    sockets[0]!.up();
    expect(sockets[0]!.sent).toEqual([]); // nothing followed yet: the socket is the bell's
    const events: number[] = [];
    const board = socket.board(7, { onEvent: (e) => events.push(e.id), onReload: () => undefined }, 30);
    expect(JSON.parse(sockets[0]!.sent[0]!)).toEqual({ type: 'subscribe', board_id: 7, after: 30 });
    sockets[0]!.say({ ...event(31), board_id: 7 });
    board.stop();
    expect(JSON.parse(sockets[0]!.sent[1]!)).toEqual({ type: 'unsubscribe', board_id: 7 });
    sockets[0]!.say({ ...event(32), board_id: 7 });
    expect(events).toEqual([31]);
    // Leaving the board does not close the tab's socket, nor does a later drop resubscribe it.
    expect(sockets[0]!.readyState).toBe(1);
    sockets[0]!.drop();
    vi.advanceTimersByTime(1000);
    sockets[1]!.up();
    expect(sockets[1]!.sent).toEqual([]);
    socket.stop();
  });

  it('passes on the unread count, on any screen, and says whether to alert', () => {
    const { socket, sockets } = setup();
    const got: NotificationsMessage[] = [];
    const ups: boolean[] = [];
    socket.onNotifications((m) => got.push(m));
    socket.onLive((up) => ups.push(up));
    socket.start();
    expect(socket.live).toBe(false);
    sockets[0]!.up();
    expect(socket.live).toBe(true);
    sockets[0]!.say({ type: 'notifications', unread: 3, alert: true });
    sockets[0]!.say({ type: 'notifications', unread: 4, alert: false });
    sockets[0]!.say({ type: 'notifications', unread: 'many' });
    expect(got).toEqual([
      { unread: 3, alert: true },
      { unread: 4, alert: false },
    ]);
    sockets[0]!.drop();
    expect(socket.live).toBe(false);
    vi.advanceTimersByTime(1000);
    sockets[1]!.up();
    expect(ups).toEqual([true, false, true]);
    socket.stop();
  });

  it('opens again on restart (who is signed in changed), resubscribing from the last id', () => {
    const { socket, sockets } = setup(50);
    socket.start();
    sockets[0]!.up();
    socket.restart();
    expect(sockets[0]!.readyState).toBe(3);
    expect(sockets).toHaveLength(2);
    sockets[1]!.up();
    expect(JSON.parse(sockets[1]!.sent[0]!)).toEqual({ type: 'subscribe', board_id: 4, after: 50 });
    socket.stop();
  });

  it('builds the socket address from the page', () => {
    expect(liveUrl({ protocol: 'https:', host: 'v.example:8443' })).toBe('wss://v.example:8443/api/v1/live');
    expect(liveUrl({ protocol: 'http:', host: 'localhost' })).toBe('ws://localhost/api/v1/live');
  });
});
