import { LogsErrors } from './errors.ts';
import type { EventCursor } from './store.ts';

/**
 * GetLogEvents tokens look like AWS's: `f/` or `b/`, 56 digits, `/s`. The digits carry the
 * position in (timestamp, id) order: 20 digits of timestamp, 36 of event id.
 */
export function streamToken(direction: 'f' | 'b', cursor: EventCursor): string {
  const timestamp = String(Math.max(0, cursor.timestamp)).padStart(20, '0');
  return `${direction}/${timestamp}${String(cursor.id).padStart(36, '0')}/s`;
}

export function parseStreamToken(token: string): { direction: 'f' | 'b'; cursor: EventCursor } {
  const match = /^([fb])\/(\d{20})(\d{36})\/s$/.exec(token);
  if (!match) throw LogsErrors.invalidParameter('The specified nextToken is invalid.');
  return {
    direction: match[1] as 'f' | 'b',
    cursor: { timestamp: Number(match[2]), id: Number(match[3]) },
  };
}

/** Opaque pagination tokens for listings and FilterLogEvents. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string | undefined, check: (value: any) => boolean): T | undefined {
  if (token === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (check(value)) return value as T;
  } catch {
    // fall through to the error below
  }
  throw LogsErrors.invalidParameter('The specified nextToken is invalid.');
}

/** AWS's event ids are 56-digit strings; ours carry the event's row id. */
export function eventId(id: number): string {
  return String(id).padStart(56, '0');
}
