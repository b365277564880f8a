// Every request the stand-in served (except its own /__standin/ controls), so tests and benchmarks can
// count Conduit calls and bytes.
export interface LoggedRequest {
  seq: number;
  /** Stand-in clock when served (epoch seconds). */
  at: number;
  httpMethod: string;
  path: string;
  /** Conduit method for /api/ requests. */
  conduitMethod: string | null;
  status: number;
  bytesIn: number;
  bytesOut: number;
  /** Conduit error_code of the reply, if any. */
  errorCode: string | null;
  fault: string | null;
  durationMs: number;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.entries.push({ seq: ++this.seq, ...entry });
  }

  all(): LoggedRequest[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** Conduit calls, optionally of one method. */
  conduitCalls(method?: string): LoggedRequest[] {
    return this.all().filter(
      (entry) => entry.conduitMethod !== null && (method === undefined || entry.conduitMethod === method),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
