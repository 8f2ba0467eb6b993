// client-go's EventSourceObjectSpamFilter: each (source, involved object) pair may write a burst of 25
// events, then one more every 5 minutes (a token bucket per pair, in an LRU of 4096 pairs). It runs after
// aggregation, so a controller that creates a thousand pods for one ReplicaSet writes 25 events about
// it, not a thousand: the rest are counted, not written. Events about different objects never throttle
// each other.
import type { Clock } from './clock.js';
import { setRecent } from './lru-map.js';

export const SPAM_BURST = 25;
/** Tokens per second: one every 300 s. */
export const SPAM_QPS = 1 / 300;

interface Bucket {
  tokens: number;
  at: number;
}

export class EventSpamFilter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /** True when the event under this spam key (getSpamKey: source and involved object) may be written now. */
  allow(spamKey: string): boolean {
    const now = this.clock.now();
    const was = this.buckets.get(spamKey);
    const b: Bucket = was ? { tokens: Math.min(SPAM_BURST, was.tokens + ((now - was.at) / 1000) * SPAM_QPS), at: now } : { tokens: SPAM_BURST, at: now };
    setRecent(this.buckets, spamKey, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
