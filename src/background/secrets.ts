// API tokens: stored in the worker's IndexedDB, read only here, never put in a reply or a message.
import { db } from './db';

export async function readToken(origin: string): Promise<string | null> {
  return (await (await db()).get('secrets', origin))?.token ?? null;
}

export async function writeToken(origin: string, token: string | null): Promise<void> {
  const database = await db();
  if (token === null || token.trim() === '') await database.delete('secrets', origin);
  else await database.put('secrets', { origin, token: token.trim() });
}

export async function tokenPresence(origins: string[]): Promise<Record<string, boolean>> {
  const database = await db();
  const entries = await Promise.all(
    origins.map(async (o) => [o, (await database.get('secrets', o)) !== undefined]),
  );
  return Object.fromEntries(entries) as Record<string, boolean>;
}
