// Times in scenarios: epoch seconds, ISO 8601 strings, "now", or offsets from the scenario clock such as
// "-6d", "-2h30m", "+1w". Offsets make scenarios readable ("escalated 3 hours ago") and keep them valid
// whatever day the tests run.

const OFFSET = /^([+-])(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_SECONDS = [7 * 86400, 86400, 3600, 60, 1] as const;

export type TimeSpec = number | string;

export class TimeSpecError extends Error {}

/** Resolves a scenario time to epoch seconds. `now` is the scenario clock in epoch seconds. */
export function resolveTime(spec: TimeSpec, now: number, where: string): number {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0) {
      throw new TimeSpecError(`${where}: ${spec} is not a valid epoch time; use whole seconds since 1970`);
    }
    return spec;
  }
  const text = spec.trim();
  if (text === 'now') return now;
  if (/^\d+$/.test(text)) return Number(text);
  const offset = OFFSET.exec(text);
  if (offset && offset.slice(2).some((part) => part !== undefined)) {
    let seconds = 0;
    offset.slice(2).forEach((part, index) => {
      if (part !== undefined) seconds += Number(part) * (UNIT_SECONDS[index] ?? 0);
    });
    return offset[1] === '-' ? now - seconds : now + seconds;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const millis = Date.parse(text.includes('T') || text.length === 10 ? text : text.replace(' ', 'T'));
    if (Number.isFinite(millis)) return Math.floor(millis / 1000);
  }
  throw new TimeSpecError(
    `${where}: cannot read the time ${JSON.stringify(spec)}; write epoch seconds, an ISO date ` +
      `("2026-11-26T13:44:28Z"), "now", or an offset from now such as "-6d", "-2h30m" or "+1w"`,
  );
}
