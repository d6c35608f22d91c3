import type { ScanVerdict } from '#core/attachments';
import type { MalwareScanner } from '#ports/malware-scanner';

/**
 * GuardDuty Malware Protection for S3 scans every object put into the quarantine bucket by itself and
 * publishes its verdict as an EventBridge event, handled by `functions/events/malware-verdict.ts`. So at
 * confirmation time the verdict is always still to come.
 */
export class GuardDutyScanner implements MalwareScanner {
  async scan(): Promise<ScanVerdict> {
    return 'pending';
  }
}
