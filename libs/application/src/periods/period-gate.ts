import { Injectable } from '@nestjs/common';

/**
 * Keeps the period lock's read-check-append atomic against a close, within this process: writes that the
 * lock judges run `shared` (many at once), a close runs `exclusive` (alone), so no change can be judged
 * against a year as open and land after that year's seal. Several processes writing one store (replicas
 * on EventStoreDB) are not covered; docs/decisions.md says what that leaves open.
 */
@Injectable()
export class PeriodGate {
  private sharedHolders = 0;
  private exclusiveHeld = false;
  private readonly waiting: { exclusive: boolean; admit: () => void }[] = [];

  shared<T>(work: () => Promise<T>): Promise<T> {
    return this.hold(false, work);
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.hold(true, work);
  }

  private async hold<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    await new Promise<void>((admit) => {
      this.waiting.push({ exclusive, admit });
      this.admitNext();
    });
    try {
      return await work();
    } finally {
      if (exclusive) this.exclusiveHeld = false;
      else this.sharedHolders -= 1;
      this.admitNext();
    }
  }

  /** First come, first served: a waiting close holds back later writes, so a close is never starved. */
  private admitNext(): void {
    while (this.waiting.length > 0 && !this.exclusiveHeld) {
      const next = this.waiting[0];
      if (next.exclusive && this.sharedHolders > 0) return;
      this.waiting.shift();
      if (next.exclusive) this.exclusiveHeld = true;
      else this.sharedHolders += 1;
      next.admit();
      if (next.exclusive) return;
    }
  }
}
