import type { Clock } from '../../../clock/clock.ts';
import { escapeSegment } from '../patch.ts';
import { GatewayErrors } from './gateway-errors.ts';
import type { InvokeStep } from './invocation.ts';
import { TokenBucket } from './token-bucket.ts';

/**
 * The stage's method throttling (method settings `{resourcePath}/{METHOD}`, else `*\/*`), after
 * the usage plan's per-key throttle: a token bucket per stage and method, by the
 * Stratus clock; over it, 429 Too Many Requests. A rate and burst of 0 stop every call, as on AWS.
 */
export function stageThrottleStep(clock: Clock): InvokeStep {
  const buckets = new Map<string, TokenBucket>();
  return {
    name: 'stage-throttle',
    before(inv) {
      const settings = inv.stage.methodSettings;
      if (!settings) return undefined;
      const path = escapeSegment(inv.route.resource.path);
      // A method's own setting (even one created only to turn caching on, which carries the account's
      // default limits, as AWS shows it) replaces the stage-wide `*/*` one.
      const setting =
        settings[`${path}/${inv.request.method}`] ??
        settings[`${path}/${inv.route.method.httpMethod}`] ??
        settings['*/*'];
      if (!setting) return undefined;
      const { throttlingRateLimit: rate, throttlingBurstLimit: burst } = setting;
      if (!(rate >= 0 && burst >= 0)) return undefined;
      // Stage-wide limits apply to each method on its own, not to the stage's methods together.
      const id = `${inv.located.api.id}/${inv.stage.stageName}/${path}/${inv.route.method.httpMethod}`;
      const now = clock.now();
      let bucket = buckets.get(id);
      if (!bucket?.sameLimits(rate, burst)) buckets.set(id, (bucket = new TokenBucket(rate, burst, now)));
      if (!bucket.take(now)) throw GatewayErrors.throttled();
      return undefined;
    },
  };
}
