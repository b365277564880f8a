// The stand-in's clock: epoch seconds that tests move by hand. It never advances on its own, so replies
// and ages stay reproducible however long a test takes.
export class Clock {
  private current: number;

  constructor(start: number) {
    this.current = Math.floor(start);
  }

  now(): number {
    return this.current;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`cannot advance the clock by ${seconds} seconds; give a number of seconds >= 0`);
    }
    this.current += Math.floor(seconds);
  }

  set(epoch: number): void {
    if (!Number.isFinite(epoch) || epoch < 0) {
      throw new RangeError(`cannot set the clock to ${epoch}; give epoch seconds`);
    }
    this.current = Math.floor(epoch);
  }
}
