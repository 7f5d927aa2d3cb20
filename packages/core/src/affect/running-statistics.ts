/** Mean and variance of a stream of numbers, forgetting slowly so they follow drift. */
export class RunningStatistics {
  count = 0;
  mean = 0;
  variance = 0;

  /** @param window after this many values, older ones fade exponentially (weight 1/window each). */
  constructor(private readonly window: number) {}

  /** Adds a value: Welford's update while count < window, an exponentially weighted one after. */
  observe(value: number): void {
    this.count++;
    const weight = Math.max(1 / this.count, 1 / this.window);
    const delta = value - this.mean;
    this.mean += weight * delta;
    this.variance = (1 - weight) * (this.variance + weight * delta * delta);
  }

  /** How many standard deviations `value` lies from the mean; 0 until the values have spread. */
  standardize(value: number): number {
    const deviation = Math.sqrt(this.variance);
    return deviation > 1e-9 ? (value - this.mean) / deviation : 0;
  }
}
