import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Deadlines } from '../../src/services/apigateway/invoke/integrations/deadlines.ts';

/** A call that settles when the test says so. */
function call<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets settled promises run their reactions. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('integration timeouts (one timer for every pending call)', () => {
  it('settles with the call when it answers in time, and never times it out afterwards', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const deadlines = new Deadlines(Date.now);
    let timeouts = 0;
    const calls = Array.from({ length: 5 }, () => call<number>());
    const raced = calls.map((c) =>
      deadlines.race(c.promise, 1000, () => {
        timeouts++;
        return new Error('timeout');
      }),
    );
    calls.forEach((c, i) => {
      c.resolve(i);
    });
    assert.deepEqual(await Promise.all(raced), [0, 1, 2, 3, 4]);
    t.mock.timers.tick(5000);
    await turn();
    assert.equal(timeouts, 0);
  });

  it('times out a slow call at its own deadline while the calls around it answered', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const deadlines = new Deadlines(Date.now);
    const outcomes: string[] = [];
    const track = (name: string, promise: Promise<string>) =>
      promise.then(
        (value) => outcomes.push(`${name}: ${value}`),
        (error: Error) => outcomes.push(`${name}: ${error.message}`),
      );
    const fast = call<string>();
    const slow = call<string>();
    const later = call<string>();
    track(
      'fast',
      deadlines.race(fast.promise, 1000, () => new Error('fast timed out')),
    );
    track(
      'slow',
      deadlines.race(slow.promise, 1000, () => new Error('slow timed out')),
    );
    t.mock.timers.tick(400);
    track(
      'later',
      deadlines.race(later.promise, 1000, () => new Error('later timed out')),
    );
    fast.resolve('ok');
    await turn();
    t.mock.timers.tick(599);
    await turn();
    assert.deepEqual(outcomes, ['fast: ok']);
    t.mock.timers.tick(1);
    await turn();
    assert.deepEqual(outcomes, ['fast: ok', 'slow: slow timed out']);
    // A late answer is dropped: the call stays timed out.
    slow.resolve('too late');
    later.reject(new Error('refused'));
    await turn();
    assert.deepEqual(outcomes, ['fast: ok', 'slow: slow timed out', 'later: refused']);
  });

  it('keeps each timeout length in order: a shorter timeout started later expires first', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const deadlines = new Deadlines(Date.now);
    const expired: string[] = [];
    const long = call<void>();
    const short = call<void>();
    deadlines
      .race(long.promise, 29_000, () => new Error('long'))
      .catch((e: Error) => expired.push(e.message));
    t.mock.timers.tick(100);
    deadlines.race(short.promise, 50, () => new Error('short')).catch((e: Error) => expired.push(e.message));
    t.mock.timers.tick(50);
    await turn();
    assert.deepEqual(expired, ['short']);
    t.mock.timers.tick(28_849);
    await turn();
    assert.deepEqual(expired, ['short']);
    t.mock.timers.tick(1);
    await turn();
    assert.deepEqual(expired, ['short', 'long']);
  });

  it('forgets settled calls behind a long-pending one', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    const deadlines = new Deadlines(Date.now);
    let timeouts = 0;
    const stuck = call<void>();
    const stuckRace = deadlines.race(stuck.promise, 1000, () => new Error('stuck'));
    stuckRace.catch(() => timeouts++);
    for (let i = 0; i < 5000; i++) {
      const quick = call<number>();
      const raced = deadlines.race(quick.promise, 1000, () => new Error('quick'));
      quick.resolve(i);
      assert.equal(await raced, i);
    }
    t.mock.timers.tick(1000);
    await turn();
    assert.equal(timeouts, 1);
  });
});
