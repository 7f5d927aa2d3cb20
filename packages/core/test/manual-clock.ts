const DAY_MS = 86_400_000;

/** A clock that only moves when told to: deterministic time for tests and simulations. */
export interface ManualClock {
  (): Date;
  advanceDays(days: number): Date;
  set(date: Date): void;
}

export function manualClock(start = new Date('2026-01-01T09:00:00Z')): ManualClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as ManualClock;
  clock.advanceDays = (days) => new Date((now += days * DAY_MS));
  clock.set = (date) => {
    now = date.getTime();
  };
  return clock;
}
