// Fault injection for Conduit calls, per method: the next `times` calls of the method (or of every method,
// with "*") are delayed, refused with 429 or 500, answered with broken JSON, dropped mid-connection, or
// sent to a sign-in page with a 302 (a single sign-on proxy in front of a signed-out browser).
import { z } from 'zod';

export const faultSchema = z
  .object({
    method: z.string().min(1),
    kind: z.enum(['latency', '429', '500', 'malformed', 'drop', 'sso-redirect']),
    /** How many calls it affects (default 1). */
    times: z.number().int().positive().optional(),
    /** Delay for "latency" (default 1000); Retry-After for "429" is ceil(ms / 1000) seconds (default 1). */
    ms: z.number().int().nonnegative().optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSchema>;

export interface ActiveFault {
  method: string;
  kind: FaultSpec['kind'];
  remaining: number;
  ms: number | undefined;
}

export class FaultPlan {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ method: spec.method, kind: spec.kind, remaining: spec.times ?? 1, ms: spec.ms });
  }

  /** The fault to apply to this call, if any; using it counts one of its times. */
  take(method: string): ActiveFault | undefined {
    const fault = this.faults.find((candidate) => candidate.method === method || candidate.method === '*');
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }
}
