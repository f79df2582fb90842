import { describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from './liveboard';
import { LiveBoard, liveUrl } from './livesocket';

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

function setup() {
  vi.useFakeTimers();
  const sockets: FakeSocket[] = [];
  const events: number[] = [];
  const reloads: number[] = [];
  const live = new LiveBoard(
    4,
    { onEvent: (e: LiveEvent) => events.push(e.id), onReload: () => reloads.push(1) },
    {
      url: 'ws://x/api/v1/live',
      open: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      backoff: () => 1000,
    },
  );
  return { live, sockets, events, reloads };
}

describe('LiveBoard', () => {
  it('subscribes, then resubscribes after a drop from the last id it handed on', () => {
    const { live, sockets, events } = setup();
    live.start();
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
    live.stop();
  });

  it('starts from the activity id the board read reflects', () => {
    const { live, sockets, events } = setup();
    live.start(20);
    sockets[0]!.up();
    expect(JSON.parse(sockets[0]!.sent[0]!)).toEqual({ type: 'subscribe', board_id: 4, after: 20 });
    sockets[0]!.say({ type: 'subscribed', board_id: 4, last_activity_id: 22 });
    sockets[0]!.say(event(20));
    sockets[0]!.say(event(21));
    expect(events).toEqual([21]);
    live.stop();
  });

  it('passes on a reload and ignores other boards and junk', () => {
    const { live, sockets, events, reloads } = setup();
    live.start();
    sockets[0]!.up();
    sockets[0]!.say({ ...event(5), board_id: 9 });
    sockets[0]!.onmessage?.({ data: 'not json' } as MessageEvent);
    sockets[0]!.say({ type: 'reload', board_id: 4, last_activity_id: 40 });
    expect(events).toEqual([]);
    expect(reloads).toHaveLength(1);
    expect(live.last).toBe(40);
    live.stop();
  });

  it('does not reconnect once stopped', () => {
    const { live, sockets } = setup();
    live.start();
    sockets[0]!.up();
    live.stop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('builds the socket address from the page', () => {
    expect(liveUrl({ protocol: 'https:', host: 'v.example:8443' })).toBe('wss://v.example:8443/api/v1/live');
    expect(liveUrl({ protocol: 'http:', host: 'localhost' })).toBe('ws://localhost/api/v1/live');
  });
});
