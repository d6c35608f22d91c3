import { dependencyUnavailable } from '../../functions/core/errors.ts';

/**
 * Fault injection for service tests: wraps ports so that the Nth call of any wrapped port (counted across
 * all of them, in the order the service makes them) throws the error a failed SDK call becomes (503
 * `dependency.unavailable`). Arm with `failAt(n)` and raise n until a run makes fewer calls than n: then
 * every step of the use case has failed once.
 */
export class FaultPlan {
  private calls = 0;
  private target: number | undefined;
  /** True once the armed call was reached (and failed). */
  fired = false;
  /** The call that failed, as `port.method`. */
  failedCall: string | undefined;

  failAt(n: number) {
    this.calls = 0;
    this.target = n;
    this.fired = false;
    this.failedCall = undefined;
  }

  disarm() {
    this.target = undefined;
  }

  wrap<T extends object>(name: string, port: T): T {
    return new Proxy(port, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function' || typeof prop === 'symbol' || prop === 'constructor') return value;
        return (...args: unknown[]) => {
          if (this.target !== undefined) {
            this.calls += 1;
            if (this.calls === this.target) {
              this.fired = true;
              this.failedCall = `${name}.${prop}`;
              throw dependencyUnavailable(new Error(`injected failure of ${name}.${prop}`));
            }
          }
          return value.apply(target, args);
        };
      },
    });
  }
}
