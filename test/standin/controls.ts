// Test controls under /__standin/ (JSON in, JSON out). They are not logged in the request log, so counts
// there are what a client really sent to "Phabricator".
import { z } from 'zod';
import { faultSchema } from './faults';
import { clearSessionCookie, send, sessionCookie } from './http/respond';
import { ScenarioError } from './scenario';
import type { Exchange } from './server';
import { loadBuiltinScenario } from './state';

const clockSchema = z.union([
  z.object({ advanceSeconds: z.number().nonnegative() }).strict(),
  z.object({ now: z.number().int().nonnegative() }).strict(),
]);

const availabilitySchema = z
  .object({
    username: z.string().min(1),
    value: z.enum(['available', 'busy', 'away']),
    until: z.union([z.number().int(), z.string(), z.null()]).optional(),
  })
  .strict();

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(
  exchange: Exchange,
  status: number,
  value: unknown,
  extra: Record<string, string | string[]> = {},
) {
  return send(
    exchange.res,
    status,
    { 'Content-Type': 'application/json; charset=UTF-8', ...extra },
    `${JSON.stringify(value, null, 2)}\n`,
  );
}

function bodyOf<T>(exchange: Exchange, schema: z.ZodType<T>, what: string): T {
  let parsed: unknown;
  try {
    parsed = exchange.body.length ? JSON.parse(exchange.body.toString('utf8')) : {};
  } catch {
    throw new ControlError(400, `${what}: the body is not valid JSON`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    throw new ControlError(400, `${what}: ${issues.join('; ')}`);
  }
  return result.data;
}

/** Only same-site paths, so the login control cannot be turned into an open redirect. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

function snapshot(exchange: Exchange) {
  const { state } = exchange;
  const world = state.world;
  const now = state.clock.now();
  const name = (phid: string | null) => (phid ? (world.userByPHID(phid)?.username ?? phid) : null);
  return {
    scenario: state.scenarioName,
    now,
    warnings: world.warnings,
    users: world.users.map((user) => ({
      username: user.username,
      phid: user.phid,
      roles: world.roles(user),
      apiToken: user.apiToken,
      availability: world.availability(user, now),
      theme: user.theme,
    })),
    projects: world.projects.map((project) => ({
      id: project.id,
      phid: project.phid,
      name: project.name,
      slug: project.slug,
      members: project.memberPHIDs.map(name),
      columns: project.columns.map((column) => column.name),
    })),
    tasks: world.tasks.map((task) => ({
      id: task.id,
      phid: task.phid,
      title: task.title,
      status: task.status,
      priority: task.priority,
      owner: name(task.ownerPHID),
      author: name(task.authorPHID),
      projects: task.projectPHIDs.map((phid) => world.projectByPHID(phid)?.name ?? phid),
      subscribers: task.subscriberPHIDs.map(name),
      policy: task.policy,
      dateCreated: task.dateCreated,
      dateModified: task.dateModified,
      transactions: world.xactionsOf(task).length,
    })),
    sessions: state.sessions
      .list()
      .map((session) => ({ user: name(session.userPHID), created: session.created })),
    faults: state.faults.list(),
  };
}

export async function handleControl(exchange: Exchange): Promise<void> {
  const { state, url } = exchange;
  const method = exchange.req.method ?? 'GET';
  const action = url.pathname.replace(/^\/__standin\//, '').replace(/\/$/, '');
  try {
    switch (`${method} ${action}`) {
      case 'GET clock':
        json(exchange, 200, { now: state.clock.now() });
        return;
      case 'POST clock': {
        const body = bodyOf(exchange, clockSchema, 'POST /__standin/clock');
        if ('advanceSeconds' in body) state.clock.advance(body.advanceSeconds);
        else state.clock.set(body.now);
        json(exchange, 200, { now: state.clock.now() });
        return;
      }
      case 'GET faults':
        json(exchange, 200, { faults: state.faults.list() });
        return;
      case 'POST faults': {
        const body = bodyOf(
          exchange,
          z.union([faultSchema, z.object({ clear: z.literal(true) }).strict()]),
          'POST /__standin/faults',
        );
        if ('clear' in body) state.faults.clear();
        else state.faults.add(body);
        json(exchange, 200, { faults: state.faults.list() });
        return;
      }
      case 'POST reset':
        state.reset();
        json(exchange, 200, { now: state.clock.now(), scenario: state.scenarioName });
        return;
      case 'POST scenario': {
        const body = bodyOf(exchange, z.unknown(), 'POST /__standin/scenario');
        state.load(body);
        json(exchange, 200, {
          now: state.clock.now(),
          scenario: state.scenarioName,
          warnings: state.world.warnings,
        });
        return;
      }
      case 'POST scenario/captured':
        state.load(loadBuiltinScenario());
        json(exchange, 200, {
          now: state.clock.now(),
          scenario: state.scenarioName,
          warnings: state.world.warnings,
        });
        return;
      case 'GET state':
        json(exchange, 200, snapshot(exchange));
        return;
      case 'POST expire-sessions':
        json(exchange, 200, { expired: state.sessions.expireAll() });
        return;
      case 'POST set-availability': {
        const body = bodyOf(exchange, availabilitySchema, 'POST /__standin/set-availability');
        state.setAvailability(body.username, body.value, body.until);
        const user = state.world.userByName(body.username);
        json(exchange, 200, {
          username: body.username,
          availability: user ? state.world.availability(user, state.clock.now()) : null,
        });
        return;
      }
      case 'GET requests':
        json(exchange, 200, { requests: state.requests.all() });
        return;
      case 'POST requests/clear':
        state.requests.clear();
        json(exchange, 200, { requests: [] });
        return;
      case 'GET login':
      case 'POST login': {
        const username = url.searchParams.get('user') ?? '';
        const user = state.world.userByName(username);
        if (!user)
          throw new ControlError(400, `login: no user "${username}" in the scenario (use ?user=<username>)`);
        if (user.isDisabled) throw new ControlError(403, `login: ${username} is disabled and cannot log in`);
        const session = state.sessions.login(user.phid, state.clock.now());
        const cookie = sessionCookie(session.key, exchange.hostname, Date.now());
        if (url.searchParams.get('format') === 'json') {
          json(
            exchange,
            200,
            {
              user: user.username,
              phsid: session.key,
              csrf: state.sessions.csrfToken(session, state.clock.now()),
            },
            { 'Set-Cookie': cookie },
          );
          return;
        }
        send(
          exchange.res,
          302,
          { Location: safeNext(url.searchParams.get('next')), 'Set-Cookie': cookie },
          '',
        );
        return;
      }
      case 'GET logout':
      case 'POST logout': {
        if (exchange.session?.userPHID) state.sessions.logout(exchange.session.key);
        send(
          exchange.res,
          302,
          {
            Location: safeNext(url.searchParams.get('next')),
            'Set-Cookie': clearSessionCookie(exchange.hostname),
          },
          '',
        );
        return;
      }
    }
    throw new ControlError(404, `no control "${method} /__standin/${action}"; see test/standin/README.md`);
  } catch (error) {
    if (error instanceof ControlError) json(exchange, error.status, { error: error.message });
    else if (error instanceof ScenarioError || error instanceof RangeError)
      json(exchange, 400, { error: error.message });
    else json(exchange, 500, { error: error instanceof Error ? error.message : String(error) });
  }
}
