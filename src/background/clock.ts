// The worker's notion of now, in Conduit's unit (seconds). One place so that tests can move time.
let offsetSeconds = 0;

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000) + offsetSeconds;
}

/** For end-to-end tests and the demo: make the worker live at another time (the stand-in's clock). */
export function setClockOffset(seconds: number): void {
  offsetSeconds = seconds;
}
