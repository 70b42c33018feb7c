"use client";

/**
 * One /api/live connection per tab, shared by everything on the page that listens (the bell, the
 * status announcer, the batch table or batch page): the server holds a few streams per person,
 * not one per component. Opened with the first listener, closed with the last.
 */
type Listener = (event: MessageEvent<string>) => void;

// EventSource retries a dropped stream by itself but gives up on an answer that is not a stream
// (429 "too many live views", a 502 while the console restarts): then this tries again itself.
const REOPEN_AFTER_MS = 30_000;

let source: EventSource | null = null;
let connected = false;
let reopenTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Map<string, Set<Listener>>();

function dispatch(type: string, event: MessageEvent<string>): void {
  for (const listener of listeners.get(type) ?? []) listener(event);
}

function open(): EventSource {
  const opened = new EventSource("/api/live");
  opened.addEventListener("ready", () => (connected = true));
  opened.addEventListener("error", () => {
    connected = false;
    if (opened.readyState !== EventSource.CLOSED || opened !== source) return;
    reopenTimer = setTimeout(() => {
      if (source === opened) source = open();
    }, REOPEN_AFTER_MS);
  });
  for (const type of listeners.keys()) opened.addEventListener(type, (event) => dispatch(type, event as MessageEvent<string>));
  return opened;
}

/**
 * Calls `listener` for each `type` event on the tab's live stream; returns the unsubscribe.
 * A `ready` listener joining an open stream is called at once: it would otherwise miss the
 * (re)connection that tells it to reload what it shows.
 */
export function subscribeLive(type: string, listener: Listener): () => void {
  let forType = listeners.get(type);
  if (!forType) {
    forType = new Set();
    listeners.set(type, forType);
    source?.addEventListener(type, (event) => dispatch(type, event as MessageEvent<string>));
  }
  forType.add(listener);
  source ??= open();
  if (type === "ready" && connected) queueMicrotask(() => forType.has(listener) && listener(new MessageEvent("ready", { data: "{}" })));
  return () => {
    forType.delete(listener);
    if ([...listeners.values()].some((set) => set.size > 0)) return;
    clearTimeout(reopenTimer);
    source?.close();
    source = null;
    connected = false;
    listeners.clear();
  };
}
