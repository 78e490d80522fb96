import { statfs } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

const MB = 1024 * 1024;

/** Disk space: at least READY_MIN_FREE_DISK_MB free (to this process) where DATA_DIR is. */
@Injectable()
export class DiskHealth {
  constructor(private readonly indicators: HealthIndicatorService) {}

  async check(dataDir: string, minFreeMb: number) {
    const indicator = this.indicators.check('disk');
    try {
      const { bavail, bsize } = await statfs(dataDir);
      const freeMb = Math.floor((bavail * bsize) / MB);
      if (freeMb >= minFreeMb) return indicator.up({ freeMb, minFreeMb });
      return indicator.down({
        message: `${freeMb} MB free in DATA_DIR, less than READY_MIN_FREE_DISK_MB (${minFreeMb})`,
        freeMb,
        minFreeMb,
      });
    } catch (error) {
      return indicator.down({ message: `DATA_DIR ${dataDir} cannot be examined: ${(error as Error).message}` });
    }
  }
}
