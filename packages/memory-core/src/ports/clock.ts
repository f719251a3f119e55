/** Time source. memory-core never reads the system clock: callers inject one. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** A clock fixed at one instant (tests, replays) that can be moved forward. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: number | string | Date) {
    this.current = typeof start === 'number' ? start : new Date(start).getTime();
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(to: number | string | Date): void {
    this.current = typeof to === 'number' ? to : new Date(to).getTime();
  }
}
