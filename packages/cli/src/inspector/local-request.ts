import type { IncomingHttpHeaders } from 'node:http';

const LOCAL_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Whether a request to the inspector on `port` comes from a page of the inspector itself: its Host
 * names this machine (a DNS-rebinding page reaches 127.0.0.1 under its own name, and is refused),
 * and its Origin, when the browser sends one, is the inspector's.
 */
export function isLocalRequest(headers: IncomingHttpHeaders, port: number): boolean {
  const allowed = LOCAL_HOSTNAMES.map((hostname) => `${hostname}:${port}`);
  const host = headers.host?.toLowerCase();
  if (host === undefined || !allowed.includes(host)) return false;
  const origin = headers.origin?.toLowerCase();
  if (origin !== undefined && !allowed.some((allowedHost) => origin === `http://${allowedHost}`)) return false;
  // A browser marks requests another site started; the inspector's own page is same-origin.
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}
