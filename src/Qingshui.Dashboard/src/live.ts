// Server-sent events from /api/v1/events: the current page listens while it is shown.
export interface ReadingsEvent { station: string; section: string | null; time: string; values: Record<string, number> }
export interface ClassEvent { section: string; class: string | null }
export interface IncidentEvent { id: number; status: string }
export interface LiveHandlers {
  readings?: (e: ReadingsEvent[]) => void; class?: (e: ClassEvent) => void; incident?: (e: IncidentEvent) => void; notice?: () => void;
}

let handlers: LiveHandlers = {};
let source: EventSource | null = null;

/**
 * Makes the handlers of the page on screen the ones events go to. A visit overtaken by a newer one may finish later:
 * its registration (from a page no longer in the document) is ignored, so it cannot take the feed from the page shown.
 */
export function onLive(h: LiveHandlers, page?: HTMLElement): void {
  if (page && !page.isConnected) return;
  handlers = h;
}

export function connect(status: (connected: boolean) => void): void {
  source?.close();
  source = new EventSource('/api/v1/events');
  source.onopen = () => status(true);
  // EventSource reconnects by itself; show the gap meanwhile.
  source.onerror = () => status(false);
  source.addEventListener('readings', e => handlers.readings?.(JSON.parse((e as MessageEvent<string>).data) as ReadingsEvent[]));
  source.addEventListener('class', e => handlers.class?.(JSON.parse((e as MessageEvent<string>).data) as ClassEvent));
  source.addEventListener('incident', e => handlers.incident?.(JSON.parse((e as MessageEvent<string>).data) as IncidentEvent));
  // A new notice, or one whose delivery ended (delivered or given up).
  source.addEventListener('notice', () => handlers.notice?.());
  source.addEventListener('notice-delivery', () => handlers.notice?.());
}

/** Calls fn at most once per interval however often it is asked (a burst of packets refreshes a page once). */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: number | undefined;
  return () => {
    if (timer !== undefined) return;
    timer = window.setTimeout(() => { timer = undefined; fn(); }, ms);
  };
}
