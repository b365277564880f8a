// Long reads are written as generators that yield between stages (parse, validate, build), so the
// worker can let queued messages run between them while the CLI and tests run them straight through.

export type Steps<T> = Generator<void, T, void>;

/** Runs every stage without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the stages, awaiting `pause` between them. */
export async function runStepsWithPauses<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}
