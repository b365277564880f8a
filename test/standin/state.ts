// Everything the running stand-in holds: the scenario it was started with, the world built from it, the
// sessions, the clock and the test controls' fault plan and request log.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorld } from './build-world';
import { Clock } from './clock';
import { FaultPlan } from './faults';
import { RequestLog } from './request-log';
import type { ParsedScenario, Scenario } from './scenario';
import { parseScenario, readScenarioFile, ScenarioError } from './scenario';
import { Sessions } from './sessions';
import { resolveTime } from './time';
import type { AvailabilityValue } from './vocabulary';
import type { World } from './world';

const here = dirname(fileURLToPath(import.meta.url));
export const CAPTURED_SCENARIO_PATH = join(here, 'scenarios/captured.json');

export function loadBuiltinScenario(): ParsedScenario {
  return parseScenario(
    JSON.parse(readFileSync(CAPTURED_SCENARIO_PATH, 'utf8')),
    'built-in captured scenario',
  );
}

export function resolveScenario(scenario: Scenario | string | undefined): ParsedScenario {
  if (scenario === undefined) return loadBuiltinScenario();
  if (typeof scenario === 'string') return readScenarioFile(scenario);
  return parseScenario(scenario);
}

export class StandinState {
  readonly clock: Clock;
  readonly faults = new FaultPlan();
  readonly requests = new RequestLog();
  private scenario: ParsedScenario;
  private currentWorld: World;
  private currentSessions: Sessions;
  /** The `now` option of startStandin, which overrides the scenario's clock. */
  private readonly fixedNow: number | undefined;

  constructor(scenario: ParsedScenario, now?: number) {
    this.fixedNow = now;
    this.scenario = scenario;
    const start = this.startTime(scenario);
    this.clock = new Clock(start);
    this.currentWorld = buildWorld(scenario, start);
    this.currentSessions = this.sessionsFor(this.currentWorld, start);
  }

  get world(): World {
    return this.currentWorld;
  }

  get sessions(): Sessions {
    return this.currentSessions;
  }

  get scenarioName(): string {
    return this.currentWorld.name;
  }

  /** Back to the loaded scenario: world, sessions, clock, faults; the request log is kept. */
  reset(): void {
    const start = this.startTime(this.scenario);
    this.clock.set(start);
    this.currentWorld = buildWorld(this.scenario, start);
    this.currentSessions = this.sessionsFor(this.currentWorld, start);
    this.faults.clear();
  }

  /** Replaces the scenario (validated first, so a bad one changes nothing). */
  load(input: unknown): void {
    const parsed = parseScenario(input, 'posted scenario');
    const start = this.startTime(parsed);
    const world = buildWorld(parsed, start);
    this.scenario = parsed;
    this.clock.set(start);
    this.currentWorld = world;
    this.currentSessions = this.sessionsFor(world, start);
    this.faults.clear();
  }

  setAvailability(
    username: string,
    value: AvailabilityValue,
    until: number | string | null | undefined,
  ): void {
    const user = this.world.userByName(username);
    if (!user) throw new ScenarioError(`no user "${username}"`);
    user.availability = {
      value,
      until: until === undefined || until === null ? null : resolveTime(until, this.clock.now(), 'until'),
      eventPHID:
        value === 'available' ? null : (user.availability.eventPHID ?? `PHID-CEVT-standin${user.id}`),
    };
  }

  private startTime(scenario: ParsedScenario): number {
    if (this.fixedNow !== undefined) return this.fixedNow;
    if (scenario.now === undefined) return Math.floor(Date.now() / 1000);
    return resolveTime(scenario.now, Math.floor(Date.now() / 1000), 'now');
  }

  private sessionsFor(world: World, now: number): Sessions {
    const sessions = new Sessions();
    for (const spec of this.scenario.users) {
      const user = world.userByName(spec.username);
      if (!user) continue;
      for (const session of spec.sessions ?? []) {
        sessions.login(user.phid, now, session.key).pinnedCsrf.push(...(session.csrfTokens ?? []));
      }
    }
    return sessions;
  }
}
