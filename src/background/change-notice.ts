// Tells open task pages that their task changed, so a banner answered from the cache updates in place:
// after the user acts (watch, assign), and when a poll sees a task move while its page is open.
import type { Settings } from '../shared/settings';
import { tellOpenPages } from './open-pages';
import { pollInstance } from './poll';

/** Tells every tab showing this instance that a task changed, so its banner asks again. */
export async function announceChange(origin: string, taskId: number): Promise<void> {
  await tellOpenPages(origin, [taskId]);
}

/** A poll of one instance that then tells open pages of the tasks it saw move. */
export async function pollAndAnnounce(
  settings: Settings,
  origin: string,
  options: Parameters<typeof pollInstance>[2] = {},
): ReturnType<typeof pollInstance> {
  const result = await pollInstance(settings, origin, options);
  await tellOpenPages(origin, result.moved);
  return result;
}
